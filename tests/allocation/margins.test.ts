import fc from "fast-check"
import { describe, expect, it } from "vitest"
import { seatLists } from "../../src/allocation/list-seats.js"
import { allocateProportional } from "../../src/allocation/proportional.js"
import { methods, type Method, type ProportionalInput } from "../../src/allocation/types.js"
import { editions, type Threshold } from "../../src/ballot/rules.js"

/** List i's certain seats when it alone has x votes (the voters who took part moving with it), by a plain re-run. */
const seatsWith = (input: ProportionalInput, i: number, x: number): number =>
  seatLists(
    {
      ...input,
      lists: input.lists.map((l, j) => (j === i ? { ...l, votes: x } : l)),
      participants: Math.max(0, input.participants - input.lists[i].votes + x),
      lots: []
    },
    false
  ).parties[i].seats

/** How far the brute force looks for a gain: far beyond every gain these small elections can need. */
const horizon = 2_000

/** The brute force: every count one by one. */
const bruteGain = (input: ProportionalInput, i: number, now: number): number | null => {
  for (let d = 1; d <= horizon; d++) if (seatsWith(input, i, input.lists[i].votes + d) > now) return d
  return null
}
const bruteLose = (input: ProportionalInput, i: number, now: number): number | null => {
  for (let d = 1; d <= input.lists[i].votes; d++) if (seatsWith(input, i, input.lists[i].votes - d) < now) return d
  return null
}

const thresholdArb: fc.Arbitrary<Threshold | null> = fc.option(
  fc.record({
    percent: fc.constantFrom("5", "7", "12.5", "30"),
    op: fc.constantFrom("gt" as const, "ge" as const),
    base: fc.constantFrom("participants" as const, "valid" as const)
  }),
  { nil: null }
)

const smallElection = (method: fc.Arbitrary<Method>): fc.Arbitrary<ProportionalInput> =>
  fc
    .record({
      votes: fc.array(fc.nat({ max: 60 }), { minLength: 1, maxLength: 4 }),
      seats: fc.integer({ min: 1, max: 7 }),
      method,
      threshold: thresholdArb,
      tie: fc.constantFrom("lot" as const, "votes" as const),
      againstAllRule: fc.constantFrom("fail" as const, "ignore" as const),
      againstAll: fc.nat({ max: 40 }),
      invalid: fc.nat({ max: 20 })
    })
    .map(({ votes, seats, method, threshold, tie, againstAllRule, againstAll, invalid }) => ({
      seats,
      lists: votes.map((v, i) => ({ id: `L${i}`, votes: v })),
      participants: votes.reduce((a, b) => a + b, 0) + againstAll + invalid,
      againstAll,
      invalid,
      method,
      rules: { threshold, tie, againstAll: againstAllRule }
    }))

