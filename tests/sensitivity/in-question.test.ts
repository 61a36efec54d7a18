import { describe, expect, it } from "vitest"
import { precinctsInQuestion } from "../../src/sensitivity/in-question.js"
import { electionOf } from "../tally/elections.js"

const village = (precincts: ReadonlyArray<Record<string, unknown>> | undefined) =>
  electionOf({
    id: "v",
    name: "Village",
    system: "majoritarian",
    edition: "2024",
    districts: [{ id: "D1", name: "D1", seats: 1, candidates: [{ id: "a", name: "A", gender: "M" }] }],
    territories: [{ id: "T1", name: "T1" }],
    ...(precincts === undefined ? {} : { precincts })
  })

const states = {
  precincts: { annulled: ["3"], missing: ["1"], preliminary: ["2", "3"] },
  findings: [
    { severity: "error" as const, precinct: "2" },
    { severity: "warning" as const, precinct: "4" },
    { severity: "error" as const, precinct: "5" },
    { severity: "error" as const, precinct: null }
  ]
}

describe("precinctsInQuestion: which precincts sensitivity asks about", () => {
  it("each once, in id order, with the first reason: annulled, missing, preliminary, errors; voters and district from the registry", () => {
    const election = village([1, 2, 3, 4, 5].map((i) => ({ id: `${i}`, territory: "T1", district: "D1", voters: 100 * i })))
    expect(precinctsInQuestion(election, states, () => ({ voters: 7, district: "elsewhere" }))).toEqual([
      { precinct: "1", why: "missing", voters: 100, district: "D1" },
      { precinct: "2", why: "preliminary", voters: 200, district: "D1" },
      { precinct: "3", why: "annulled", voters: 300, district: "D1" },
      { precinct: "5", why: "errors", voters: 500, district: "D1" }
    ])
  })

  it("without a registry, the protocol's own voters and district; none known, no voters", () => {
    const protocols = new Map([["2", { voters: 40, district: "D1" }]])
    expect(precinctsInQuestion(village(undefined), states, (id) => protocols.get(id) ?? null).map((p) => [p.precinct, p.voters, p.district])).toEqual([
      ["1", 0, null],
      ["2", 40, "D1"],
      ["3", 0, null],
      ["5", 0, null]
    ])
  })
})
