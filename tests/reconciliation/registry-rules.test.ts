/** The registry rules (SPEC §4): unknown-precinct, registry-mismatch, voters-mismatch, missing-precinct; each fires and stays silent. */
import { describe, expect, it } from "vitest"
import { codes } from "../../src/reconciliation/finding.js"
import { checkRegistry, missingPrecinct } from "../../src/reconciliation/registry-rules.js"
import { electionOf } from "../tally/elections.js"

const e = electionOf({
  id: "m",
  name: "M",
  system: "majoritarian",
  districts: [
    { id: "D1", name: "", seats: 1, candidates: [{ id: "x", name: "", gender: "F" }] },
    { id: "D2", name: "", seats: 1, candidates: [{ id: "y", name: "", gender: "M" }] }
  ],
  precincts: [{ id: "1", territory: "T1", district: "D1", voters: 900 }]
})
const registry = e.registry!
const check = (territory: string, district: number, voters: number, entry = 0) => checkRegistry(() => "1", territory, district, voters, registry, entry, e.layout)

describe("checkRegistry", () => {
  it("stays silent for a protocol that agrees with its registry entry", () => {
    expect(check("T1", 0, 900)).toEqual([])
  })
  it("unknown-precinct: the precinct is not registered", () => {
    expect(check("T1", 0, 900, -1)).toEqual([{ code: "unknown-precinct", expected: null, actual: null, message: 'precinct "1" is not in the registry' }])
  })
  it("registry-mismatch: another territory or district, named in one message", () => {
    expect(check("T2", 1, 900).map((b) => [b.code, b.message])).toEqual([["registry-mismatch", 'the protocol names territory "T2" (registry: "T1") and district "D2" (registry: "D1")']])
  })
  it("voters-mismatch: other voters, with both figures", () => {
    expect(check("T1", 0, 901)).toEqual([{ code: "voters-mismatch", expected: 900, actual: 901, message: "the protocol has 901 voters, the registry 900" }])
  })
  it("missing-precinct names the precinct; severities come from the one table", () => {
    expect(missingPrecinct("1").message).toBe('no protocol from registered precinct "1"')
    expect([codes["unknown-precinct"].severity, codes["registry-mismatch"].severity, codes["voters-mismatch"].severity, codes["missing-precinct"].severity]).toEqual(["error", "error", "warning", "warning"])
  })
})
