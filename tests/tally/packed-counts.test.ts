/** Packed counts give back exactly the counts packed, of any size a count can have. */
import fc from "fast-check"
import { describe, expect, it } from "vitest"
import { movedOffset, PackedCounts } from "../../src/tally/packed-counts.js"

/** The bytes packed so far. */
const bytesOf = (packed: PackedCounts): number => packed.data(true).arenas.reduce((n, a) => n + a.length, 0)

/** The counts packed at `offset`, through `map`. */
const unpack = (packed: PackedCounts, offset: number, map: Int32Array): Float64Array => {
  const into = new Float64Array(map.length)
  packed.get(offset, map, into)
  return into
}

const count = fc.oneof(fc.integer({ min: 0, max: 200 }), fc.integer({ min: 0, max: 20_000 }), fc.integer({ min: 0, max: 2 ** 32 + 5 }), fc.maxSafeNat())

describe("PackedCounts", () => {
  it("unpacks every protocol as it was packed, through a map, in a small arena that grows", () => {
    fc.assert(
      fc.property(fc.array(fc.array(count, { minLength: 1, maxLength: 30 }), { minLength: 1, maxLength: 40 }), (rows) => {
        const packed = new PackedCounts(0)
        // Each row is packed from a source with one number before it, and unpacked in reverse order.
        const at = rows.map((row) => packed.put(Float64Array.from([7, ...row]), 1, Int32Array.from(row, (_, j) => j)))
        rows.forEach((row, k) => {
          const into = new Float64Array(row.length)
          packed.get(at[k], Int32Array.from(row, (_, j) => row.length - 1 - j), into)
          expect([...into]).toEqual([...row].reverse())
        })
      })
    )
  })

  it("takes one byte for a count below 128, two below 16,384", () => {
    const packed = new PackedCounts(0)
    const map = Int32Array.from([0, 1, 2])
    expect(packed.put(Float64Array.from([0, 127, 128]), 0, map)).toBe(0)
    expect(bytesOf(packed)).toBe(1 + 1 + 2)
    expect(packed.put(Float64Array.from([16383, 16384, Number.MAX_SAFE_INTEGER]), 0, map)).toBe(4)
    expect(bytesOf(packed)).toBe(4 + 2 + 3 + 8)
  })

  it("keeps every offset when its arena is full and packing goes on in a new one, nothing copied", () => {
    const packed = new PackedCounts(0)
    const map = Int32Array.from({ length: 30 }, (_, j) => j)
    const rows = Array.from({ length: 200 }, (_, k) => Float64Array.from(map, (j) => k * 1000 + j))
    const at = rows.map((row) => packed.put(row, 0, map))
    const arenas = packed.data(true).arenas
    expect(arenas.length).toBeGreaterThan(1)
    rows.forEach((row, k) => expect([...unpack(packed, at[k], map)]).toEqual([...row]))
    // Packed once, never copied: every arena is its own memory.
    expect(new Set(arenas.map((a) => a.buffer)).size).toBe(arenas.length)
  })

  it("takes another's arenas, large ones as they are and small ones copied, and moves their offsets", () => {
    const map = Int32Array.from([0, 1, 2])
    for (const size of [10, 2 << 20]) {
      const theirs = new PackedCounts(size)
      const row = (k: number) => Float64Array.from([k % 128, k % 16384, k])
      const at = Array.from({ length: size / 6 }, (_, k) => theirs.put(row(k), 0, map))
      const mine = new PackedCounts(0)
      mine.put(Float64Array.from([5, 6, 7]), 0, map)
      const given = theirs.data(true)
      const moved = mine.append(given)
      at.forEach((offset, k) => {
        if (k % 997 === 0 || k === at.length - 1) expect([...unpack(mine, movedOffset(moved, offset), map)]).toEqual([...row(k)])
      })
      const shared = mine.data(true).arenas.some((a) => given.arenas.some((g) => g.buffer === a.buffer))
      expect(shared).toBe(size > 1 << 20)
      expect([...unpack(mine, 0, map)]).toEqual([5, 6, 7])
      // Counts over arenas taken from elsewhere (a worker's part) keep their offsets, and packing goes on.
      const over = PackedCounts.of(given)
      expect([...unpack(over, at[at.length - 1], map)]).toEqual([...row(at.length - 1)])
      const next = over.put(Float64Array.from([1, 2, 3]), 0, map)
      expect([...unpack(over, next, map)]).toEqual([1, 2, 3])
    }
  })

  it("refuses what is not a count: negative, fractional, beyond 2^53 (a bug upstream, never data)", () => {
    for (const x of [-1, 2 ** 53, 1e300, Number.NaN, 16384.5])
      expect(() => new PackedCounts().put(Float64Array.from([x]), 0, Int32Array.from([0]))).toThrow(/not a count/)
  })
})
