/**
 * The fast CSV reader: a byte-level RFC 4180 scanner that reads a file in chunks and parses counts
 * straight into one reused row of numbers; no object per row, no string per count cell. It reads every CSV
 * kind (protocols files, the precinct registry, results.csv) through a `CsvSchema`; positions follow
 * position.ts, headers csv-header.ts, and problems are collected in a `ProblemList`.
 */
import * as fs from "node:fs"
import { maxCount, readCount } from "./count-cell.js"
import { isTextRole, Role, type HeaderCell, type HeaderProblem } from "./csv-header.js"
import { readChunkBytes } from "./input-file.js"
import { Interner } from "./interner.js"
import { advanceBytes } from "./position.js"
import { ProblemList, type Problem } from "./problem.js"
import { blank, firstChoice, type ProtocolLayout, type ProtocolRow, type ProtocolSink } from "./protocol.js"
import { resolveHeader } from "./protocol-header.js"
import { emptyBytes, emptyText, rowChecker, type CellProblem } from "./protocol-row.js"

/**
 * Checks a complete row's text cells and values, fills the row's ids, and returns its problems. Both readers
 * call it once per record whose cells are all readable, in file order (so a check may keep state, e.g. ids seen),
 * with the row's `line` and `offset` already set.
 */
export type RowCheck = (texts: ReadonlyArray<string>, values: Float64Array, row: ProtocolRow) => ReadonlyArray<CellProblem>

/** What a kind of CSV file holds: how many numbers a row has, and how its header maps to them. */
export interface CsvSchema {
  /** Value slots of a row. */
  readonly width: number
  /** Slots from here on may be left empty (they read as `blank`); before it an empty cell is a problem. */
  readonly blankFrom: number
  /** The role of each column (a slot, or a text role of `Role`), the header's problems, and the row check. */
  readonly resolve: (cells: ReadonlyArray<HeaderCell>) => {
    readonly roles: Int32Array
    readonly problems: ReadonlyArray<HeaderProblem>
    readonly check: RowCheck
  }
}

/** The schema of a protocols file for an election's layout (SPEC §1.2). */
export const protocolSchema = (layout: ProtocolLayout): CsvSchema => ({
  width: firstChoice + layout.choices.length,
  // Only another district's candidates may be left blank (SPEC §1.2): none in a proportional file.
  blankFrom: layout.system === "majoritarian" ? firstChoice : firstChoice + layout.choices.length,
  resolve: (cells) => {
    const header = resolveHeader(cells, layout)
    return { ...header, check: rowChecker(header.roles, layout) }
  }
})

const COMMA = 44
const QUOTE = 34
const LF = 10
const CR = 13

/** What reading a protocols file gives besides the rows handed to the sink. */
export interface ReadReport {
  /** Data rows read (well-formed or not). */
  readonly rows: number
  readonly bytes: number
  /** Problems, at most `problemLimit`; `moreProblems` counts the rest. */
  readonly problems: ReadonlyArray<Problem>
  readonly moreProblems: number
  /** Line breaks read (in a range: from its start, whose first line counts as line 1). */
  readonly lines: number
  /** Whether a quoted cell was read (a file with quotes is not split into ranges). */
  readonly quoted: boolean
}

const strayQuote = "a quote inside a cell that does not start with a quote; put the whole cell in quotes and double the quote"

/** The precinct text of a row whose precinct is known by index (`precinctIndex`): no string is made for it. */
export const knownPrecinct = "\u0000known"

/** What a reader reads: a file by its path, or bytes already in memory (a request's body, a file read whole). */
export type CsvSource = string | Uint8Array

