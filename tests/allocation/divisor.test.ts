import { describe, expect, it } from "vitest"
import { analyst, seatsOf } from "./helpers.js"

/** A 100, B 80, C 30, D 20 for 8 seats: the quotient tables below are worked by hand. */
const example = { A: 100, B: 80, C: 30, D: 20 }

describe("divisor methods on the worked example (8 seats)", () => {
  it("dhondt (1, 2, 3, ...) gives A 4, B 3, C 1, D 0", () => {
    // A 100, 50, 33.3, 25 | B 80, 40, 26.7 | C 30 | D 20: the 8 largest are
    // 100 A, 80 B, 50 A, 40 B, 33.3 A, 30 C, 26.7 B, 25 A; next would be 20 (A, B, D).
    expect(seatsOf(analyst("dhondt", example, 8))).toEqual({ A: 4, B: 3, C: 1, D: 0 })
  })

  it("sainte-lague (1, 3, 5, ...) gives A 3, B 3, C 1, D 1, serving equal quotients when seats remain for both", () => {
    // A 100, 33.3, 20 | B 80, 26.7, 16 | C 30 | D 20: 100 A, 80 B, 33.3 A, 30 C, 26.7 B, then 20 A and 20 D
    // (equal, 3 seats left: both served), then 16 B.
    const result = analyst("sainte-lague", example, 8)
    expect(result.status).toBe("allocated")
    expect(seatsOf(result)).toEqual({ A: 3, B: 3, C: 1, D: 1 })
  })

  it("modified-sainte-lague (1.4, 3, 5, ...) ties A and D exactly on the last seat", () => {
    // A 71.43, 33.3, 20, 14.2857 | B 57.14, 26.7, 16 | C 21.43 | D 14.2857: seven seats A 3, B 3, C 1,
    // then A's 100 / 7 and D's 20 / 1.4 are both exactly 100/7: a lot for the 8th seat.
    const result = analyst("modified-sainte-lague", example, 8)
    expect(result.status).toBe("lot-required")
    expect(result.tie).toEqual({ among: ["A", "D"], seats: 1 })
    expect(seatsOf(result)).toEqual({ A: 3, B: 3, C: 1, D: 0 })
    const settled = analyst("modified-sainte-lague", example, 8, { lots: [{ winners: ["D"] }] })
    expect(seatsOf(settled)).toEqual({ A: 3, B: 3, C: 1, D: 1 })
  })

  it("imperiali (2, 3, 4, ...) gives A 5, B 3", () => {
    // A 50, 33.3, 25, 20, 16.7 | B 40, 26.7, 20, 16 | C 15 | D 10:
    // 50 A, 40 B, 33.3 A, 26.7 B, 25 A, 20 A and 20 B (both served), 16.7 A.
    expect(seatsOf(analyst("imperiali", example, 8))).toEqual({ A: 5, B: 3, C: 0, D: 0 })
  })

  it("adams (0, 1, 2, ...) gives every list a first seat, then A 3, B 3", () => {
    // first seats A, B, C, D; then A 100, 50 | B 80, 40 | C 30 | D 20: 100 A, 80 B, 50 A, 40 B.
    expect(seatsOf(analyst("adams", example, 8))).toEqual({ A: 3, B: 3, C: 1, D: 1 })
  })

  it("huntington-hill (sqrt(n(n+1))) gives A 3, B 3, C 1, D 1", () => {
    // first seats to all; divisors sqrt 2 = 1.414, sqrt 6 = 2.449: A 70.71, 40.82 | B 56.57, 32.66 | C 21.21 | D 14.14.
    const result = analyst("huntington-hill", example, 8)
    expect(seatsOf(result)).toEqual({ A: 3, B: 3, C: 1, D: 1 })
    expect(result.steps[0]).toMatchObject({ kind: "divisors", divisors: ["0", "1.4142", "2.4495", "3.4641", "4.4721"] })
  })

  it("dean (n(n+1)/(n+1/2)) gives A 3, B 3, C 1, D 1", () => {
    // first seats to all; divisors 4/3, 12/5: A 75, 41.67 | B 60, 33.33 | C 22.5 | D 15.
    expect(seatsOf(analyst("dean", example, 8))).toEqual({ A: 3, B: 3, C: 1, D: 1 })
  })

  it("compares squared quotients exactly, so a true tie is a tie (huntington-hill)", () => {
    // A 10, B 60, 10 seats: first seats A, B; B's next seven quotients (60/sqrt 2 = 42.4 down to 60/sqrt 56 = 8.02)
    // beat A's 10/sqrt 2 = 7.07. For the 10th seat A holds 1 (divisor sqrt 2) and B holds 8 (divisor sqrt 72):
    // 10^2 * 72 = 7200 = 60^2 * 2, exactly equal; in floats 7.071067811865475 against 7.0710678118654755.
    const result = analyst("huntington-hill", { A: 10, B: 60 }, 10)
    expect(result.status).toBe("lot-required")
    expect(result.tie).toEqual({ among: ["A", "B"], seats: 1 })
    expect(seatsOf(result)).toEqual({ A: 1, B: 8 })
  })
})

describe("divisor methods: ties and lists without votes", () => {
  it("dhondt needs a lot for equal votes and one seat", () => {
    const result = analyst("dhondt", { A: 20, B: 20 }, 1)
    expect(result.status).toBe("lot-required")
    expect(result.tie).toEqual({ among: ["A", "B"], seats: 1 })
    expect(result.steps).toContainEqual(expect.objectContaining({ kind: "tie", among: ["A", "B"], seats: 1 }))
  })

  it("adams with fewer seats than lists gives first seats to the most votes, and a lot for equal votes", () => {
    expect(seatsOf(analyst("adams", { A: 50, B: 30, C: 20 }, 2))).toEqual({ A: 1, B: 1, C: 0 })
    const result = analyst("adams", { A: 50, B: 30, C: 30 }, 2)
    expect(result.tie).toEqual({ among: ["B", "C"], seats: 1 })
    expect(seatsOf(result)).toEqual({ A: 1, B: 0, C: 0 })
  })

  it("gives no seat to a list without votes, even with a zero first divisor", () => {
    expect(seatsOf(analyst("dean", { A: 10, B: 0 }, 3))).toEqual({ A: 3, B: 0 })
  })

  it("fails with no-list-admitted when no list has a vote (abacus gte_19 test_with_0_votes)", () => {
    const result = analyst("dhondt", { A: 0 }, 19)
    expect(result.status).toBe("failed")
    expect(result.reason).toBe("no-list-admitted")
  })
})
