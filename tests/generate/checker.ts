/**
 * An independent little checker of SPEC §4 over generated files, written for the tests only: it reads the CSV
 * text naively (ids never need quoting) and applies every per-protocol rule and the election-total reserve.
 */
import * as fs from "node:fs"
import * as path from "node:path"

/** One finding: a precinct (null for the election total) and a code. */
export interface CheckFinding {
  readonly precinct: string | null
  readonly code: string
}

/** What the checker saw besides the findings, for realism checks. */
export interface CheckedElection {
  readonly election: any
  readonly header: ReadonlyArray<string>
  readonly rows: ReadonlyArray<Record<string, string>>
  readonly registry: ReadonlyMap<string, { territory: string; district: string; voters: number }>
  readonly findings: ReadonlyArray<CheckFinding>
  /** Problems that would make the input unusable (blank cells, bad digits, ragged rows). */
  readonly unusable: ReadonlyArray<string>
}

const count = (text: string): number => (/^[0-9]+$/.test(text) ? Number(text) : Number.NaN)

const lines = (text: string): Array<string> => {
  if (!text.endsWith("\n")) throw new Error("file does not end with a line break")
  return text.slice(0, -1).split("\n")
}

/** Reads `dir` (election.json, its registry CSV, protocols.csv) and checks every protocol. */
export const checkElection = (dir: string): CheckedElection => {
  const election = JSON.parse(fs.readFileSync(path.join(dir, "election.json"), "utf8"))
  const registry = new Map<string, { territory: string; district: string; voters: number }>()
  const [registryHeader, ...registryLines] = lines(fs.readFileSync(path.join(dir, election.precincts), "utf8"))
  if (registryHeader !== "id,territory,district,voters") throw new Error(`registry header ${registryHeader}`)
  for (const line of registryLines) {
    const [id, territory, district, voters] = line.split(",")
    registry.set(id, { territory, district, voters: count(voters) })
  }
  const majoritarian = election.system === "majoritarian"
  const seatsOf = new Map<string, number>()
  const districtOfCandidate = new Map<string, string>()
  for (const d of election.districts ?? []) {
    seatsOf.set(d.id, d.seats)
    for (const c of d.candidates) districtOfCandidate.set(c.id, d.id)
  }
  const choices: Array<string> = majoritarian
    ? election.districts.flatMap((d: any) => d.candidates.map((c: any) => c.id))
    : election.parties.map((p: any) => p.id)

  const [headerLine, ...protocolLines] = lines(fs.readFileSync(path.join(dir, "protocols.csv"), "utf8"))
  const header = headerLine.split(",")
  const findings: Array<CheckFinding> = []
  const unusable: Array<string> = []
  const rows: Array<Record<string, string>> = []
  const seen = new Set<string>()
  let totalReceived = 0
  let totalProtocolVoters = 0
  let registeredReceived = 0
  let registeredVoters = 0
  protocolLines.forEach((line, index) => {
    const cells = line.split(",")
    if (cells.length !== header.length) unusable.push(`line ${index + 2}: ${cells.length} cells`)
    const row: Record<string, string> = {}
    header.forEach((column, c) => (row[column] = cells[c]))
    rows.push(row)
    const id = row.precinct
    const n = (column: string): number => {
      const value = count(row[column])
      if (Number.isNaN(value)) unusable.push(`line ${index + 2}: ${column} "${row[column]}"`)
      return value
    }
    const flag = (code: string) => findings.push({ precinct: id, code })
    const voters = n("voters")
    const received = n("received")
    const issued = n("issued_premises") + n("issued_outside")
    const found = n("found_stationary") + n("found_mobile")
    const invalid = n("invalid")
    const valid = n("valid")
    const againstAll = n("against_all")
    if (received !== issued + n("cancelled") + n("spoiled")) flag("ballot-balance")
    if (found !== valid + invalid) flag("found-vs-sorted")
    if (majoritarian) {
      const own = choices.filter((c) => districtOfCandidate.get(c) === row.district)
      for (const c of choices) {
        const mine = districtOfCandidate.get(c) === row.district
        if (!mine && row[c] !== "") unusable.push(`line ${index + 2}: ${c} of another district is filled`)
      }
      const votes = own.map(n)
      const marks = votes.reduce((a, b) => a + b, 0)
      const seats = seatsOf.get(row.district) ?? Number.NaN
      if (valid > marks + againstAll || marks > (valid - againstAll) * seats) flag("marks-out-of-range")
      if (votes.some((v) => v > valid - againstAll)) flag("candidate-over-ballots")
    } else {
      const sum = choices.map(n).reduce((a, b) => a + b, 0)
      if (valid !== againstAll + sum) flag("valid-vs-votes")
    }
    if (found > issued) flag("found-over-issued")
    if (n("found_mobile") > n("issued_outside")) flag("mobile-over-issued")
    if (issued > voters) flag("issued-over-voters")
    const entry = registry.get(id)
    if (1000 * received > 1001 * voters || (entry !== undefined && 1000 * received > 1001 * entry.voters)) flag("reserve-exceeded")
    const duplicate = seen.has(id)
    if (duplicate) flag("duplicate-protocol")
    seen.add(id)
    if (entry === undefined) flag("unknown-precinct")
    else {
      if (entry.territory !== row.territory || (majoritarian && entry.district !== row.district)) flag("registry-mismatch")
      if (entry.voters !== voters) flag("voters-mismatch")
    }
    if (found < issued) flag("ballots-unaccounted")
    if (invalid * 100 > 5 * found) flag("high-invalid-share")
    // The election total counts each precinct once (a duplicate is not counted again).
    if (!duplicate) {
      totalReceived += received
      totalProtocolVoters += voters
      if (entry !== undefined) {
        registeredReceived += received
        registeredVoters += entry.voters
      }
    }
  })
  for (const [id] of registry) {
    if (!seen.has(id)) findings.push({ precinct: id, code: "missing-precinct" })
  }
  if (1000 * totalReceived > 1001 * totalProtocolVoters || 1000 * registeredReceived > 1001 * registeredVoters) {
    findings.push({ precinct: null, code: "reserve-exceeded" })
  }
  return { election, header, rows, registry, findings, unusable }
}