/** Options of a read of any CSV file. */
export interface CsvReadOptions {
  /** The file's name as shown in messages. */
  readonly name: string
  readonly fileIndex: number
  readonly sink: ProtocolSink
  readonly chunkSize?: number
  /** Called every 16,384 rows with the rows read so far and the file offset reached. */
  readonly onProgress?: (rows: number, offset: number) => void
  /**
   * Called with the bytes read, once each, in file order from the start (bytes in memory: all at once), so that a
   * hash is computed over the buffers the scanner reads; a read stopped by a problem leaves the rest unread.
   * In a range (read from its start), only the first range is fed whole.
   */
  readonly onBytes?: (bytes: Uint8Array) => void
  /**
   * Only the records that start in `[start, end)` (byte offsets at line starts); the header is read from the
   * file's start all the same, and lines are counted from the range's start. With `limit`, asked after each read
   * with the offset read up to, the range ends where it answers, if before `end` (another thread may take the
   * rest: it moves the end back, never before what was read).
   */
  readonly range?: { readonly start: number; readonly end: number; readonly limit?: (readTo: number) => number }
  /**
   * Known precinct ids (the registry): a row of a known precinct gets its index as `precinctIndex` and the
   * text `knownPrecinct` instead of a new string; with `addPrecincts`, the id of every row handed to the sink is
   * added (reading the registry, or a tally's own table); a row found unusable adds none.
   */
  readonly precincts?: Interner
  readonly addPrecincts?: boolean
  /** Called once the header is read, with the role of each column (what `plainRecord` reads a record with). */
  readonly onHeader?: (roles: Int32Array) => void
}

/** Options of a read of a protocols file. */
export interface ReadOptions extends CsvReadOptions {
  readonly layout: ProtocolLayout
}

/**
 * Parses one plain record from `p`: no quotes, counts in digits, the header's number of cells, a line end
 * within the chunk. It writes counts into `values` (an empty choice cell is `blank`) and the bounds of every
 * other cell into `bounds`, and returns the offset after the line end; anything else returns -1 and the
 * general parser takes the record, so both give the same result. Hot loop: once per row. `b[lastLf]` is a line
 * end at or after `p`, so every loop stops there at the latest and none checks the chunk's end.
 */
export const plainRecord = (
  b: Uint8Array,
  p: number,
  lastLf: number,
  roles: Int32Array,
  values: Float64Array,
  blankFrom: number,
  bounds: Int32Array
): number => {
  const last = roles.length - 1
  for (let col = 0; ; col++) {
    const role = roles[col]
    const s = p
    let c: number
    if (role >= 0) {
      let v = 0
      for (;;) {
        c = b[p]
        if (c < 48 || c > 57) break
        v = v * 10 + (c - 48)
        p++
      }
      if (p === s) {
        if (role < blankFrom) return -1
        values[role] = blank
      } else if (p - s > 15 && v > maxCount) return -1 // fifteen digits are always below 2^53
      else values[role] = v
    } else {
      for (;;) {
        c = b[p]
        if (c === COMMA || c === LF || c === CR || c === QUOTE) break
        p++
      }
      bounds[2 * col] = s
      bounds[2 * col + 1] = p
    }
    if (col < last) {
      if (c !== COMMA) return -1
      p++
    } else if (c === LF) return p + 1
    else return c === CR && p < lastLf && b[p + 1] === LF ? p + 2 : -1
  }
}

/** Reads a protocols file with the byte scanner, handing each well-formed row to the sink. */
export const readProtocolsFast = (source: CsvSource, options: ReadOptions): ReadReport =>
  readCsvFast(source, protocolSchema(options.layout), options)

/** Reads a CSV file (or bytes) of the given schema with the byte scanner, handing each well-formed row to the sink. */
export const readCsvFast = (source: CsvSource, schema: CsvSchema, options: CsvReadOptions): ReadReport => {
  if (typeof source !== "string") return scan(null, Buffer.from(source.buffer, source.byteOffset, source.byteLength), schema, options)
  const fd = fs.openSync(source, "r")
  try {
    return scan(fd, null, schema, options)
  } finally {
    fs.closeSync(fd)
  }
}

