/**
 * The interner takes back the entry it added last, with or without its hash table, and finds every other one as
 * before; a run of entries is the same in two tables exactly when each entry is.
 */
import fc from "fast-check"
import { describe, expect, it } from "vitest"
import { Interner } from "../../src/ballot/interner.js"

const ids = (t: Interner) => Array.from({ length: t.size }, (_, i) => t.string(i))

describe("Interner.dropLast", () => {
  it("in increasing order (no hash table yet): the last entry goes, and can come back", () => {
    const t = new Interner()
    for (const id of ["P1", "P2", "P3"]) t.add(id)
    t.dropLast()
    expect(ids(t)).toEqual(["P1", "P2"])
    expect(t.find("P3")).toBe(-1)
    expect(t.add("P3")).toBe(2)
  })

  it("with the hash table built: the dropped id is not found, the others are, and a new one takes its place", () => {
    const t = new Interner()
    const many = Array.from({ length: 40 }, (_, i) => `P${(i * 17) % 40}`)
    for (const id of many) t.add(id)
    t.add("Q")
    t.dropLast()
    expect(t.find("Q")).toBe(-1)
    for (const [i, id] of many.entries()) expect(t.find(id)).toBe(i)
    expect(t.add("R")).toBe(40)
    expect(t.find("R")).toBe(40)
    expect(ids(t)).toEqual([...many, "R"])
  })
})

describe("Interner.sameRun", () => {
  /** A table of these ids, added in this order (a dropped row's id taken back on the way, as readers do). */
  const tableOf = (list: ReadonlyArray<string>, dropAt: number): Interner => {
    const t = new Interner()
    for (const [k, id] of list.entries()) {
      if (k === dropAt) {
        t.add(`${id}-dropped`)
        t.dropLast()
      }
      t.add(id)
    }
    return t
  }
  const id = fc.constantFrom("P1", "P2", "P10", "P", "P11", "Q", "П1", "")

  it("answers as comparing the runs entry by entry would", () => {
    fc.assert(
      fc.property(fc.uniqueArray(id, { minLength: 1 }), fc.uniqueArray(id, { minLength: 1 }), fc.nat(8), fc.nat(8), fc.nat(9), fc.nat(9), (a, b, j, i, n, drop) => {
        const mine = tableOf(a, drop)
        const theirs = tableOf(b, drop)
        const fits = n > 0 && i + n <= a.length && j + n <= b.length
        const same = fits && Array.from({ length: n }, (_, k) => a[i + k] === b[j + k]).every(Boolean)
        expect(mine.sameRun(theirs, j, i, n)).toBe(same)
      })
    )
  })

  it("tells runs apart whose bytes are the same but whose entries are cut differently", () => {
    expect(tableOf(["P1", "P10"], -1).sameRun(tableOf(["P11", "P0"], -1), 0, 0, 2)).toBe(false)
    expect(tableOf(["P1", "P10"], -1).sameRun(tableOf(["P1", "P10"], -1), 0, 0, 2)).toBe(true)
  })
})

describe("Interner.over", () => {
  it("is the base's entries, then its own, for any base and any ids added (the base left as it was)", () => {
    const id = fc.stringMatching(/^P[0-9]{1,3}$/)
    fc.assert(
      fc.property(fc.uniqueArray(id, { maxLength: 30 }), fc.boolean(), fc.array(id, { maxLength: 30 }), (base, sorted, added) => {
        const b = new Interner()
        for (const x of sorted ? [...base].sort() : base) b.add(x)
        const before = ids(b)
        const t = Interner.over(b)
        const expected = [...before]
        for (const x of added) {
          const i = t.add(x)
          if (!expected.includes(x)) expected.push(x)
          expect(i).toBe(expected.indexOf(x))
        }
        // The base adds one of its own after: neither table's entries are the other's.
        expect(b.add("Q")).toBe(before.length)
        expect(ids(b)).toEqual([...before, "Q"])
        for (const [i, x] of [...before, "Q"].entries()) expect(b.find(x)).toBe(i)
        expect(Buffer.from(t.toData().arena).toString()).toBe(expected.join(""))
        for (const [i, x] of expected.entries()) expect(t.find(x)).toBe(i)
        expect(t.find("Q")).toBe(expected.indexOf("Q"))
      }),
      { numRuns: 300 }
    )
  })

  it("finds the next entry by its guess without a hash table, as a reader in registry order does", () => {
    const b = new Interner()
    for (const x of ["P1", "P2", "P3"]) b.add(x)
    const t = Interner.over(b)
    const bytes = Buffer.from("P1P2P3")
    expect([0, 1, 2].map((k) => t.indexOrAddNear(bytes, 2 * k, 2 * k + 2, k))).toEqual([0, 1, 2])
    expect(t.toData().table).toBeNull()
  })
})
