/** `asu-mismatch` (SPEC §4): the ASU count against the hand count, line by line, within `rules.asuTolerance`, exactly. */
import { describe, expect, it } from "vitest"
import { firstChoice, L, proportionalLayout } from "../../src/ballot/protocol.js"
import { checkAsu, scaledPercent } from "../../src/reconciliation/asu-rules.js"
import { cleanProtocol, electionOf, tallyTexts } from "../tally/elections.js"

const layout = proportionalLayout(["a", "b"])
const row = (valid: number, a: number, b: number) => {
  const v = new Float64Array(firstChoice + 2)
  v[L.voters] = 1000
  v[L.valid] = valid
  v[firstChoice] = a
  v[firstChoice + 1] = b
  return v
}

describe("checkAsu", () => {
  it("stays silent when the counts agree", () => {
    expect(checkAsu(row(500, 300, 200), row(500, 300, 200), layout, "0")).toBeNull()
  })
  it("with the default tolerance 0, any difference fires; the message names every line, expected/actual hold the first", () => {
    expect(checkAsu(row(1000, 600, 400), row(1001, 601, 400), layout, "0")).toEqual({
      code: "asu-mismatch",
      expected: 1000,
      actual: 1001,
      message: "the ballot box's count differs from the hand count: valid 1 001 (manual 1 000), a 601 (manual 600)"
    })
  })
  it("a tolerance is a percent of the manual figure, compared exactly: 0.5% of 1000 is 5", () => {
    expect(checkAsu(row(1000, 600, 400), row(1005, 600, 400), layout, "0.5")).toBeNull()
    expect(checkAsu(row(1000, 600, 400), row(995, 600, 400), layout, "0.5")).toBeNull()
    expect(checkAsu(row(1000, 600, 400), row(1006, 600, 400), layout, "0.5")?.message).toBe(
      "the ballot box's count differs from the hand count beyond 0.5%: valid 1 006 (manual 1 000)"
    )
    // A manual zero allows no difference at any tolerance.
    expect(checkAsu(row(0, 0, 0), row(0, 1, 0), layout, "50")).not.toBeNull()
  })
  it("exact where floats are not: 0.1% of 3 is 0.003, and 1 of 1000 at 0.1% is within", () => {
    expect(checkAsu(row(1000, 3, 0), row(1000, 3, 0), layout, "0.1")).toBeNull()
    expect(checkAsu(row(1000, 600, 400), row(1001, 600, 400), layout, "0.1")).toBeNull()
    expect(scaledPercent("0.125")).toEqual({ scaled: 125n, scale: 1000n })
  })
})

describe("asu-mismatch in a tally", () => {
  const election = (rules: Record<string, unknown> = {}) =>
    electionOf({ id: "e", name: "E", system: "proportional", seats: 5, parties: [{ id: "a", name: "A" }, { id: "b", name: "B" }], rules })
  const manual = cleanProtocol("P1", "T1", 1000, { a: 300, b: 200 })
  const line = (p: typeof manual, source: string, version = 1) =>
    [source, version, p.precinct, p.territory, p.voters, p.received, p.issued_premises, p.issued_outside, p.cancelled, p.spoiled, p.found_stationary, p.found_mobile, p.invalid, p.valid, p.against_all, p.votes.a, p.votes.b].join(",")
  const header = "source,version,precinct,territory,voters,received,issued_premises,issued_outside,cancelled,spoiled,found_stationary,found_mobile,invalid,valid,against_all,a,b"
  const file = (...lines: Array<string>) => [header, ...lines].join("\n") + "\n"
  const asuOff = cleanProtocol("P1", "T1", 1000, { a: 301, b: 199 })

  it("fires for the counted asu protocol against the counted manual one, at the asu protocol's line", async () => {
    const data = await tallyTexts(election(), [file(line(manual, "manual"), line(asuOff, "asu"))])
    expect(data.findings.map((f) => [f.code, f.severity, f.line, f.expected, f.actual])).toEqual([["asu-mismatch", "warning", 3, 300, 301]])
    expect(data.totals.values[firstChoice]).toBe(300)
  })
  it("stays silent when they agree, within the tolerance, without a manual protocol, or when a higher asu version agrees", async () => {
    expect((await tallyTexts(election(), [file(line(manual, "manual"), line(manual, "asu"))])).findings).toEqual([])
    expect((await tallyTexts(election({ asuTolerance: "1" }), [file(line(manual, "manual"), line(asuOff, "asu"))])).findings).toEqual([])
    expect((await tallyTexts(election(), [file(line(asuOff, "asu"))])).findings).toEqual([])
    expect((await tallyTexts(election(), [file(line(manual, "manual"), line(asuOff, "asu"), line(manual, "asu", 2))])).findings).toEqual([])
  })
})
