import * as fs from "node:fs"
import * as path from "node:path"
import { describe, expect, it } from "vitest"
import { checkElection } from "./checker.js"
import { generateInto } from "./generated.js"

const protocolLines = [
  "voters", "received", "issued_premises", "issued_outside", "cancelled", "spoiled",
  "found_stationary", "found_mobile", "invalid", "valid", "against_all"
]

const num = (text: string): number => Number(text)

describe("a clean proportional election", () => {
  const { dir, summary } = generateInto({ system: "proportional", precincts: 2000, seed: "clean-city" })
  const checked = checkElection(dir)

  it("breaks no rule of SPEC §4, per precinct or in the election total", () => {
    expect(checked.unusable).toEqual([])
    expect(checked.findings).toEqual([])
  })

  it("writes election.json as SPEC §1.1 describes, with the registry as a CSV path beside it", () => {
    const e = checked.election
    expect(Object.keys(e)).toEqual(["id", "name", "system", "edition", "seats", "parties", "territories", "precincts", "rules", "annulled", "lots"])
    expect(e).toMatchObject({ system: "proportional", edition: "2024", seats: 45, precincts: "precincts.csv", rules: {}, annulled: [], lots: [] })
    expect(e.parties).toHaveLength(15)
    for (const p of e.parties) expect(p.list).toHaveLength(e.seats)
    expect(e.territories).toHaveLength(50)
    expect(checked.registry.size).toBe(2000)
    expect(summary).toMatchObject({ precincts: 2000, protocols: 2000, territories: 50, choices: 15, faults: 0 })
    expect(fs.existsSync(path.join(dir, "faults.json"))).toBe(false)
  })

  it("writes protocols.csv with the SPEC §1.2 columns, LF line ends and plain decimal counts", () => {
    expect(checked.header).toEqual(["precinct", "territory", ...protocolLines, ...checked.election.parties.map((p: { id: string }) => p.id)])
    expect(fs.readFileSync(path.join(dir, "protocols.csv"), "utf8")).not.toContain("\r")
    for (const id of [...checked.election.parties.map((p: { id: string }) => p.id), ...checked.registry.keys()]) {
      expect(id).toMatch(/^[A-Za-z0-9-]+$/)
    }
  })

  it("looks like a real election: 300-3,000 voters, turnout 30-70%, invalid 0.5-3%, a few strong lists", () => {
    const partyIds: Array<string> = checked.election.parties.map((p: { id: string }) => p.id)
    const votes = new Map(partyIds.map((id) => [id, 0]))
    let valid = 0
    for (const row of checked.rows) {
      const voters = num(row.voters)
      const issued = num(row.issued_premises) + num(row.issued_outside)
      expect(voters).toBeGreaterThanOrEqual(300)
      expect(voters).toBeLessThanOrEqual(3000)
      expect(issued / voters).toBeGreaterThanOrEqual(0.29)
      expect(issued / voters).toBeLessThanOrEqual(0.71)
      expect(num(row.invalid) / issued).toBeLessThanOrEqual(0.031)
      expect(num(row.issued_outside) / issued).toBeLessThan(0.07)
      valid += num(row.valid)
      for (const id of partyIds) votes.set(id, votes.get(id)! + num(row[id]))
    }
    const shares = [...votes.values()].map((v) => v / valid).sort((a, b) => b - a)
    expect(shares[0]).toBeGreaterThan(0.15)
    expect(shares.filter((s) => s >= 0.05).length).toBeGreaterThanOrEqual(3)
    expect(shares[shares.length - 1]).toBeLessThan(0.05)
  })

  it("varies turnout from territory to territory", () => {
    const byTerritory = new Map<string, { voters: number; issued: number }>()
    for (const row of checked.rows) {
      const t = byTerritory.get(row.territory) ?? { voters: 0, issued: 0 }
      t.voters += num(row.voters)
      t.issued += num(row.issued_premises) + num(row.issued_outside)
      byTerritory.set(row.territory, t)
    }
    const turnouts = [...byTerritory.values()].map((t) => t.issued / t.voters)
    expect(Math.max(...turnouts) - Math.min(...turnouts)).toBeGreaterThan(0.2)
  })
})

describe("a clean majoritarian election", () => {
  const { dir, summary } = generateInto({ system: "majoritarian", precincts: 1500, seed: "clean-ayil", territories: 10, districts: 40 })
  const checked = checkElection(dir)

  it("breaks no rule of SPEC §4, and leaves other districts' candidate cells empty", () => {
    expect(checked.unusable).toEqual([])
    expect(checked.findings).toEqual([])
  })

  it("has districts of 1 to 5 seats with 3 to 8 candidates, about half of them women", () => {
    const districts = checked.election.districts
    expect(districts).toHaveLength(40)
    expect(summary.districts).toBe(40)
    let women = 0
    let candidates = 0
    for (const d of districts) {
      expect(d.seats).toBeGreaterThanOrEqual(1)
      expect(d.seats).toBeLessThanOrEqual(5)
      expect(d.candidates.length).toBeGreaterThanOrEqual(Math.max(3, d.seats + 2))
      expect(d.candidates.length).toBeLessThanOrEqual(8)
      const f = d.candidates.filter((c: { gender: string }) => c.gender === "F").length
      if (d.seats >= 2) expect(f).toBeGreaterThanOrEqual(Math.ceil(0.3 * d.seats))
      women += f
      candidates += d.candidates.length
    }
    expect(women / candidates).toBeGreaterThan(0.35)
    expect(women / candidates).toBeLessThan(0.7)
    expect(new Set(districts.map((d: { seats: number }) => d.seats)).size).toBeGreaterThanOrEqual(4)
    expect(checked.header.slice(0, 3)).toEqual(["precinct", "territory", "district"])
  })

  it("uses the block vote: in multi-seat districts voters mark more than one candidate", () => {
    const seatsOf = new Map<string, number>(checked.election.districts.map((d: { id: string; seats: number }) => [d.id, d.seats]))
    const candidatesOf = new Map<string, Array<string>>(
      checked.election.districts.map((d: { id: string; candidates: Array<{ id: string }> }) => [d.id, d.candidates.map((c) => c.id)])
    )
    let multi = 0
    for (const row of checked.rows) {
      const ballots = num(row.valid) - num(row.against_all)
      const marks = candidatesOf.get(row.district)!.reduce((sum, c) => sum + num(row[c]), 0)
      if (seatsOf.get(row.district)! === 1) expect(marks).toBe(ballots)
      else if (marks > ballots * 1.2) multi++
    }
    expect(multi).toBeGreaterThan(checked.rows.length / 3)
  })
})
