import { describe, expect, it } from "vitest"
import { firstChoice, L } from "../../src/ballot/protocol.js"
import { editions } from "../../src/ballot/rules.js"
import type { DistrictInput, ProportionalInput } from "../../src/allocation/types.js"
import { districtQuestion } from "../../src/sensitivity/districts.js"
import { listsQuestion } from "../../src/sensitivity/lists.js"
import { searcher } from "../../src/sensitivity/search.js"
import { sensitivity } from "../../src/sensitivity/sensitivity.js"
import type { Totals } from "../../src/tally/totals.js"
import { electionOf } from "../tally/elections.js"

/** A proportional base of the statutory rules of `edition`, every participant's ballot found. */
const lists = (votes: Record<string, number>, seats: number, againstAll: number, edition: "2011" | "2024"): ProportionalInput => ({
  seats,
  lists: Object.entries(votes).map(([id, v]) => ({ id, votes: v })),
  participants: Object.values(votes).reduce((a, b) => a + b, 0) + againstAll,
  againstAll,
  invalid: 0,
  rules: editions[edition],
  method: "hare"
})

const answer = (input: ProportionalInput, voters: number) => searcher(listsQuestion(input)).answer(voters)

describe("proportional: hand-worked cases", () => {
  // 5 seats, a 620, b 280, c 100 (all over 7%): quotas 3.1, 1.4, 0.5; the last seat goes to c's 0.5 over b's 0.4.
  // b takes it when (280 + x - 100) * 5 >= 1000 + x, i.e. from x = 25 (at 25 the remainders are equal: a lot).
  const close = lists({ a: 620, b: 280, c: 100 }, 5, 0, "2011")

  it("24 voters cannot move the last seat: b would need 25 votes more", () => {
    expect(listsQuestion(close).proven).toBe(24)
    expect(answer(close, 24)).toEqual({ answer: "cannot" })
  })

  it("25 voters can: all 25 for b tie its remainder with c's, and a tie is a change (lot-required)", () => {
    expect(answer(close, 25)).toEqual({ answer: "can", x: [0, 25, 0, 0, 0] })
  })

  it("a list at exactly 5% (edition 2024: 5% and more) falls out with one more participant who does not vote for it", () => {
    // 20 seats, a 95, b 5 of 100: b is admitted with 5.00% and has one seat; with 101 participants it has 4.95%.
    const input = lists({ a: 95, b: 5 }, 20, 0, "2024")
    expect(listsQuestion(input).proven).toBe(0)
    expect(answer(input, 1)).toEqual({ answer: "can", x: [1, 0, 0, 0] })
  })

  it('"against all" three votes behind the leader: 2 voters cannot fail the election, 3 can', () => {
    const input = lists({ a: 100, b: 50 }, 3, 98, "2011")
    expect(answer(input, 2)).toEqual({ answer: "cannot" })
    expect(answer(input, 3)).toEqual({ answer: "can", x: [0, 0, 3, 0] })
  })

  it("an open tie (lot-required) is broken by one vote; no voters change nothing", () => {
    const input = lists({ a: 10, b: 10 }, 1, 0, "2024")
    expect(answer(input, 0)).toEqual({ answer: "cannot" })
    expect(answer(input, 1)).toEqual({ answer: "can", x: [1, 0, 0, 0] })
  })

  it("a tie settled by a recorded lot is undone by one vote for the list that lost it", () => {
    const input = { ...lists({ a: 10, b: 10 }, 1, 0, "2024"), lots: [{ winners: ["a"] }] }
    expect(answer(input, 1)).toEqual({ answer: "can", x: [0, 1, 0, 0] })
  })

  it("a list that could pass the threshold and still win no seat changes nothing (each case of the split keeps the seats)", () => {
    // 8 seats, edition 2011 rule with 5% "more than": l1 (10 votes) gets in with 213 votes more, but 0.47 of a quota wins no seat.
    const input: ProportionalInput = { ...lists({ l0: 2559, l1: 10, l2: 1659 }, 8, 6, "2011"), rules: { ...editions["2011"], threshold: { percent: "5", op: "gt", base: "participants" } } }
    const question = listsQuestion(input)
    expect(question.directions[1].bound).toBe(212)
    expect(question.proven).toBeGreaterThanOrEqual(251)
    expect(answer(input, 251)).toEqual({ answer: "cannot" })
  })
})

