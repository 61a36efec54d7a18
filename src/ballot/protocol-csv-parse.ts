/**
 * The straightforward CSV reader: csv-parse, one record at a time. It is the independent oracle the byte
 * scanner is tested against and the baseline it is measured against: it shares with the scanner only what
 * a file means (the schema, the count rule, the position rule), never how it is read. It never falls back
 * on the scanner, and an exception of the sink is the caller's, never swallowed.
 */
import { CsvError, parse as parseStream, type Options } from "csv-parse"
import { parse } from "csv-parse/sync"
import * as fs from "node:fs"
import { Transform, Writable } from "node:stream"
import { pipeline } from "node:stream/promises"
import { readCount } from "./count-cell.js"
import { isTextRole, Role } from "./csv-header.js"
import { advance, type Position } from "./position.js"
import { ProblemList } from "./problem.js"
import { blank, type ProtocolRow } from "./protocol.js"
import { emptyText, type CellProblem } from "./protocol-row.js"
import {
  knownPrecinct,
  protocolSchema,
  type CsvReadOptions,
  type CsvSchema,
  type CsvSource,
  type ReadOptions,
  type ReadReport,
  type RowCheck
} from "./protocol-scan.js"

/** Reads a protocols file with csv-parse, streaming it record by record, handing each well-formed row to the sink. */
export const readProtocolsCsvParse = (source: CsvSource, options: ReadOptions): Promise<ReadReport> =>
  readCsvCsvParseStream(source, protocolSchema(options.layout), options)

/** Reads a CSV file (or bytes) of the given schema with csv-parse, streaming a file, handing each well-formed row to the sink. */
const readCsvCsvParseStream = async (source: CsvSource, schema: CsvSchema, options: CsvReadOptions): Promise<ReadReport> => {
  if (typeof source !== "string") return readCsvCsvParse(source, schema, options)
  // The chunks csv-parse may still ask about (see `byteAt`), with the file offset of each.
  const chunks: Array<{ readonly base: number; readonly bytes: Buffer }> = []
  let read = 0
  const byteAt = (offset: number, done: number): number => {
    while (chunks.length > 1 && chunks[0].base + chunks[0].bytes.length <= done) chunks.shift()
    const chunk = chunks.find((c) => offset >= c.base && offset < c.base + c.bytes.length)
    return chunk === undefined ? -1 : chunk.bytes[offset - chunk.base]
  }
  const keep = new Transform({
    transform: (chunk: Buffer, _encoding, next) => {
      chunks.push({ base: read, bytes: chunk })
      options.onBytes?.(chunk)
      read += chunk.length
      next(null, chunk)
    }
  })
  const reader = recordReader(schema, options, byteAt)
  try {
    await pipeline(fs.createReadStream(source), keep, parseStream(reader.parseOptions), new Writable({ objectMode: true, write: (_r, _e, done) => done() }))
  } catch (e) {
    reader.fault(e)
  }
  return reader.report()
}

/** Reads a (small) CSV file, or bytes, of the given schema with csv-parse at once, handing each well-formed row to the sink. */
export const readCsvCsvParse = (source: CsvSource, schema: CsvSchema, options: CsvReadOptions): ReadReport => {
  const bytes = typeof source === "string" ? fs.readFileSync(source) : Buffer.from(source.buffer, source.byteOffset, source.byteLength)
  const reader = recordReader(schema, options, (offset) => (offset < bytes.length ? bytes[offset] : -1))
  options.onBytes?.(bytes)
  try {
    parse(bytes, reader.parseOptions)
  } catch (e) {
    reader.fault(e)
  }
  return reader.report()
}

const afterClosingQuote = "a quoted cell has text after its closing quote; put the whole cell in quotes and double any quote inside it"

/** SPEC §1.2: LF or CR LF; a lone CR is a line break too (as the byte scanner reads it), whatever the first line used. */
const recordDelimiter = ["\r\n", "\n", "\r"]

/** A cell as the file wrote it: quoted cells with their quotes doubled. */
const written = (value: string, quoted: boolean): string => (quoted ? `"${value.replace(/"/g, '""')}"` : value)

/** The line breaks csv-parse left before a record's own text: one character per skipped empty line. */
const skippedLines = (raw: string): number => {
  let n = 0
  while (n < raw.length && (raw.charCodeAt(n) === 10 || raw.charCodeAt(n) === 13)) n++
  return n
}

