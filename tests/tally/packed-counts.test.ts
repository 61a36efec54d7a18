/** Packed counts give back exactly the counts packed, of any size a count can have. */
import fc from "fast-check"
import { describe, expect, it } from "vitest"
import { PackedCounts } from "../../src/tally/packed-counts.js"

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
          expect(packed.first(at[k])).toBe(row[0])
        })
      })
    )
  })

  it("takes one byte for a count below 128, two below 16,384, and keeps offsets when appended elsewhere", () => {
    const packed = new PackedCounts(0)
    const map = Int32Array.from([0, 1, 2])
    expect(packed.put(Float64Array.from([0, 127, 128]), 0, map)).toBe(0)
    expect(packed.data(false).length).toBe(1 + 1 + 2)
    expect(packed.put(Float64Array.from([16383, 16384, Number.MAX_SAFE_INTEGER]), 0, map)).toBe(4)
    expect(packed.data(false).length).toBe(4 + 2 + 3 + 8)
    const other = new PackedCounts(0)
    other.put(Float64Array.from([5, 6, 7]), 0, map)
    const shift = other.append(packed.data(false))
    const into = new Float64Array(3)
    other.get(4 + shift, map, into)
    expect([...into]).toEqual([16383, 16384, Number.MAX_SAFE_INTEGER])
    expect(PackedCounts.of(packed.data(false)).first(4)).toBe(16383)
  })

  it("refuses what is not a count: negative, fractional, beyond 2^53 (a bug upstream, never data)", () => {
    for (const x of [-1, 2 ** 53, 1e300, Number.NaN, 16384.5])
      expect(() => new PackedCounts().put(Float64Array.from([x]), 0, Int32Array.from([0]))).toThrow(/not a count/)
  })
})
