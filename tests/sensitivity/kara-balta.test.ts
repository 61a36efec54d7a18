import { Either } from "effect"
import * as fs from "node:fs"
import { describe, expect, it } from "vitest"
import { allocateProportional } from "../../src/allocation/proportional.js"
import { readElection } from "../../src/ballot/election.js"
import { firstChoice, lineFields } from "../../src/ballot/protocol.js"
import { listsQuestion, withBallots } from "../../src/sensitivity/lists.js"
import { listsInput, sensitivity } from "../../src/sensitivity/sensitivity.js"

/** The README's worked example: Kara-Balta 2020 (fixtures/kara-balta-2020) with precinct 5101 annulled. */
const election = Either.getOrThrow(readElection("fixtures/kara-balta-2020/election.json"))
const [header, ...rows] = fs
  .readFileSync("fixtures/kara-balta-2020/protocols.csv", "utf8")
  .trim()
  .split("\n")
  .map((l) => l.split(","))
const columns = [...lineFields, ...election.parties.map((p) => p.id)]
const values = new Float64Array(firstChoice + election.parties.length)
for (const row of rows.filter((r) => r[0] !== "5101")) columns.forEach((c, i) => (values[i] += Number(row[header.indexOf(c)])))
const base = { totals: { precincts: rows.length - 1, values }, districts: [] }
const input = listsInput(election, base.totals)
const seats = (x: ReadonlyArray<number>) => Object.fromEntries(allocateProportional(withBallots(input, x)).parties.map((p) => [p.party, p.seats]))
const eldik = (votes: number) => [0, 0, 0, votes, 0, 0, 0, 0, 0, 0]

describe("Kara-Balta 2020 with precinct 5101 annulled (README)", () => {
  it("without 5101 the seats are the published ones, the last seat SDPK's by a remainder of 5929/12636 over Eldik's 5330/12636", () => {
    expect(input.participants).toBe(14_154)
    expect(seats(eldik(0))).toMatchObject({ sdpk: 12, "el-aman": 7, "mekenim-kyrgyzstan": 7, eldik: 5 })
    const steps = allocateProportional(input).steps.map((s) => s.text)
    expect(steps).toContain("sdpk: 4 675 / 407.61 = 11.4692: 11 whole seats, remainder 0.4692 (5929/12636)")
    expect(steps).toContain("eldik: 2 210 / 407.61 = 5.4218: 5 whole seats, remainder 0.4218 (5330/12636)")
  })

  it("16 ballots, however cast, cannot change the seats; along each kind of ballot the proof holds this far", () => {
    const question = listsQuestion(input)
    expect(question.proven).toBe(16)
    expect(question.directions.map((d) => d.bound)).toEqual([707, 82, 99, 16, 516, 676, 751, 990, 4529, 17417])
    expect(seats(eldik(16))).toMatchObject({ sdpk: 12, eldik: 5 })
  })

  it("its 1,495 voters can: 17 votes for Eldik move the 31st seat from SDPK to Eldik", () => {
    const answer = sensitivity(election, base, [{ precinct: "5101", why: "annulled", voters: 1495, district: null }])
    const witness = {
      ballots: 17,
      to: { eldik: 17 },
      seats: { sdpk: 11, "el-aman": 7, "mekenim-kyrgyzstan": 7, eldik: 6, respublika: 0, "onuguu-progress": 0, sodruzhestvo: 0, dobro: 0 }
    }
    expect(JSON.parse(JSON.stringify(answer))).toEqual({
      precincts: [{ precinct: "5101", why: "annulled", voters: 1495, answer: "can", witness }],
      together: { precincts: 1, voters: 1495, answer: "can", witness }
    })
  })
})