/** Where character `end` of `text` is, when `text` starts at `at`. */
const positionAt = (text: string, end: number, at: Position): Position => advance(text.slice(0, end), at)

/**
 * Where each cell of a record starts in its text `body`, from csv-parse's cells: a cell is quoted when its text
 * starts with a quote (an unquoted cell never holds one), and takes its written length and a comma.
 */
const cellStarts = (cells: ReadonlyArray<string>, body: string): Array<{ readonly start: number; readonly quoted: boolean }> => {
  const out: Array<{ start: number; quoted: boolean }> = []
  let start = 0
  for (const cell of cells) {
    const quoted = body.charCodeAt(start) === 34
    out.push({ start, quoted })
    start += written(cell, quoted).length + 1
  }
  return out
}

/**
 * csv-parse takes a NUL byte after a closing quote for the cell's end, and keeps the NUL and what follows in
 * the cell (`"ab"\0cd` reads as `ab\0cd`). Such a cell's text is not its written form: this returns the
 * offset in `body` of the character after the real closing quote, or -1 when every cell is as written.
 */
const closedEarly = (cells: ReadonlyArray<string>, body: string): number => {
  for (const [i, { start, quoted }] of cellStarts(cells, body).entries()) {
    if (!quoted || body.startsWith(written(cells[i], true), start)) continue
    for (let k = cells[i].indexOf("\0"); k >= 0; k = cells[i].indexOf("\0", k + 1)) {
      const head = written(cells[i].slice(0, k), true)
      if (body.startsWith(head + cells[i].slice(k), start)) return start + head.length
    }
  }
  return -1
}

/** The cells csv-parse reads in the text of one record (a fragment of a file, for locating a fault). */
const cellsOf = (text: string): ReadonlyArray<string> =>
  (parse(text, { relax_column_count: true, record_delimiter: recordDelimiter }) as Array<Array<string>>)[0] ?? []

/**
 * What both csv-parse readers do with each record: cells to numbers and ids, checks, positions for messages.
 * `byteAt(offset, done)` is the file's byte at `offset` (-1 past its end); bytes before `done` are no longer asked for.
 */