describe("margins (SPEC §3)", () => {
  it("Kara-Balta 2020: the fewest votes each list needs for a seat more and can lose before a seat fewer", () => {
    const lists = [
      ["sdpk", 4854],
      ["el-aman", 3074],
      ["mekenim", 2910],
      ["eldik", 2305],
      ["respublika", 531],
      ["onuguu", 376],
      ["sodruzhestvo", 304],
      ["dobro", 73]
    ].map(([id, votes]) => ({ id: id as string, votes: votes as number }))
    const input: ProportionalInput = { seats: 31, lists, participants: 14722, againstAll: 152, invalid: 143, rules: editions["2011"] }
    const result = allocateProportional(input)
    for (const [i, m] of result.margins.entries()) {
      expect(m.party).toBe(lists[i].id)
      expect(m.gain).toBe(bruteGain(input, i, result.parties[i].seats))
      expect(m.lose).toBe(bruteLose(input, i, result.parties[i].seats))
    }
    // Respublika needs 538 votes: 1,069 of 15,260 who took part is more than 7% (1,068.2), and worth 2 seats at once.
    expect(result.margins[4]).toEqual({ party: "respublika", gain: 538, lose: null })
    expect(seatsWith(input, 4, 531 + 538)).toBe(2)
  })

  it("a list holding every seat has no gain; a list without seats has nothing to lose (b needs 4 > 10 / 3)", () => {
    const input: ProportionalInput = {
      seats: 3,
      lists: [
        { id: "a", votes: 10 },
        { id: "b", votes: 0 }
      ],
      participants: 10,
      againstAll: 0,
      invalid: 0,
      rules: { threshold: null, tie: "lot", againstAll: "ignore" },
      method: "dhondt"
    }
    expect(allocateProportional(input).margins).toEqual([
      { party: "a", gain: null, lose: 10 },
      { party: "b", gain: 4, lose: null }
    ])
  })

  it("a tie is not a seat: one vote more ends the tie for the third seat, falling to 5 votes makes a and b part of it", () => {
    const input: ProportionalInput = {
      seats: 3,
      lists: [
        { id: "a", votes: 10 },
        { id: "b", votes: 10 },
        { id: "c", votes: 5 }
      ],
      participants: 25,
      againstAll: 0,
      invalid: 0,
      rules: { threshold: null, tie: "lot", againstAll: "ignore" },
      method: "dhondt"
    }
    const result = allocateProportional(input)
    expect(result.status).toBe("lot-required")
    expect(result.margins).toEqual([
      { party: "a", gain: 1, lose: 5 },
      { party: "b", gain: 1, lose: 5 },
      { party: "c", gain: 1, lose: null }
    ])
  })

  it("Hare with a threshold is not monotone in a list's own votes: so the search goes piece by piece", () => {
    // 2 seats, 12.5% of participants: at 18 votes L0 holds a seat; at 19 the base rises, L2 (14 of 112) drops out,
    // the quota grows for everyone and L1's remainder (0.51) passes L0's (0.49).
    const input: ProportionalInput = {
      seats: 2,
      lists: [
        { id: "L0", votes: 18 },
        { id: "L1", votes: 58 },
        { id: "L2", votes: 14 }
      ],
      participants: 111,
      againstAll: 21,
      invalid: 0,
      method: "hare",
      rules: { threshold: { percent: "12.5", op: "gt", base: "participants" }, tie: "lot", againstAll: "fail" }
    }
    expect([seatsWith(input, 0, 18), seatsWith(input, 0, 19), seatsWith(input, 0, 20)]).toEqual([1, 0, 1])
    // Its margins: 157 votes more for a second seat (a third of the seats' worth), 4 fewer to lose its seat.
    expect(allocateProportional(input).margins[0]).toEqual({ party: "L0", gain: 157, lose: 4 })
    expect([bruteGain(input, 0, 1), bruteLose(input, 0, 1)]).toEqual([157, 4])
  })

  it("Droop is not monotone either: its whole quota steps up with the list's own votes (24 votes: 3 seats, 25: 2)", () => {
    const input: ProportionalInput = {
      seats: 3,
      lists: [
        { id: "L0", votes: 24 },
        { id: "L1", votes: 7 }
      ],
      participants: 31,
      againstAll: 0,
      invalid: 0,
      method: "droop",
      rules: { threshold: null, tie: "lot", againstAll: "ignore" }
    }
    expect([seatsWith(input, 0, 24), seatsWith(input, 0, 25), seatsWith(input, 0, 26)]).toEqual([3, 2, 3])
    expect(allocateProportional(input).margins[0]).toEqual({ party: "L0", gain: null, lose: 1 })
  })

  for (const method of methods) {
    it(`${method}: every gain and loss equals a brute-force search over the list's own votes`, () => {
      fc.assert(
        fc.property(smallElection(fc.constant(method)), (input) => {
          const result = allocateProportional(input)
          result.margins.forEach((m, i) => {
            const now = result.parties[i].seats
            expect(m.lose).toBe(bruteLose(input, i, now))
            if (now === input.seats) return expect(m.gain).toBeNull()
            const brute = bruteGain(input, i, now)
            if (m.gain !== null && m.gain <= horizon) expect(m.gain).toBe(brute)
            else expect(brute).toBeNull()
          })
        }),
        { numRuns: Number(process.env.RUNS ?? 100) }
      )
    })
  }
})
