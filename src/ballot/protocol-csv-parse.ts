/**
 * The straightforward protocols reader: csv-parse, one record at a time. It is the reference the fast
 * reader is tested against and the baseline it is measured against; both hand the sink the same rows
 * and report the same problems at the same positions.
 */
import { parse } from "csv-parse"
import * as fs from "node:fs"
import { readCount } from "./count-cell.js"
import type { Problem } from "./problem.js"
import { blank, emptyRow, firstChoice } from "./protocol.js"
import { resolveHeader, Role } from "./protocol-header.js"
import { rowChecker, type CellProblem } from "./protocol-row.js"
import { problemLimit, readProtocolsFast, type ReadOptions, type ReadReport } from "./protocol-scan.js"

/** Start line and 1-based character column of each cell of a raw record (quote-aware). */
const cellPositions = (raw: string, firstLine: number) => {
  const out: Array<{ line: number; column: number }> = []
  let line = firstLine
  let column = 1
  let inQuotes = false
  let atStart = true
  for (const ch of raw) {
    if (atStart) {
      out.push({ line, column })
      atStart = false
    }
    if (ch === '"') inQuotes = !inQuotes
    else if (ch === "," && !inQuotes) atStart = true
    if (ch === "\n") {
      line++
      column = 1
    } else column++
  }
  if (atStart) out.push({ line, column })
  return out
}

/** Reads a protocols file with csv-parse, handing each well-formed row to the sink. */
export const readProtocolsCsvParse = async (path: string, options: ReadOptions): Promise<ReadReport> => {
  const { name, layout, sink } = options
  const problems: Array<Problem> = []
  let moreProblems = 0
  const problem = (line: number, column: number, message: string) => {
    if (problems.length < problemLimit) problems.push({ file: name, line, column, message })
    else moreProblems++
  }
  const row = emptyRow(layout)
  row.file = options.fileIndex
  let roles: Int32Array | null = null
  let checkRow: ReturnType<typeof rowChecker> = () => []
  let names: ReadonlyArray<string> = []
  let rows = 0
  let bytes = 0
  let nextLine = 1
  let lastOffset = -1
  const parser = fs.createReadStream(path).pipe(
    parse({ bom: true, relax_column_count: true, skip_empty_lines: true, info: true, raw: true })
  )
  try {
    for await (const { record, raw, info } of parser as AsyncIterable<{ record: Array<string>; raw: string; info: { bytes: number } }>) {
      // csv-parse's raw text starts with the empty lines it skipped, and in a CRLF file it ends with the
      // record's "\r" only (its info.bytes counts the whole "\r\n"): keep the record's own text.
      const body = raw.replace(/^[\r\n]+/, "").replace(/\r?\n$|\r$/, "")
      const delimiter = raw.endsWith("\r") || raw.endsWith("\r\n") ? 2 : raw.endsWith("\n") ? 1 : 0
      // Lines are counted here: csv-parse's info.lines counts a CRLF inside quotes as two line breaks.
      const firstLine = nextLine + (raw.match(/^[\r\n]*/)![0].match(/\r\n|\r|\n/g)?.length ?? 0)
      nextLine = firstLine + (body.match(/\n/g)?.length ?? 0) + 1
      const at = cellPositions(body, firstLine)
      bytes = info.bytes
      if (roles === null) {
        const header = resolveHeader(record.map((name, i) => ({ name, column: at[i].column })), layout)
        for (const hp of header.problems) problem(firstLine, hp.column, hp.message)
        if (header.problems.length > 0) break
        roles = header.roles
        checkRow = rowChecker(roles, layout)
        names = record
        continue
      }
      rows++
      if (record.length !== roles.length) {
        problem(firstLine, 1, `this row has ${record.length} cells but the header has ${roles.length}`)
        continue
      }
      const cellProblems: Array<CellProblem> = []
      row.values.fill(blank, firstChoice)
      for (let col = 0; col < record.length; col++) {
        const role = roles[col]
        const cell = record[col]
        if (role < 0) continue
        if (role >= firstChoice && cell === "" && layout.system === "majoritarian") {
          row.values[role] = blank
          continue
        }
        const v = readCount(cell)
        if (typeof v === "string") cellProblems.push({ col, message: v })
        else row.values[role] = v
      }
      for (const cp of cellProblems) problem(at[cp.col].line, at[cp.col].column, `${names[cp.col]}: ${cp.message}`)
      if (cellProblems.length > 0) continue
      const texts = record.map((cell, col) => (roles![col] < 0 && roles![col] !== Role.ignored ? cell : ""))
      const rowProblems = checkRow(texts, row.values, row)
      for (const rp of rowProblems) problem(at[rp.col].line, at[rp.col].column, rp.message)
      if (rowProblems.length > 0) continue
      row.line = firstLine
      row.offset = info.bytes - Buffer.byteLength(body) - delimiter
      lastOffset = row.offset
      sink.row(row)
    }
  } catch {
    // Malformed quoting stops csv-parse; the byte scanner locates the same fault for the report, and hands
    // the sink the rows before the fault that csv-parse had not yet delivered.
    return readProtocolsFast(path, { ...options, sink: { row: (r) => r.offset > lastOffset && sink.row(r) } })
  }
  if (roles === null && problems.length === 0) problem(1, 1, "the file is empty; it needs a header row naming its columns")
  return { rows, bytes, problems, moreProblems, lines: 0, quoted: false }
}