const recordReader = (schema: CsvSchema, options: CsvReadOptions, byteAt: (offset: number, done: number) => number) => {
  const { sink } = options
  const found = new ProblemList(options.name)
  const row: ProtocolRow = { file: options.fileIndex, line: 0, offset: 0, precinct: "", precinctIndex: -2, precincts: options.precincts ?? null, territory: "", district: -1, version: 1, source: "manual", values: new Float64Array(schema.width) }
  const known = options.precincts
  let roles: Int32Array | null = null
  let checkRow: RowCheck = () => []
  let names: ReadonlyArray<string> = []
  let stopped = false
  let rows = 0
  let bytes = 0
  let nextLine = 1

  /** Takes one record: its cells, its raw text (which begins with the empty lines skipped before it), the bytes read to its end. */
  const onRecord = ({ record, raw }: { record: Array<string>; raw: string }, info: { bytes: number }): null => {
    if (stopped) return null
    const skipped = skippedLines(raw)
    const firstLine = nextLine + skipped
    // The raw text ends with the first character of the record's line break, if it has one (a CR of CR LF too).
    const last = raw.charCodeAt(raw.length - 1)
    const breakBytes = last === 10 ? 1 : last === 13 ? (byteAt(info.bytes - 1, bytes) === 10 ? 2 : 1) : 0
    const body = raw.slice(skipped, breakBytes > 0 ? -1 : raw.length)
    nextLine = (body.includes("\n") || body.includes("\r") ? positionAt(body, body.length, { line: firstLine, column: 1 }).line : firstLine) + 1
    bytes = info.bytes
    const closed = record.some((cell) => cell.includes("\0")) ? closedEarly(record, body) : -1
    if (closed >= 0) {
      const p = positionAt(body, closed, { line: firstLine, column: 1 })
      found.add(p.line, p.column, afterClosingQuote)
      stopped = true
    } else take(record, body, firstLine, info.bytes - breakBytes - Buffer.byteLength(body))
    return null
  }

  const take = (record: Array<string>, body: string, firstLine: number, offset: number) => {
    // Cell positions are worked out only for a message.
    let starts: ReturnType<typeof cellStarts> | null = null
    const at = (col: number) => positionAt(body, (starts ??= cellStarts(record, body))[col].start, { line: firstLine, column: 1 })
    if (roles === null) {
      const header = schema.resolve(record.map((name, i) => ({ name, ...at(i) })))
      for (const hp of header.problems) found.add(hp.line, hp.column, hp.message)
      if (header.problems.length > 0) stopped = true
      roles = header.roles
      checkRow = header.check
      names = record
      return
    }
    rows++
    if ((rows & 0x3fff) === 0) options.onProgress?.(rows, bytes)
    if (record.length !== roles.length) {
      found.add(firstLine, 1, `this row has ${record.length} cells but the header has ${roles.length}`)
      return
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
    for (const cp of cellProblems) {
      const p = at(cp.col)
      found.add(p.line, p.column, `${names[cp.col]}: ${cp.message}`)
    }
    if (cellProblems.length > 0) return
    row.precinctIndex = -2
    let newId: string | null = null
    const texts = record.map((cell, col) => {
      const role = roles![col]
      // A blank id is left as text, never looked up or added: the row check then finds it empty.
      if (role === Role.precinct && known !== undefined && !emptyText(cell)) {
        // Known precincts are found by their text, as the byte scanner does by bytes; reading with
        // `addPrecincts`, a new one is added once its row is found usable.
        row.precinctIndex = known.find(cell)
        if (row.precinctIndex < 0 && options.addPrecincts === true) newId = cell
        return row.precinctIndex >= 0 || newId !== null ? knownPrecinct : cell
      }
      return isTextRole(role) ? cell : ""
    })
    row.line = firstLine
    row.offset = offset
    const rowProblems = checkRow(texts, row.values, row)
    for (const rp of rowProblems) {
      const p = at(rp.col)
      found.add(p.line, p.column, rp.message)
    }
    if (rowProblems.length > 0) return
    if (newId !== null) row.precinctIndex = known!.add(newId)
    sink.row(row)
  }

  const parseOptions: Options = {
    bom: true,
    relax_column_count: true,
    skip_empty_lines: true,
    raw: true,
    record_delimiter: recordDelimiter,
    on_record: onRecord as never
  }

  return {
    parseOptions,
    /** A fault of the file's quoting becomes its problem; any other exception (the sink's, ours) is thrown on. */
    fault: (e: unknown): void => {
      if (!(e instanceof CsvError)) throw e
      // After a bad header or a misread cell the scanner reads no further; neither do we.
      if (stopped) return
      const raw = (e as unknown as { raw?: string }).raw ?? ""
      const skipped = skippedLines(raw)
      const body = raw.slice(skipped)
      const from = { line: nextLine + skipped, column: 1 }
      // The record read so far (raw ends at the quote csv-parse stopped at), its open cell closed, gives its cells.
      const done =
        e.code === "CSV_QUOTE_NOT_CLOSED" ? `${body}"` : e.code === "INVALID_OPENING_QUOTE" ? body.slice(0, -1) : e.code === "CSV_INVALID_CLOSING_QUOTE" ? body : null
      if (done === null) throw e
      const cells = cellsOf(done)
      const closed = closedEarly(cells, body)
      if (closed >= 0) found.add(positionAt(body, closed, from).line, positionAt(body, closed, from).column, afterClosingQuote)
      else if (e.code === "CSV_QUOTE_NOT_CLOSED") {
        const p = positionAt(body, cellStarts(cells, body)[cells.length - 1].start, from)
        found.add(p.line, p.column, "a quoted cell is not closed: its opening quote has no closing quote")
      } else if (e.code === "CSV_INVALID_CLOSING_QUOTE") {
        const p = positionAt(body, body.length, from)
        found.add(p.line, p.column, afterClosingQuote)
      } else {
        const p = positionAt(body, body.length - 1, from)
        found.add(p.line, p.column, "a quote inside a cell that does not start with a quote; put the whole cell in quotes and double the quote")
      }
    },
    report: (): ReadReport => {
      if (roles === null && found.problems.length === 0) found.add(1, 1, "the file is empty; it needs a header row naming its columns")
      return { rows, bytes, problems: found.problems, moreProblems: found.more, lines: 0, quoted: false }
    }
  }
}