/** Scans a file descriptor chunk by chunk, or bytes in memory (`fd` null) at once. */
const scan = (fd: number | null, bytes: Buffer | null, schema: CsvSchema, options: CsvReadOptions): ReadReport => {
  const { name, fileIndex, sink, onProgress, onBytes } = options
  let buf = bytes ?? Buffer.allocUnsafe(options.chunkSize ?? readChunkBytes)
  let len = bytes === null ? 0 : bytes.length
  let base = 0
  let eof = bytes !== null
  // The last line end in the chunk (-1: none): records before it are read by `plainRecord`.
  let lastLf = -1
  const range = options.range
  let rangeEnd = range?.end ?? Infinity
  const fill = () => {
    while (fd !== null && len < buf.length && !eof) {
      const n = fs.readSync(fd, buf, len, buf.length - len, base + len)
      if (n === 0) eof = true
      else onBytes?.(buf.subarray(len, len + n))
      len += n
    }
    lastLf = len === 0 ? -1 : buf.lastIndexOf(LF, len - 1)
    if (range?.limit !== undefined) rangeEnd = Math.min(range.end, range.limit(base + len))
  }
  if (bytes !== null) onBytes?.(bytes)
  fill()

  const found = new ProblemList(name)
  const problem = (line: number, column: number, message: string) => found.add(line, column, message)
  /** A problem in cell `col` of the record at `pos` (cell starts in `fieldStart`). */
  const cellProblem = (col: number, message: string) => {
    const at = advanceBytes(buf, pos, fieldStart[col], { line, column: 1 })
    found.add(at.line, at.column, message)
  }

  let pos = 0
  if (len >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) pos = 3
  let line = 1
  let quoted = false

  // Per-record state, reused.
  let roles: Int32Array = new Int32Array(0)
  let nCols = 0
  let checkRow: RowCheck = () => []
  let names: ReadonlyArray<string> = []
  let fieldStart = new Int32Array(64)
  const texts: Array<string> = []
  const row: ProtocolRow = { file: fileIndex, line: 0, offset: 0, precinct: "", precinctIndex: -2, precincts: options.precincts ?? null, territory: "", district: -1, version: 1, source: "manual", values: new Float64Array(schema.width) }
  const blankFrom = schema.blankFrom
  row.values.fill(blank, blankFrom)
  let textCols: Array<number> = []
  let bounds = new Int32Array(0)
  const values = row.values
  const cellProblems: Array<CellProblem> = []
  let nFields = 0
  let recordLines = 0
  let fatal: { at: number; message: string } | null = null
  let headerDone = false
  let rows = 0
  // Text cells repeat (territories, districts, versions, registered precincts): one string per distinct value.
  const interners: Array<Interner> = []
  const known = options.precincts
  const addKnown = options.addPrecincts === true
  // The last text of each column, as bytes: territories and districts come in runs of equal cells.
  const lastText: Array<string> = []
  const lastBytes: Array<Uint8Array> = []
  const sameAsLast = (col: number, s: number, e: number): boolean => {
    const last = lastBytes[col]
    if (last === undefined || last.length !== e - s) return false
    for (let i = 0; i < last.length; i++) if (last[i] !== buf[s + i]) return false
    return true
  }
  let lastKnown = -1
  // The id this record added to `known`, if it added one: a record that turns out unusable takes it back.
  let added = false
  const textOf = (col: number, role: number, s: number, e: number): string => {
    // A blank id is left as text, never looked up or added: the row check then finds it empty.
    if (role === Role.precinct && known !== undefined && !emptyBytes(buf, s, e)) {
      let i: number
      if (addKnown) {
        const before = known.size
        i = known.indexOrAddNear(buf, s, e, lastKnown + 1)
        if (known.size > before) added = true
      } else i = known.indexOfNear(buf, s, e, lastKnown + 1)
      if (i >= 0) lastKnown = i
      row.precinctIndex = i
      return i >= 0 ? knownPrecinct : buf.toString("utf8", s, e)
    }
    if (sameAsLast(col, s, e)) return lastText[col]
    const text = (interners[col] ??= new Interner()).intern(buf, s, e)
    lastText[col] = text
    lastBytes[col] = new Uint8Array(buf.subarray(s, e))
    return text
  }
  const knownText = (text: string): string => {
    let i: number
    if (addKnown) {
      const before = known!.size
      i = known!.add(text)
      if (known!.size > before) added = true
    } else i = known!.find(text)
    row.precinctIndex = i
    return i >= 0 ? knownPrecinct : text
  }

  /** Parses one record from `p`; returns the offset after it, or -1 when the chunk ends first. */
  const parseRecord = (p: number): number => {
    // Locals, not the closure's variables, in the hot loops: the chunk does not change during a record.
    const b = buf
    const len_ = len
    const atEof = eof
    let col = 0
    cellProblems.length = 0
    recordLines = 0
    row.precinctIndex = -2
    values.fill(blank, blankFrom)
    for (;;) {
      if (col >= fieldStart.length) {
        const grown = new Int32Array(fieldStart.length * 2)
        grown.set(fieldStart)
        fieldStart = grown
      }
      fieldStart[col] = p
      const role = headerDone ? (col < nCols ? roles[col] : Role.ignored) : Role.precinct
      if (p >= len_ && !atEof) return -1
      let c = p < len_ ? b[p] : LF
      if (c === QUOTE) {
        quoted = true
        const start = p + 1
        let q = start
        let parts = ""
        let from = start
        for (;;) {
          if (q >= len_) {
            if (!atEof) return -1
            fatal = { at: p, message: "a quoted cell is not closed: its opening quote has no closing quote" }
            return len_
          }
          const ch = b[q]
          if (ch === QUOTE) {
            if (q + 1 >= len_ && !atEof) return -1
            if (q + 1 < len_ && b[q + 1] === QUOTE) {
              parts += b.toString("utf8", from, q + 1)
              q += 2
              from = q
              continue
            }
            break
          }
          if (ch === LF) recordLines++
          else if (ch === CR) {
            // A lone CR is a line break too; a CR LF is one, counted at its LF.
            if (q + 1 >= len_ && !atEof) return -1
            if (q + 1 >= len_ || b[q + 1] !== LF) recordLines++
          }
          q++
        }
        const text = parts + b.toString("utf8", from, q)
        p = q + 1
        if (p >= len_ && !atEof) return -1
        c = p < len_ ? b[p] : LF
        if (c !== COMMA && c !== LF && c !== CR) {
          fatal = { at: p, message: "a quoted cell has text after its closing quote; put the whole cell in quotes and double any quote inside it" }
          return len_
        }
        // Header cells are names, never precincts: a quoted header cell is only text.
        if (!headerDone) texts[col] = text
        else if (isTextRole(role)) texts[col] = role === Role.precinct && known !== undefined && !emptyText(text) ? knownText(text) : text
        else if (role >= 0) {
          const v = text.length === 0 && role >= blankFrom ? blank : readCount(text)
          if (typeof v === "number") values[role] = v
          else cellProblems.push({ col, message: v })
        }
      } else if (role >= 0) {
        let v = 0
        let ok = true
        const s = p
        while (p < len_) {
          c = b[p]
          const d = c - 48
          if (d >= 0 && d <= 9) v = v * 10 + d
          else if (c === COMMA || c === LF || c === CR) break
          else {
            if (c === QUOTE) {
              fatal = { at: p, message: strayQuote }
              return len_
            }
            ok = false
          }
          p++
        }
        if (p >= len_ && !atEof) return -1
        if (p === s) {
          if (role >= blankFrom) values[role] = blank
          else cellProblems.push({ col, message: readCount("") as string })
        } else if (!ok || v > maxCount) cellProblems.push({ col, message: readCount(b.toString("utf8", s, p)) as string })
        else values[role] = v
        c = p < len_ ? b[p] : LF
      } else {
        const s = p
        while (p < len_) {
          c = b[p]
          if (c === COMMA || c === LF || c === CR) break
          if (c === QUOTE) {
            fatal = { at: p, message: strayQuote }
            return len_
          }
          p++
        }
        if (p >= len_ && !atEof) return -1
        if (!headerDone) texts[col] = b.toString("utf8", s, p)
        else if (isTextRole(role)) texts[col] = textOf(col, role, s, p)
        c = p < len_ ? b[p] : LF
      }
      if (c === COMMA) {
        p++
        col++
        continue
      }
      nFields = col + 1
      if (p >= len_) return p
      if (c === CR) {
        if (p + 1 >= len_ && !atEof) return -1
        return p + 1 < len_ && b[p + 1] === LF ? p + 2 : p + 1
      }
      return p + 1
    }
  }

  for (;;) {
    if (range !== undefined && headerDone) {
      if (base + pos < range.start) {
        base = range.start
        len = 0
        pos = 0
        line = 1
        eof = false
        fill()
      }
      if (base + pos >= rangeEnd) break
    }
    if (pos >= len) {
      if (eof) break
      base += pos
      len = 0
      pos = 0
      fill()
      continue
    }
    const c = buf[pos]
    if (c === LF || c === CR) {
      // An empty line is skipped, as csv-parse's skip_empty_lines does.
      if (c === CR && pos + 1 >= len && !eof) {
        buf.copy(buf, 0, pos, len)
        base += pos
        len -= pos
        pos = 0
        fill()
        continue
      }
      pos += c === CR && buf[pos + 1] === LF ? 2 : 1
      line++
      continue
    }
    if (headerDone && pos <= lastLf) {
      const end = plainRecord(buf, pos, lastLf, roles, values, blankFrom, bounds)
      if (end > 0) {
        row.precinctIndex = -2
        for (let k = 0; k < textCols.length; k++) {
          const col = textCols[k]
          texts[col] = textOf(col, roles[col], bounds[2 * col], bounds[2 * col + 1])
        }
        rows++
        row.line = line
        row.offset = base + pos
        const rowProblems = checkRow(texts, values, row)
        if (rowProblems.length === 0) sink.row(row)
        else {
          if (added) known!.dropLast()
          // A plain record has no quotes: its cells start after its commas.
          fieldStart[0] = pos
          for (let i = pos, col = 1; i < end; i++) if (buf[i] === COMMA) fieldStart[col++] = i + 1
          for (const rp of rowProblems) cellProblem(rp.col, rp.message)
        }
        if ((rows & 0x3fff) === 0 && onProgress !== undefined) onProgress(rows, base + pos)
        added = false
        line++
        pos = end
        continue
      }
    }
    const knownBefore = lastKnown
    const end = parseRecord(pos)
    if (end === -1) {
      // The record is read again from its start after the refill: its precinct is again the next one.
      lastKnown = knownBefore
      if (pos === 0) {
        const grown = Buffer.allocUnsafe(buf.length * 2)
        buf.copy(grown, 0, 0, len)
        buf = grown
      } else {
        buf.copy(buf, 0, pos, len)
        base += pos
        len -= pos
        pos = 0
      }
      fill()
      continue
    }
    if (fatal !== null) {
      if (added) known!.dropLast()
      const at = advanceBytes(buf, pos, (fatal as { at: number }).at, { line, column: 1 })
      problem(at.line, at.column, (fatal as { message: string }).message)
      break
    }
    if (!headerDone) {
      const cells = texts.slice(0, nFields).map((text, i) => ({ name: text, ...advanceBytes(buf, pos, fieldStart[i], { line, column: 1 }) }))
      const header = schema.resolve(cells)
      for (const hp of header.problems) problem(hp.line, hp.column, hp.message)
      if (header.problems.length > 0) break
      roles = header.roles
      nCols = roles.length
      checkRow = header.check
      textCols = [...roles.keys()].filter((col) => isTextRole(roles[col]))
      bounds = new Int32Array(2 * nCols)
      names = cells.map((c) => c.name)
      headerDone = true
      options.onHeader?.(roles)
    } else {
      rows++
      if (nFields !== nCols) problem(line, 1, `this row has ${nFields} cells but the header has ${nCols}`)
      else if (cellProblems.length > 0) for (const cp of cellProblems) cellProblem(cp.col, `${names[cp.col]}: ${cp.message}`)
      else {
        row.line = line
        row.offset = base + pos
        const rowProblems = checkRow(texts, values, row)
        if (rowProblems.length === 0) {
          sink.row(row)
          added = false
        } else for (const rp of rowProblems) cellProblem(rp.col, rp.message)
      }
      if (added) known!.dropLast()
      added = false
      if ((rows & 0x3fff) === 0 && onProgress !== undefined) onProgress(rows, base + pos)
    }
    line += 1 + recordLines
    pos = end
  }
  if (!headerDone && found.problems.length === 0) problem(1, 1, "the file is empty; it needs a header row naming its columns")
  return { rows, bytes: base + len, problems: found.problems, moreProblems: found.more, lines: line - 1, quoted }
}
