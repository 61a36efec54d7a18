import fc from "fast-check"
import { describe, expect, it } from "vitest"
import { apportion } from "../../src/generate/apportion.js"

const run = (total: number, cap: number, weights: Array<number>, start = 0): Array<number> => {
  const out = new Int32Array(weights.length)
  apportion(total, cap, weights, weights.length, out, new Uint8Array(weights.length), start)
  return [...out]
}

describe("apportion", () => {
  it("splits in proportion to the weights and gives the rounding rest from `start` on", () => {
    expect(run(10, 10, [1, 1, 2])).toEqual([3, 2, 5])
    expect(run(10, 10, [1, 1, 2], 1)).toEqual([2, 3, 5])
  })

  it("caps a choice and shares its excess among the others", () => {
    expect(run(12, 5, [10, 1, 1])).toEqual([5, 4, 3])
  })

  it("always sums to the total with every share between 0 and the cap", () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0.01, max: 100, noNaN: true }), { minLength: 1, maxLength: 20 }),
        fc.integer({ min: 0, max: 100_000 }),
        fc.nat(),
        fc.nat(),
        (weights, cap, t, start) => {
          const total = t % (cap * weights.length + 1)
          const out = run(total, cap, weights, start)
          expect(out.reduce((a, b) => a + b, 0)).toBe(total)
          for (const x of out) {
            expect(x).toBeGreaterThanOrEqual(0)
            expect(x).toBeLessThanOrEqual(cap)
          }
        }
      )
    )
  })
})
