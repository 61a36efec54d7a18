/** The CSV files of `kenesh tally --out` (SPEC §2): summary, seats and findings, written with csv-stringify. */
import { stringify } from "csv-stringify/sync"
import { lineFields } from "../ballot/protocol.js"
import type { Finding } from "../reconciliation/finding.js"
import type { TallyResult } from "../result/tally-result.js"
import { inPieces, type Pieces } from "./pieces.js"

/** One row per territory and a total row: every protocol line, participants and every choice. */
export const summaryCsv = (result: TallyResult): string => {
  const choices = Object.keys((result.totals as { votes: Record<string, number> }).votes)
  const line = (level: string, id: string, precincts: number, totals: Record<string, unknown>) => {
    const votes = totals.votes as Record<string, number>
    return [level, id, precincts, ...lineFields.map((f) => totals[f]), totals.participants, ...choices.map((c) => votes[c] ?? 0)]
  }
  const counted = result.territories.reduce((s, t) => s + t.precincts, 0)
  return stringify([
    ["level", "territory", "precincts", ...lineFields, "participants", ...choices],
    ...result.territories.map((t) => line("territory", t.territory, t.precincts, t.totals)),
    line("total", "", counted, result.totals)
  ])
}

/** Booleans as `true`/`false`, as in result.json (csv-stringify would write 1 and an empty cell). */
const booleans = { cast: { boolean: (b: boolean) => String(b) } }

/** Seats: per party list (proportional) or per candidate of each district (majoritarian). */
export const seatsCsv = (result: TallyResult): string => {
  const a = result.allocation
  if ("parties" in a)
    return stringify([
      ["party", "votes", "admitted", "seats", "elected"],
      ...a.parties.map((p) => [p.party, p.votes, p.admitted, p.seats, p.elected.join("; ")])
    ], booleans)
  return stringify([
    ["district", "candidate", "gender", "votes", "elected"],
    ...a.districts.flatMap((d) => d.candidates.map((c) => [d.district, c.candidate, c.gender ?? "", c.votes, c.elected]))
  ], booleans)
}

/** How many findings go to csv-stringify at once: a batch's text is a small string, however many findings. */
const findingsPerBatch = 4096

/** Every finding, one per row, in pieces (src/report/pieces.ts): a million findings are never one string. */
export const findingsCsv = (findings: ReadonlyArray<Finding>): Pieces =>
  inPieces(function* () {
    yield stringify([["code", "severity", "precinct", "file", "line", "message", "expected", "actual"]])
    for (let from = 0; from < findings.length; from += findingsPerBatch)
      yield stringify(findings.slice(from, from + findingsPerBatch).map((f) => [f.code, f.severity, f.precinct ?? "", f.file ?? "", f.line ?? "", f.message, f.expected ?? "", f.actual ?? ""]))
  })