describe("majoritarian: hand-worked cases", () => {
  // 2 seats, one reserved for women (edition 2024): m1 100, m2 90, w1 50. The plain top two are men, so m2 gives way
  // to w1. m2 takes m1's seat only with 10 votes more than m1 gets (at 10, equal votes: a lot); no man can take w1's.
  const district: DistrictInput = {
    seats: 2,
    candidates: [
      { id: "m1", votes: 100, gender: "M" },
      { id: "m2", votes: 90, gender: "M" },
      { id: "w1", votes: 50, gender: "F" }
    ],
    againstAll: 0,
    rules: editions["2024"]
  }

  it("9 voters cannot change the elected, however they mark two candidates each", () => {
    expect(districtQuestion(district, 2).proven).toBe(9)
    expect(searcher(districtQuestion(district, 2)).answer(9)).toEqual({ answer: "cannot" })
  })

  it("10 voters marking m2 tie m1 for the men's seat", () => {
    expect(searcher(districtQuestion(district, 2)).answer(10)).toEqual({ answer: "can", x: [0, 10, 0, 0] })
  })

  it('a failed district stays failed while "against all" keeps more votes than every candidate', () => {
    const failed: DistrictInput = { ...district, againstAll: 105 }
    const search = searcher(districtQuestion(failed, 2))
    expect(search.answer(4)).toEqual({ answer: "cannot" })
    expect(search.answer(5)).toEqual({ answer: "can", x: [5, 0, 0, 0] })
  })

  it("a vacant seat is filled by the first vote for a candidate who had none", () => {
    const vacant: DistrictInput = { seats: 2, candidates: [{ id: "a", votes: 7, gender: "M" }, { id: "b", votes: 0, gender: "M" }], againstAll: 0, rules: editions["2011"] }
    expect(searcher(districtQuestion(vacant, 2)).answer(1)).toEqual({ answer: "can", x: [0, 1, 0] })
  })
})

/** Totals with the given choice votes and against all, every participant's ballot found (as core's `totalsWithout` gives them). */
const totalsOf = (width: number, votes: ReadonlyArray<[number, number]>, againstAll: number, invalid: number): Totals => {
  const values = new Float64Array(firstChoice + width)
  for (const [choice, v] of votes) values[firstChoice + choice] = v
  const valid = votes.reduce((a, [, v]) => a + v, 0) + againstAll
  values[L.againstAll] = againstAll
  values[L.invalid] = invalid
  values[L.valid] = valid
  values[L.issuedPremises] = valid + invalid
  return { precincts: 1, values }
}

describe("sensitivity (SPEC §3): the JSON of a tally's precincts in question", () => {
  const city = electionOf({
    id: "c",
    name: "City",
    system: "proportional",
    edition: "2011",
    seats: 5,
    parties: [
      { id: "a", name: "A" },
      { id: "b", name: "B" },
      { id: "__proto__", name: "C" }
    ],
    territories: [{ id: "T1", name: "T1" }]
  })
  const base = { totals: totalsOf(3, [[0, 620], [1, 280], [2, 100]], 0, 0), districts: [] }

  it("is null when no precinct is in question", () => {
    expect(sensitivity(city, base, [])).toBeNull()
  })

  it("answers each precinct and all together, with the witness in votes per choice and the seats it gives", () => {
    const result = sensitivity(city, base, [
      { precinct: "7", why: "annulled", voters: 20, district: null },
      { precinct: "8", why: "missing", voters: 10, district: null }
    ])
    expect(JSON.parse(JSON.stringify(result))).toEqual({
      precincts: [
        { precinct: "7", why: "annulled", voters: 20, answer: "cannot", witness: null },
        { precinct: "8", why: "missing", voters: 10, answer: "cannot", witness: null }
      ],
      together: {
        precincts: 2,
        voters: 30,
        answer: "can",
        // b's 305 and c's 100 have equal remainders for the fifth seat: a lot (certain seats only)
        witness: { ballots: 25, to: { b: 25 }, seats: JSON.parse('{ "a": 3, "b": 1, "__proto__": 0 }') }
      }
    })
  })

  const village = electionOf({
    id: "v",
    name: "Village",
    system: "majoritarian",
    edition: "2024",
    districts: [
      {
        id: "D1",
        name: "D1",
        seats: 2,
        candidates: [
          { id: "m1", name: "M1", gender: "M" },
          { id: "m2", name: "M2", gender: "M" },
          { id: "w1", name: "W1", gender: "F" }
        ]
      },
      { id: "D2", name: "D2", seats: 1, candidates: [{ id: "x", name: "X", gender: "M" }, { id: "y", name: "Y", gender: "F" }] }
    ],
    territories: [{ id: "T1", name: "T1" }]
  })
  const villageBase = {
    totals: totalsOf(5, [[0, 100], [1, 90], [2, 50], [3, 40], [4, 10]], 0, 0),
    districts: [
      { id: "D1", totals: totalsOf(5, [[0, 100], [1, 90], [2, 50]], 0, 0) },
      { id: "D2", totals: totalsOf(5, [[3, 40], [4, 10]], 0, 0) }
    ]
  }

  it("in an ayil kenesh, answers by the precinct's district and gives who would be elected there", () => {
    const result = sensitivity(village, villageBase, [
      { precinct: "1", why: "preliminary", voters: 9, district: "D1" },
      { precinct: "2", why: "errors", voters: 29, district: "D2" },
      { precinct: "3", why: "missing", voters: 30, district: "D2" }
    ])
    expect(JSON.parse(JSON.stringify(result))).toEqual({
      precincts: [
        { precinct: "1", why: "preliminary", voters: 9, answer: "cannot", witness: null },
        { precinct: "2", why: "errors", voters: 29, answer: "cannot", witness: null },
        { precinct: "3", why: "missing", voters: 30, answer: "can", witness: { ballots: 30, to: { y: 30 }, elected: { D2: [] } } }
      ],
      together: { precincts: 3, voters: 68, answer: "can", witness: { ballots: 30, to: { y: 30 }, elected: { D2: [] } } }
    })
  })
})
