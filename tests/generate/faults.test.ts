import * as fs from "node:fs"
import * as path from "node:path"
import { describe, expect, it } from "vitest"
import { faultCodes } from "../../src/generate/faults.js"
import { checkElection, type CheckFinding } from "./checker.js"
import { generateInto } from "./generated.js"

interface Fault {
  readonly precinct: string
  readonly code: string
}

const readFaults = (dir: string): Array<Fault> => JSON.parse(fs.readFileSync(path.join(dir, "faults.json"), "utf8")).faults

const byPrecinct = (findings: ReadonlyArray<CheckFinding>): Map<string | null, Array<string>> => {
  const out = new Map<string | null, Array<string>>()
  for (const f of findings) out.set(f.precinct, [...(out.get(f.precinct) ?? []), f.code])
  return out
}

const cases = [
  { system: "proportional", precincts: 2000, faultRate: 0.1, territories: 20 },
  { system: "majoritarian", precincts: 2000, faultRate: 0.1, territories: 20, districts: 50 },
  { system: "proportional", precincts: 300, faultRate: 1, territories: 5 },
  { system: "majoritarian", precincts: 300, faultRate: 1, territories: 5, districts: 30 },
  { system: "proportional", precincts: 100, faultRate: 0.5, territories: 1 }
] as const

describe("faults: each broken protocol breaks exactly the code faults.json names", () => {
  for (const options of cases) {
    describe(`${options.system}, ${options.precincts} precincts, fault rate ${options.faultRate}`, () => {
      const { dir, summary } = generateInto({ ...options, seed: `faults-${options.system}-${options.faultRate}` })
      const faults = readFaults(dir)
      const checked = checkElection(dir)
      const found = byPrecinct(checked.findings)

      it("breaks rate * N protocols, spread round-robin over every code the election can break", () => {
        expect(faults).toHaveLength(Math.round(options.faultRate * options.precincts))
        expect(summary.faults).toBe(faults.length)
        const codes = new Map<string, number>()
        for (const f of faults) codes.set(f.code, (codes.get(f.code) ?? 0) + 1)
        // With one territory no protocol can name another one.
        const possible = faultCodes(options.system).filter((c) => options.territories > 1 || c !== "registry-mismatch")
        expect([...codes.keys()].sort()).toEqual([...possible].sort())
        const counts = [...codes.values()]
        expect(Math.max(...counts) - Math.min(...counts)).toBeLessThanOrEqual(options.system === "majoritarian" ? 3 : 1)
      })

      it("lists faults sorted by precinct then code", () => {
        const sorted = [...faults].sort((a, b) => (a.precinct < b.precinct ? -1 : a.precinct > b.precinct ? 1 : a.code < b.code ? -1 : 1))
        expect(faults).toEqual(sorted)
      })

      it("the precincts with findings are exactly those of faults.json, each with only its code", () => {
        expect(checked.unusable).toEqual([])
        const expected = new Map(faults.map((f) => [f.precinct, [f.code]]))
        expect(Object.fromEntries(found)).toEqual(Object.fromEntries(expected))
      })

      it("keeps the election-total reserve (no finding with precinct null)", () => {
        expect(found.has(null)).toBe(false)
      })
    })
  }
})
