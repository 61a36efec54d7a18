/** Test inputs for the views: the fixtures' elections and golden results, and hostile or later-shaped variants. */
import { Either } from "effect"
import * as fs from "node:fs"
import * as path from "node:path"
import { decodeElection, readElection, type Election } from "../../src/ballot/election.js"
import { reportDocument } from "../../src/report/html.js"
import type { Lang } from "../../src/report/language.js"
import type { Pieces } from "../../src/report/pieces.js"
import type { ReportInput, ResultView } from "../../src/report/view.js"

export const root = path.resolve(import.meta.dirname, "../..")

/** A fixture's election and its golden result (fixtures/<name>/expected.json). */
export const fixture = (name: string): ReportInput => {
  const e = readElection(path.join(root, "fixtures", name, "election.json"))
  if (Either.isLeft(e)) throw new Error(JSON.stringify(e.left))
  const result = JSON.parse(fs.readFileSync(path.join(root, "fixtures", name, "expected.json"), "utf8")) as ResultView
  return { election: e.right, result }
}

/** The whole text of `pieces` as one string: for the short texts of tests. */
export const joined = (pieces: Pieces): string => [...pieces].join("")

/** report.html of a small input as one string: its pieces joined. */
export const reportText = (input: ReportInput, lang: Lang): string => joined(reportDocument(input, lang))

/** An election decoded from a JSON value. */
export const election = (doc: unknown): Election => {
  const e = decodeElection("e.json", JSON.stringify(doc))
  if (Either.isLeft(e)) throw new Error(JSON.stringify(e.left))
  return e.right
}

/** Text meant to break out of HTML wherever it lands. */
export const evil = `<script>alert("x")</script><img src=x onerror=alert(1)>&'`

/**
 * A proportional election whose ids and names are markup, with a registry of two territories, and a result in
 * the shape SPEC §3 gives once every engineer's part has landed: status incomplete, a preliminary precinct,
 * margins and sensitivity answers with a witness.
 */
export const hostile = (): ReportInput => {
  const e = election({
    id: "e<1>",
    name: `City ${evil}`,
    system: "proportional",
    seats: 5,
    parties: [
      { id: "<script>", name: "" },
      { id: "b", name: `Party ${evil}`, list: [`Deputy ${evil}`, "Second"] }
    ],
    territories: [
      { id: "T2", name: "Second TEC" },
      { id: "T<1>", name: `TEC ${evil}` }
    ],
    precincts: [
      { id: "p<1>", territory: "T<1>", voters: 100 },
      { id: "p2", territory: "T2", voters: 100 },
      { id: "p3", territory: "T2", voters: 100 }
    ]
  })
  const totals = (n: number) => ({
    voters: 100 * n, received: 100 * n, issued_premises: 50 * n, issued_outside: 0, cancelled: 50 * n, spoiled: 0,
    found_stationary: 50 * n, found_mobile: 0, invalid: 0, valid: 50 * n, against_all: 0, participants: 50 * n,
    votes: { "<script>": 20 * n, b: 30 * n }
  })
  const finding = (precinct: string | null, code: string, severity: "error" | "warning", line: number) =>
    ({ code, severity, precinct, file: `${evil}.csv`, line, message: `message ${evil}`, expected: 1000, actual: 1001 })
  const result: ResultView = {
    election: "e<1>",
    status: "incomplete",
    inputs: [{ file: `${evil}.csv`, sha256: "ab".repeat(32) }],
    precincts: { registered: 3, counted: 2, annulled: [], missing: ["p3"], preliminary: ["p<1>"], versions: [{ precinct: "p2", version: 2, source: "manual" }] },
    totals: totals(2),
    territories: [
      { territory: "T<1>", precincts: 1, totals: totals(1) },
      { territory: "T2", precincts: 1, totals: totals(1) }
    ],
    findings: [
      finding("p2", "voters-mismatch", "warning", 3),
      finding("p<1>", "high-invalid-share", "warning", 2),
      finding("p2", "ballot-balance", "error", 3),
      finding(null, "reserve-exceeded", "error", 0),
      finding("p3", "missing-precinct", "warning", 4),
      finding("x<9>", "unknown-precinct", "error", 5),
      finding("p<1>", "asu-mismatch", "warning", 2)
    ],
    allocation: {
      status: "allocated",
      reason: null,
      method: "hare",
      seats: 5,
      base: 100,
      threshold: { percent: "5", op: "ge", base: "participants" },
      parties: [
        { party: "<script>", votes: 40, admitted: true, seats: 2, elected: [] },
        { party: "b", votes: 60, admitted: true, seats: 3, elected: [`Deputy ${evil}`, "Second"] }
      ],
      tie: null,
      lots: [],
      steps: [
        { kind: "threshold", percent: "5", op: "ge", base: "participants", baseVotes: 100, votesNeeded: "5.00", text: "t" },
        { kind: "admission", party: "<script>", votes: 40, share: "40.00", admitted: true, text: "a" },
        { kind: "admission", party: "b", votes: 60, share: "60.00", admitted: true, text: "a" },
        { kind: "quota", votes: 100, seats: 5, quota: "20.00", text: "q" },
        { kind: "whole", party: "<script>", votes: 40, whole: 2, remainder: "0.0000", text: "w" },
        { kind: "whole", party: "b", votes: 60, whole: 3, remainder: "0.0000", text: "w" },
        { kind: "note", text: `note ${evil}` }
      ],
      margins: [
        { party: "<script>", gain: 11, lose: 1 },
        { party: "b", gain: null, lose: null }
      ]
    },
    sensitivity: {
      precincts: [
        { precinct: "p3", why: "missing", voters: 100, answer: "cannot", witness: null },
        { precinct: "p<1>", why: "preliminary", voters: 100, answer: "can", witness: { ballots: 90, to: { "<script>": 90 }, seats: { "<script>": 3, b: 2 } } }
      ],
      together: { precincts: 2, voters: 200, answer: "undetermined", witness: null }
    }
  }
  return { election: e, result }
}
