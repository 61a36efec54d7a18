import fc from "fast-check"
import { describe, expect, it } from "vitest"
import { compareMethods, gallagher, loosemoreHanby } from "../../src/allocation/compare.js"
import { allocateProportional } from "../../src/allocation/proportional.js"
import { methods, type ProportionalInput } from "../../src/allocation/types.js"
import { analystInput } from "./helpers.js"

/** A 100, B 80, C 30, D 20 for 8 seats (the divisor tests' worked example). */
const example = analystInput("hare", { A: 100, B: 80, C: 30, D: 20 }, 8)

describe("compareMethods (SPEC §3.1)", () => {
  it("gives every method's seats, status and indices side by side, with the lists' shares", () => {
    const comparison = compareMethods(example, methods)
    expect(comparison.seats).toBe(8)
    expect(comparison.lists).toEqual([
      { party: "A", votes: 100, share: "0.4348" },
      { party: "B", votes: 80, share: "0.3478" },
      { party: "C", votes: 30, share: "0.1304" },
      { party: "D", votes: 20, share: "0.0870" }
    ])
    expect(comparison.methods.map((m) => [m.method, m.seats.A, m.seats.D])).toEqual([
      ["hare", 3, 1],
      ["droop", 4, 0],
      ["dhondt", 4, 0],
      ["sainte-lague", 3, 1],
      ["modified-sainte-lague", 3, 0],
      ["imperiali", 5, 0],
      ["huntington-hill", 3, 1],
      ["adams", 3, 1],
      ["dean", 3, 1]
    ])
    expect(Object.keys(comparison.methods[0])).toEqual(["method", "status", "seats", "gallagher", "loosemoreHanby", "allocation"])
  })

  it("Gallagher and Loosemore-Hanby in percentage points, 2 decimals half up, worked by hand", () => {
    // Hare 3/3/1/1: v*8 - s*230 = 110, -50, 10, -70 over 1,840. LH = 50 * 240 / 1840 = 6.5217;
    // Gallagher = sqrt(5000 * 19600 / 1840^2) = sqrt(28.946) = 5.3802.
    const hare = compareMethods(example, ["hare", "dhondt"]).methods
    expect([hare[0].gallagher, hare[0].loosemoreHanby]).toEqual(["5.38", "6.52"])
    // D'Hondt 4/3/1/0: -120, -50, 10, 160. LH = 50 * 340 / 1840 = 9.2391; Gallagher = sqrt(62.914) = 7.9318.
    expect([hare[1].gallagher, hare[1].loosemoreHanby]).toEqual(["7.93", "9.24"])
  })

  it("rounds half up exactly, and counts the rows without seats", () => {
    // Votes 1 and 7 of 8, seats 0 and 1: |12.5 - 0| + |87.5 - 100| = 25, half is 12.50; Gallagher sqrt(156.25) = 12.50.
    expect(loosemoreHanby([1n, 7n], [0n, 1n], 1n)).toBe("12.50")
    expect(gallagher([1n, 7n], [0n, 1n], 1n)).toBe("12.50")
    // 1 of 3 and 2 of 3 for 1 seat: |33.33 - 0| + |66.67 - 100| = 66.67, half is 33.333... -> 33.33.
    expect(loosemoreHanby([1n, 2n], [0n, 1n], 1n)).toBe("33.33")
    // 1/8 = 0.125: exactly half way, up.
    expect(loosemoreHanby([1n, 3n], [0n, 1n], 1n)).toBe("25.00")
    expect(gallagher([0n, 0n], [0n, 0n], 3n)).toBe("0.00")
  })

  it("equals the single-method runs, method by method (fast-check)", () => {
    const inputArb: fc.Arbitrary<ProportionalInput> = fc
      .record({
        votes: fc.array(fc.nat({ max: 500 }), { minLength: 1, maxLength: 5 }),
        seats: fc.integer({ min: 1, max: 15 }),
        threshold: fc.option(fc.constantFrom("3", "5", "7.5"), { nil: null }),
        againstAll: fc.nat({ max: 100 })
      })
      .map(({ votes, seats, threshold, againstAll }) => ({
        seats,
        lists: votes.map((v, i) => ({ id: `L${i}`, votes: v })),
        participants: votes.reduce((a, b) => a + b, 0) + againstAll,
        againstAll,
        invalid: 0,
        rules: { threshold: threshold === null ? null : { percent: threshold, op: "ge", base: "participants" }, tie: "lot", againstAll: "fail" }
      }))
    fc.assert(
      fc.property(inputArb, fc.subarray([...methods], { minLength: 1 }), (input, which) => {
        const comparison = compareMethods(input, which)
        comparison.methods.forEach((column, k) => {
          const single = allocateProportional({ ...input, method: which[k] })
          expect(column.allocation).toEqual(single)
          expect(column.status).toBe(single.status)
          expect({ ...column.seats }).toEqual(Object.fromEntries(single.parties.map((p) => [p.party, p.seats])))
        })
      }),
      { numRuns: 60 }
    )
  })

  it("keeps a list called __proto__ as data", () => {
    const input = analystInput("hare", { a: 10, b: 10 }, 2)
    const comparison = compareMethods({ ...input, lists: [{ id: "__proto__", votes: 10 }, { id: "b", votes: 10 }] }, ["hare"])
    expect(JSON.parse(JSON.stringify(comparison.methods[0].seats))).toEqual(JSON.parse('{"__proto__":1,"b":1}'))
  })
})
