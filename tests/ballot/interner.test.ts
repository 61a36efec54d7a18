/** The interner takes back the entry it added last, with or without its hash table, and finds every other one as before. */
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
