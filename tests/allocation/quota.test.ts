import { describe, expect, it } from "vitest"
import { analyst, seatsOf } from "./helpers.js"

/** A 100, B 80, C 30, D 20: 230 votes for 8 seats. */
const example = { A: 100, B: 80, C: 30, D: 20 }

describe("hare: Hare quota, largest remainders", () => {
  it("gives A 3, B 3, C 1, D 1 in the worked example", () => {
    // quota 230 / 8 = 28.75; votes * 8 = 800, 640, 240, 160, so whole seats 800 div 230 = 3, 2, 1, 0 (6 seats)
    // and remainders (votes * 8) mod 230 = 110, 180, 10, 160 (over 230): the 2 seats left go to B (180) and D (160).
    const result = analyst("hare", example, 8)
    expect(result.status).toBe("allocated")
    expect(seatsOf(result)).toEqual({ A: 3, B: 3, C: 1, D: 1 })
    expect(result.steps.filter((s) => s.kind === "seat").map((s) => (s.kind === "seat" ? s.to : ""))).toEqual(["B", "D"])
  })

  it("records the quota and every whole part with its exact remainder", () => {
    const steps = analyst("hare", example, 8).steps
    expect(steps).toContainEqual(expect.objectContaining({ kind: "quota", quota: "28.75", votes: 230, seats: 8 }))
    expect(steps).toContainEqual(expect.objectContaining({ kind: "whole", party: "B", whole: 2, remainder: "0.7826" }))
  })

  it("needs a lot when equal remainders compete for fewer seats", () => {
    // quota 100 / 2 = 50; votes * 2 = 60, 60, 80: no whole seat; remainders 60, 60, 80:
    // C takes the first seat; A and B are equal for the second.
    const result = analyst("hare", { A: 30, B: 30, C: 40 }, 2)
    expect(result.status).toBe("lot-required")
    expect(result.tie).toEqual({ among: ["A", "B"], seats: 1 })
    expect(seatsOf(result)).toEqual({ A: 0, B: 0, C: 1 })
  })

  it("settles the tie by a recorded lot and records it", () => {
    const result = analyst("hare", { A: 30, B: 30, C: 40 }, 2, { lots: [{ among: ["A", "B"], winners: ["B"] }] })
    expect(result.status).toBe("allocated")
    expect(seatsOf(result)).toEqual({ A: 0, B: 1, C: 1 })
    expect(result.lots).toEqual([{ among: ["A", "B"], winners: ["B"] }])
    expect(result.tie).toBeNull()
  })

  it("accepts a lot that names only the winners (--lot ID)", () => {
    const result = analyst("hare", { A: 30, B: 30, C: 40 }, 2, { lots: [{ winners: ["A"] }] })
    expect(seatsOf(result)).toEqual({ A: 1, B: 0, C: 1 })
    expect(result.lots).toEqual([{ among: ["A", "B"], winners: ["A"] }])
  })

  it("ignores a lot that does not fit the tie, and says so", () => {
    const result = analyst("hare", { A: 30, B: 30, C: 40 }, 2, { lots: [{ winners: ["C"] }] })
    expect(result.status).toBe("lot-required")
    expect(result.steps.at(-1)).toMatchObject({ kind: "note" })
  })

  it("under the votes rule gives equal remainders to more votes first", () => {
    // 4 seats, 100 votes: votes * 4 = 140, 40, 220; whole 1, 0, 2 (3 seats); remainders 40, 40, 20:
    // A and B are equal for the last seat, and A has more votes.
    const votes = { A: 35, B: 10, C: 55 }
    expect(analyst("hare", votes, 4).tie).toEqual({ among: ["A", "B"], seats: 1 })
    const result = analyst("hare", votes, 4, { tie: "votes" })
    expect(result.status).toBe("allocated")
    expect(seatsOf(result)).toEqual({ A: 2, B: 0, C: 2 })
    expect(result.steps).toContainEqual(expect.objectContaining({ kind: "tie-break", among: ["A", "B"], winners: ["A"] }))
  })

  it("under the votes rule still needs a lot when the votes are equal too", () => {
    const result = analyst("hare", { A: 30, B: 30, C: 40 }, 2, { tie: "votes" })
    expect(result.tie).toEqual({ among: ["A", "B"], seats: 1 })
  })

  it("serves equal remainders when there are seats for all of them (abacus lt_19 residual case)", () => {
    // 8 seats, 80 votes: quota 10; whole 1, 1, 4 (6 seats); remainders 7, 7, 6: 2 seats for the 2 equal claims.
    const result = analyst("hare", { A: 17, B: 17, C: 46 }, 8)
    expect(result.status).toBe("allocated")
    expect(seatsOf(result)).toEqual({ A: 2, B: 2, C: 4 })
  })
})

describe("droop: quota floor(V / (S + 1)) + 1, largest remainders", () => {
  it("gives A 4, B 3, C 1, D 0 in the worked example", () => {
    // quota floor(230 / 9) + 1 = 26; whole 100 div 26 = 3, 80 div 26 = 3, 30 div 26 = 1, 20 div 26 = 0 (7 seats);
    // remainders 22, 2, 4, 20: the last seat goes to A.
    const result = analyst("droop", example, 8)
    expect(seatsOf(result)).toEqual({ A: 4, B: 3, C: 1, D: 0 })
    expect(result.steps).toContainEqual(expect.objectContaining({ kind: "quota", quota: "26.00" }))
  })

  it("gives the seats left after one remainder seat each by the highest average votes / (seats + 1)", () => {
    // 5 votes for 10 seats: quota floor(5 / 11) + 1 = 1; whole A 3, B 2; equal remainders 0: a seat each (A 4, B 3).
    // Then averages: A 3/5 beats B 2/4 (A 5); A 3/6 equals B 2/4 for the last 2 seats: a seat each.
    const result = analyst("droop", { A: 3, B: 2 }, 10)
    expect(result.status).toBe("allocated")
    expect(seatsOf(result)).toEqual({ A: 6, B: 4 })
  })

  it("180 votes for 1,000 seats: the seats follow the votes instead of going round the lists (issue 13)", () => {
    // Before: 373 / 323 / 303 and a lot, the 30-vote list nearly level with the 100-vote one.
    const result = analyst("droop", { a: 100, b: 50, c: 30 }, 1000)
    expect(result.status).toBe("allocated")
    const seats = seatsOf(result)
    expect(seats.a + seats.b + seats.c).toBe(1000)
    for (const [id, votes] of [["a", 100], ["b", 50], ["c", 30]] as const) expect(Math.abs(seats[id] - (votes * 1000) / 180)).toBeLessThan(2)
  })
})
