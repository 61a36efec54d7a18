/**
 * The straightforward CSV reader: csv-parse, one record at a time. It is the reference the fast reader is
 * tested against and the baseline it is measured against; both hand the sink the same rows and report the
 * same problems at the same positions, for protocols files and the registry alike.
 */
import { parse as parseStream } from "csv-parse"
import { parse } from "csv-parse/sync"
import * as fs from "node:fs"
import { readCount } from "./count-cell.js"
import type { Problem } from "./problem.js"
import { blank, type ProtocolRow } from "./protocol.js"
import { Role } from "./protocol-header.js"
import type { CellProblem } from "./protocol-row.js"
import {
  knownPrecinct,
  problemLimit,
  protocolSchema,
  readCsvFast,
  type CsvReadOptions,
  type CsvSchema,
  type ReadOptions,
  type ReadReport,
  type RowCheck
} from "./protocol-scan.js"

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

/** Reads a protocols file with csv-parse, streaming it record by record, handing each well-formed row to the sink. */
export const readProtocolsCsvParse = async (path: string, options: ReadOptions): Promise<ReadReport> => {
  const schema = protocolSchema(options.layout)
  const reader = recordReader(path, schema, options)
  const parser = fs.createReadStream(path).pipe(parseStream({ bom: true, relax_column_count: true, skip_empty_lines: true, raw: true, info: true }))
  try {
    for await (const { record, raw, info } of parser as AsyncIterable<{ record: Array<string>; raw: string; info: { bytes: number } }>)
      reader.record(record, raw, info.bytes)
  } catch {
    return reader.fallBack()
  }
  return reader.report()
}

/** Reads a (small) CSV file of the given schema with csv-parse, record by record, handing each well-formed row to the sink. */
export const readCsvCsvParse = (path: string, schema: CsvSchema, options: CsvReadOptions): ReadReport => {
  const reader = recordReader(path, schema, options)
  try {
    parse(fs.readFileSync(path, "utf8"), {
      bom: true,
      relax_column_count: true,
      skip_empty_lines: true,
      raw: true,
      on_record: ({ record, raw }: { record: Array<string>; raw: string }, context: { bytes: number }) => {
        reader.record(record, raw, context.bytes)
        return null
      }
    } as never)
  } catch {
    return reader.fallBack()
  }
  return reader.report()
}

/** What both csv-parse readers do with each record: cells to numbers and ids, checks, positions for messages. */
const recordReader = (path: string, schema: CsvSchema, options: CsvReadOptions) => {
  const { name, sink } = options
  const problems: Array<Problem> = []
  let moreProblems = 0
  const problem = (line: number, column: number, message: string) => {
    if (problems.length < problemLimit) problems.push({ file: name, line, column, message })
    else moreProblems++
  }
  const row: ProtocolRow = { file: options.fileIndex, line: 0, offset: 0, precinct: "", precinctIndex: -2, precincts: options.precincts ?? null, territory: "", district: -1, version: 1, source: "manual", values: new Float64Array(schema.width) }
  const known = options.precincts
  let roles: Int32Array | null = null
  let checkRow: RowCheck = () => []
  let names: ReadonlyArray<string> = []
  let stopped = false
  let rows = 0
  let bytes = 0
  let nextLine = 1
  let lastOffset = -1
  /** Takes one record (its cells, its raw text, the bytes read to its end); returns nothing. */
  const onRecord = (record: Array<string>, raw: string, bytesRead: number): null => {
    if (stopped) return null
    let body = raw
    let delimiter = 0
    let firstLine = nextLine
    if (raw.charCodeAt(0) !== 10 && raw.charCodeAt(0) !== 13 && !raw.includes("\r")) {
      // The usual record: LF-terminated, after no skipped line.
      delimiter = raw.endsWith("\n") ? 1 : 0
      body = delimiter === 1 ? raw.slice(0, -1) : raw
    } else {
      // csv-parse's raw text starts with the empty lines it skipped, and in a CRLF file it ends with the
      // record's "\r" only (its bytes count the whole "\r\n"): keep the record's own text.
      body = raw.replace(/^[\r\n]+/, "").replace(/\r?\n$|\r$/, "")
      delimiter = raw.endsWith("\r") || raw.endsWith("\r\n") ? 2 : raw.endsWith("\n") ? 1 : 0
      firstLine += raw.match(/^[\r\n]*/)![0].match(/\r\n|\r|\n/g)?.length ?? 0
    }
    // Lines are counted here: csv-parse counts a CRLF inside quotes as two line breaks.
    let breaks = 0
    for (let i = body.indexOf("\n"); i >= 0; i = body.indexOf("\n", i + 1)) breaks++
    nextLine = firstLine + breaks + 1
    // Cell positions are worked out only for a message.
    let positions: ReturnType<typeof cellPositions> | null = null
    const at = (col: number) => (positions ??= cellPositions(body, firstLine))[col]
    bytes = bytesRead
    if (roles === null) {
      const header = schema.resolve(record.map((name, i) => ({ name, column: at(i).column })))
      for (const hp of header.problems) problem(firstLine, hp.column, hp.message)
      if (header.problems.length > 0) stopped = true
      roles = header.roles
      checkRow = header.check
      names = record
      return null
    }
    rows++
    if (record.length !== roles.length) {
      problem(firstLine, 1, `this row has ${record.length} cells but the header has ${roles.length}`)
      return null
    }
    const cellProblems: Array<CellProblem> = []
    row.values.fill(blank, schema.blankFrom)
    for (let col = 0; col < record.length; col++) {
      const role = roles[col]
      const cell = record[col]
      if (role < 0) continue
      if (role >= schema.blankFrom && cell === "") {
        row.values[role] = blank
        continue
      }
      const v = readCount(cell)
      if (typeof v === "string") cellProblems.push({ col, message: v })
      else row.values[role] = v
    }
    for (const cp of cellProblems) problem(at(cp.col).line, at(cp.col).column, `${names[cp.col]}: ${cp.message}`)
    if (cellProblems.length > 0) return null
    row.precinctIndex = -2
    const texts = record.map((cell, col) => {
      const role = roles![col]
      if (role === Role.precinct && known !== undefined && cell !== "") {
        // Known precincts are found (or, reading the registry, added) by their text, as the byte scanner does by bytes.
        row.precinctIndex = options.addPrecincts === true ? known.add(cell) : known.find(cell)
        return row.precinctIndex >= 0 ? knownPrecinct : cell
      }
      return role < 0 && role !== Role.ignored ? cell : ""
    })
    const rowProblems = checkRow(texts, row.values, row)
    for (const rp of rowProblems) problem(at(rp.col).line, at(rp.col).column, rp.message)
    if (rowProblems.length > 0) return null
    row.line = firstLine
    row.offset = bytesRead - Buffer.byteLength(body) - delimiter
    lastOffset = row.offset
    sink.row(row)
    return null
  }
  return {
    record: onRecord,
    /** Malformed quoting stops csv-parse; the byte scanner locates the same fault for the report, and hands the sink the rows before it that csv-parse had not yet delivered. */
    fallBack: (): ReadReport => readCsvFast(path, schema, { ...options, sink: { row: (r) => r.offset > lastOffset && sink.row(r) } }),
    report: (): ReadReport => {
      if (roles === null && problems.length === 0) problem(1, 1, "the file is empty; it needs a header row naming its columns")
      return { rows, bytes, problems, moreProblems, lines: 0, quoted: false }
    }
  }
}
