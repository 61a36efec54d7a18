/** Test helpers: run a protocols text through both readers and record what each hands its sink. */
import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import { afterAll, expect } from "vitest"
import { formatProblem, type Problem } from "../../src/ballot/problem.js"
import { lineFields, majoritarianLayout, proportionalLayout, type ProtocolLayout, type ProtocolRow, type ProtocolSink } from "../../src/ballot/protocol.js"
import { readProtocolsCsvParse } from "../../src/ballot/protocol-csv-parse.js"
import { readProtocolsFast } from "../../src/ballot/protocol-scan.js"

/** A row as the sink saw it, copied (readers reuse one row object). */
export interface RecordedRow {
  readonly file: number
  readonly line: number
  readonly offset: number
  readonly precinct: string
  readonly territory: string
  readonly district: number
  readonly version: number
  readonly source: string
  readonly values: ReadonlyArray<number>
}

/** A sink that copies every row it receives. */
export const recordingSink = (): ProtocolSink & { readonly rows: Array<RecordedRow> } => {
  const rows: Array<RecordedRow> = []
  return {
    rows,
    row(r: ProtocolRow) {
      rows.push({ file: r.file, line: r.line, offset: r.offset, precinct: r.precinct, territory: r.territory, district: r.district, version: r.version, source: r.source, values: Array.from(r.values) })
    }
  }
}

/** What one reader gave. */
export interface ReadResult {
  readonly rows: ReadonlyArray<RecordedRow>
  readonly problems: ReadonlyArray<Problem>
  readonly count: number
}

let dir: string | null = null
let n = 0
// Each test file runs in its own module scope: its temporary folder goes when the file is done.
afterAll(() => {
  if (dir !== null) fs.rmSync(dir, { recursive: true, force: true })
  dir = null
})
/** Writes `content` to a fresh temporary file and returns its path. */
export const tempFile = (content: string | Uint8Array, name = "protocols.csv"): string => {
  dir ??= fs.mkdtempSync(path.join(os.tmpdir(), "kenesh-test-"))
  const sub = path.join(dir, String(n++))
  fs.mkdirSync(sub)
  const file = path.join(sub, name)
  fs.writeFileSync(file, content)
  return file
}

/** A temporary directory of its own. */
export const tempDir = (): string => {
  dir ??= fs.mkdtempSync(path.join(os.tmpdir(), "kenesh-test-"))
  const sub = path.join(dir, String(n++))
  fs.mkdirSync(sub)
  return sub
}

/** Reads a file with the fast reader. */
export const readFast = (file: string, layout: ProtocolLayout, chunkSize?: number, name = "p.csv"): ReadResult => {
  const sink = recordingSink()
  const report = readProtocolsFast(file, { name, fileIndex: 0, layout, sink, ...(chunkSize !== undefined ? { chunkSize } : {}) })
  return { rows: sink.rows, problems: report.problems, count: report.rows }
}

/** Reads a file with the csv-parse reader. */
export const readSlow = async (file: string, layout: ProtocolLayout, name = "p.csv"): Promise<ReadResult> => {
  const sink = recordingSink()
  const report = await readProtocolsCsvParse(file, { name, fileIndex: 0, layout, sink })
  return { rows: sink.rows, problems: report.problems, count: report.rows }
}

/**
 * Reads `text` (shown as `p.csv`) with both readers, asserts they agree on rows and problems,
 * and returns the rows and the problems as `file:line:column: message` lines.
 */
export const readBoth = async (text: string | Uint8Array, layout: ProtocolLayout): Promise<{ rows: ReadonlyArray<RecordedRow>; problems: ReadonlyArray<string> }> => {
  const file = tempFile(text)
  const fast = readFast(file, layout)
  const slow = await readSlow(file, layout)
  expect(slow.problems, "csv-parse reader problems = fast reader problems").toEqual(fast.problems)
  expect(slow.rows, "csv-parse reader rows = fast reader rows").toEqual(fast.rows)
  return { rows: fast.rows, problems: fast.problems.map(formatProblem) }
}

/** Proportional layout with parties `a` and `b`. */
export const prop = proportionalLayout(["a", "b"])

/** Majoritarian layout: D1 with candidates x1, x2; D2 with y1. */
export const maj = majoritarianLayout([
  { id: "D1", candidates: [{ id: "x1" }, { id: "x2" }] },
  { id: "D2", candidates: [{ id: "y1" }] }
])

/** The proportional header: precinct, territory, the protocol lines, a, b. */
export const propHeader = ["precinct", "territory", ...lineFields, "a", "b"]

/** The majoritarian header: precinct, territory, district, the protocol lines, x1, x2, y1. */
export const majHeader = ["precinct", "territory", "district", ...lineFields, "x1", "x2", "y1"]

/** A proportional data row of single-digit counts: its cells start at columns 1, 4, 7, 9, 11, ... */
export const propCells = (precinct = "P1"): Array<string> => [precinct, "T1", "9", "9", "5", "1", "3", "0", "5", "1", "1", "5", "1", "3", "1"]

/** Values of `propCells()`: the 11 lines then a, b. */
export const propValues = [9, 9, 5, 1, 3, 0, 5, 1, 1, 5, 1, 3, 1]

/** Joins rows of cells into a CSV text with LF line ends and a final line break. */
export const csv = (...rows: ReadonlyArray<ReadonlyArray<string>>): string => rows.map((r) => r.join(",")).join("\n") + "\n"
