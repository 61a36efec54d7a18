import { describe, expect, it } from "vitest"
import { allocateProportional } from "../../src/allocation/proportional.js"
import type { ProportionalInput } from "../../src/allocation/types.js"
import { editions } from "../../src/ballot/rules.js"
import { seatsOf } from "./helpers.js"

/** 1 000 voters took part; lists A 600, B 250, C 70, D 50; against all 20, invalid 10. */
const city = (overrides: Partial<ProportionalInput> = {}): ProportionalInput => ({
  seats: 10,
  lists: [
    { id: "A", votes: 600, candidates: ["a1", "a2", "a3", "a4", "a5", "a6", "a7"] },
    { id: "B", votes: 250, candidates: ["b1", "b2", "b3"] },
    { id: "C", votes: 70 },
    { id: "D", votes: 50 }
  ],
  participants: 1000,
  againstAll: 20,
  invalid: 10,
  rules: editions["2024"],
  ...overrides
})

describe("threshold", () => {
  it("edition 2011 admits more than 7%: 70 of 1 000 is not enough", () => {
    const result = allocateProportional(city({ rules: editions["2011"] }))
    expect(result.parties.map((p) => p.admitted)).toEqual([true, true, false, false])
  })

  it("edition 2024 admits 5% and more: 50 of 1 000 is enough", () => {
    const result = allocateProportional(city())
    expect(result.parties.map((p) => p.admitted)).toEqual([true, true, true, true])
    expect(result.threshold).toEqual({ percent: "5", op: "ge", base: "participants" })
  })

  it("compares a decimal percent exactly: 0.5% of 1 000 is 5 votes", () => {
    const rules = { ...editions["2024"], threshold: { percent: "0.5", op: "ge" as const, base: "participants" as const } }
    const result = allocateProportional(city({ rules, lists: [{ id: "A", votes: 5 }, { id: "B", votes: 4 }, { id: "C", votes: 961 }] }))
    expect(result.parties.map((p) => p.admitted)).toEqual([true, false, true])
  })

  it("can be taken of valid ballots (sum of lists plus against all)", () => {
    // valid = 970 + 20 = 990; 7% of 990 = 69.3, so C (70) passes on valid ballots though not on participants.
    const rules = { ...editions["2011"], threshold: { percent: "7", op: "gt" as const, base: "valid" as const } }
    const result = allocateProportional(city({ rules }))
    expect(result.base).toBe(990)
    expect(result.parties.map((p) => p.admitted)).toEqual([true, true, true, false])
  })

  it("gives the lists below it nothing and shares the seats among the others by Hare", () => {
    // 2011: A 600 and B 250 admitted, 850 votes; 10 seats: 6000 and 2500 over 850: whole 7 and 2,
    // remainders 50 and 800 (over 850): the last seat goes to B.
    const result = allocateProportional(city({ rules: editions["2011"] }))
    expect(seatsOf(result)).toEqual({ A: 7, B: 3, C: 0, D: 0 })
  })
})

describe("failed elections", () => {
  it("fail with no-list-admitted when no list passes", () => {
    const result = allocateProportional(city({ lists: [{ id: "A", votes: 40 }, { id: "B", votes: 30 }] }))
    expect(result.status).toBe("failed")
    expect(result.reason).toBe("no-list-admitted")
    expect(result.parties.every((p) => p.seats === 0)).toBe(true)
    expect(result.steps.at(-1)).toMatchObject({ kind: "failed", reason: "no-list-admitted" })
  })

  it("fail with against-all-exceeds-leader when against all beats the leading list", () => {
    const result = allocateProportional(city({ againstAll: 601 }))
    expect(result.status).toBe("failed")
    expect(result.reason).toBe("against-all-exceeds-leader")
  })

  it("do not fail when against all only equals the leader", () => {
    expect(allocateProportional(city({ againstAll: 600 })).status).toBe("allocated")
  })

  it("do not fail on against all when the rule is switched off", () => {
    const rules = { ...editions["2024"], againstAll: "ignore" as const }
    expect(allocateProportional(city({ againstAll: 601, rules })).status).toBe("allocated")
  })
})

describe("elected deputies", () => {
  it("are the first names of each list in list order", () => {
    const result = allocateProportional(city({ rules: editions["2011"] }))
    expect(result.parties[0].elected).toEqual(["a1", "a2", "a3", "a4", "a5", "a6", "a7"])
    expect(result.parties[1].elected).toEqual(["b1", "b2", "b3"])
    expect(result.parties[2].elected).toEqual([])
  })

  it("stop at the end of a short list, and the steps say how many seats stay empty", () => {
    const result = allocateProportional(city({ seats: 20, rules: editions["2011"] }))
    expect(result.parties[1].seats).toBe(6)
    expect(result.parties[1].elected).toEqual(["b1", "b2", "b3"])
    expect(result.steps).toContainEqual(expect.objectContaining({ kind: "note", text: expect.stringContaining("3 seats stay empty") }))
  })

  it("are only the certain ones while a lot is required", () => {
    // 1 seat, A and B 450 each: quota 900, no whole seat, equal remainders 450 for the only seat.
    const tied = allocateProportional(
      city({ seats: 1, lists: [{ id: "A", votes: 450, candidates: ["a1"] }, { id: "B", votes: 450, candidates: ["b1"] }], participants: 1000 })
    )
    expect(tied.status).toBe("lot-required")
    expect(tied.parties.map((p) => p.elected)).toEqual([[], []])
  })
})

describe("the result", () => {
  it("uses Hare when no method is given and reports the method", () => {
    expect(allocateProportional(city()).method).toBe("hare")
    expect(allocateProportional(city({ method: "dhondt" })).method).toBe("dhondt")
  })

  it("is plain JSON that survives a round trip", () => {
    const result = allocateProportional(city())
    expect(JSON.parse(JSON.stringify(result))).toEqual(result)
  })
})
