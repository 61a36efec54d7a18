/** A `POST /api/protocols` body: decoded with the same reader as `kenesh tally`, then sorted into stored, unchanged and conflicting rows. */
import type { Election } from "../ballot/election.js"
import { readProtocolsFast } from "../ballot/protocol-scan.js"
import type { StoredProtocol } from "../store/store.js"
import { sameProtocol, type LiveTally } from "./live-tally.js"

/** A protocol of the body and the line it starts on. */
export interface BodyProtocol {
  readonly protocol: StoredProtocol
  readonly line: number
}

/** A problem that makes the body unusable (SPEC §6: 400 `problems`). */
export interface BodyProblem {
  readonly line: number
  readonly column: number
  readonly message: string
}

/** Decodes a protocols file held in memory; every problem is reported, as `tally` would for a file. */
export const decodeProtocolsBody = (election: Election, bytes: Uint8Array): { readonly rows: ReadonlyArray<BodyProtocol>; readonly problems: ReadonlyArray<BodyProblem> } => {
  const rows: Array<BodyProtocol> = []
  const { layout } = election
  const report = readProtocolsFast(bytes, {
    name: "body",
    fileIndex: 0,
    layout,
    sink: {
      row: (r) =>
        rows.push({
          line: r.line,
          protocol: {
            precinct: r.precinct,
            source: r.source,
            version: r.version,
            territory: r.territory,
            district: r.district >= 0 ? layout.districts[r.district] : "",
            values: Float64Array.from(r.values)
          }
        })
    }
  })
  const problems: Array<BodyProblem> = report.problems.map((p) => ({ line: p.line, column: p.column, message: p.message }))
  if (report.moreProblems > 0) problems.push({ line: problems[problems.length - 1].line, column: 1, message: `... and ${report.moreProblems} more problems` })
  if (problems.length === 0 && rows.length === 0) problems.push({ line: 1, column: 1, message: "the body holds no protocol: send a protocols file with its header and at least one row" })
  return { rows, problems }
}

/** A row whose identity is stored (or earlier in the body) with other counts (SPEC §6: 409 `conflicts`). */
export interface Conflict {
  readonly precinct: string
  readonly source: string
  readonly version: number
  readonly line: number
  readonly message: string
}

/** The rows of a body sorted against the store: new, identical to a stored protocol, or in conflict. */
export interface Intake {
  readonly stored: ReadonlyArray<BodyProtocol>
  readonly unchanged: ReadonlyArray<BodyProtocol>
  readonly conflicts: ReadonlyArray<Conflict>
}

/** Sorts decoded rows against what is stored; a row repeated within the body counts once. */
export const intake = (live: LiveTally, rows: ReadonlyArray<BodyProtocol>): Intake => {
  const stored: Array<BodyProtocol> = []
  const unchanged: Array<BodyProtocol> = []
  const conflicts: Array<Conflict> = []
  const inBody = new Map<string, BodyProtocol>()
  for (const row of rows) {
    const p = row.protocol
    const key = `${p.version}\u0000${p.source}\u0000${p.precinct}`
    const there = live.find(p)
    const earlier = inBody.get(key)
    const id = { precinct: p.precinct, source: p.source, version: p.version, line: row.line }
    if (there !== undefined) {
      if (sameProtocol(there, p)) unchanged.push(row)
      else conflicts.push({ ...id, message: `protocol ${p.source} version ${p.version} of precinct "${p.precinct}" is stored with other counts; send a correction as version ${p.version + 1}` })
    } else if (earlier !== undefined) {
      if (sameProtocol(earlier.protocol, p)) unchanged.push(row)
      else conflicts.push({ ...id, message: `protocol ${p.source} version ${p.version} of precinct "${p.precinct}" is on line ${earlier.line} of this body with other counts` })
    } else {
      inBody.set(key, row)
      stored.push(row)
    }
  }
  return { stored, unchanged, conflicts }
}
