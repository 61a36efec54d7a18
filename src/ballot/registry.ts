/** The precinct registry: which precincts exist, their territory, district and voters (SPEC §1.1). */
import * as Either from "effect/Either"
import * as fs from "node:fs"
import { maxCount } from "./count-cell.js"
import { resolveColumns, Role, type HeaderCell, type HeaderSpec } from "./csv-header.js"
import { FileHash } from "./file-hash.js"
import { indexing, type IndexColumn } from "./index-column.js"
import { readChunkBytes } from "./input-file.js"
import { Interner } from "./interner.js"
import { advanceBytes } from "./position.js"
import { problemLimit, ProblemList, shown as shownCell, type Problems } from "./problem.js"
import { readCsvCsvParse } from "./protocol-csv-parse.js"
import { emptyBytes, emptyText, type CellProblem } from "./protocol-row.js"
import { readCsvFast, type CsvSchema } from "./protocol-scan.js"
import { holdingVoters, type VotersColumn } from "./voters-column.js"

/** The registry's rows in columns, with where each row was written (for messages). */
export interface Registry {
  readonly source: string
  /** The precinct ids by their bytes: precinct `i` of the registry is entry `i`. */
  readonly interner: Interner
  readonly size: number
  /** Territory of each precinct, as an index into `territoryNames`. */
  readonly territoryIndex: IndexColumn
  readonly territoryNames: ReadonlyArray<string>
  /** District of each precinct, as an index into `districtNames` ("" for proportional elections). */
  readonly districtIndex: IndexColumn
  readonly districtNames: ReadonlyArray<string>
  /** Voters of each precinct (voters-column.ts). */
  readonly voters: VotersColumn
  readonly position: (i: number) => { file: string; line: number; column: number }
  /** The SHA-256 of the registry CSV as it was read (null: the registry is listed in election.json, hashed as itself). */
  readonly sha256: string | null
}

/** Distinct names numbered in the order first seen; the name asked for last is tried first (names come in runs). */
export class Names {
  readonly list: Array<string> = []
  private readonly numbers = new Map<string, number>()
  private last = -1

  /** The number of a name, given one on first sight. */
  of(name: string): number {
    if (this.last >= 0 && this.list[this.last] === name) return this.last
    let k = this.numbers.get(name)
    if (k === undefined) {
      k = this.list.length
      this.numbers.set(name, k)
      this.list.push(name)
    }
    this.last = k
    return k
  }
}

/** `a`, or a copy half as long again when it has no place `n`. */
const grown = <A extends Uint8Array | Uint16Array | Int32Array | Float64Array>(a: A, n: number): A => {
  if (n < a.length) return a
  const b = new (a.constructor as new (length: number) => A)(Math.ceil(a.length * 1.5) + 16)
  b.set(a)
  return b
}

/** `a` cut to its first `n` entries (the room after them, never written, takes no memory). */
const trimmed = <A extends Uint8Array | Uint16Array | Int32Array | Float64Array>(a: A, n: number): A => a.subarray(0, n) as A

/**
 * A registry filled row by row, in typed arrays: the territory and district of each row as numbers of `Names`, its
 * voters, and its line. A line is kept per row only from the first row that does not follow the one before it on the
 * next line, and districts only from the first that is not the first district named (a plain file of a proportional
 * election needs neither).
 */
export class RegistryColumns {
  readonly territories = new Names()
  readonly districts = new Names()
  size = 0
  /** Index columns (index-column.ts), widened when a name is numbered beyond what they hold. */
  private territory: IndexColumn
  private district: IndexColumn | null = null
  /** Voters, 16-bit while every row's fits (voters-column.ts). */
  private voters: VotersColumn
  private firstLine = 0
  private lines: Int32Array | null = null

  /** Columns with room for `capacity` rows before they grow (room that is never written takes no memory). */
  constructor(capacity = 1024) {
    this.territory = new Uint8Array(Math.max(16, capacity))
    this.voters = new Uint16Array(Math.max(16, capacity))
  }

  /** Appends a row: the numbers of its territory and district in `territories` and `districts`, its voters, its line. */
  push(territory: number, district: number, voters: number, line: number): void {
    const i = this.size
    if (i === this.territory.length) {
      this.territory = grown(this.territory, i)
      this.voters = grown(this.voters, i)
    }
    if (territory > 255) this.territory = indexing(this.territory, territory + 1)
    this.territory[i] = territory
    this.voters = holdingVoters(this.voters, voters)
    this.voters[i] = voters
    if (this.district !== null) this.district = grown(this.district, i)
    else if (district !== 0) this.district = new Uint8Array(this.territory.length)
    if (district > 255 && this.district !== null) this.district = indexing(this.district, district + 1)
    if (this.district !== null) this.district[i] = district
    if (i === 0) this.firstLine = line
    else if (this.lines !== null) this.lines = grown(this.lines, i)
    else if (line !== this.firstLine + i) this.lines = Int32Array.from({ length: this.territory.length }, (_, k) => this.firstLine + k)
    if (this.lines !== null) this.lines[i] = line
    this.size = i + 1
  }

  /** The line of row `i`. */
  lineOf(i: number): number {
    return this.lines === null ? this.firstLine + i : this.lines[i]
  }

  /** The registry of the rows pushed, their ids in `interner` (row `i` is entry `i`), positioned by `position`. */
  registry(source: string, interner: Interner, position: (i: number) => { file: string; line: number; column: number }): Registry {
    const n = this.size
    if (this.lines !== null) this.lines = trimmed(this.lines, n)
    return {
      source,
      interner,
      size: n,
      territoryIndex: trimmed(this.territory, n),
      territoryNames: this.territories.list,
      // Zeros that are never written take no memory until read.
      districtIndex: this.district === null ? new Uint8Array(n) : trimmed(this.district, n),
      districtNames: this.districts.list,
      voters: trimmed(this.voters, n),
      position,
      sha256: null
    }
  }
}

/** The registry CSV's columns: `id,territory,district,voters` in any order; `district` may be left out. */
const registryHeader: HeaderSpec = {
  known: new Map<string, number>([["id", Role.precinct], ["territory", Role.territory], ["district", Role.district], ["voters", 0]]),
  required: ["id", "territory", "voters"],
  unknownHint: "the registry's columns are id, territory, district, voters"
}

const none: ReadonlyArray<CellProblem> = []

/** The registry CSV as a schema of the CSV core; each row's district text is handed to `onDistrict` (a row carries only numbers and ids). */
const registrySchema = (onDistrict: (district: string) => void): CsvSchema => ({
  width: 1,
  blankFrom: 1,
  resolve: (cells: ReadonlyArray<HeaderCell>) => {
    const { roles, problems } = resolveColumns(cells, registryHeader)
    const idCol = roles.indexOf(Role.precinct)
    const territoryCol = roles.indexOf(Role.territory)
    const districtCol = roles.indexOf(Role.district)
    return {
      roles,
      problems,
      check: (texts, _values, row) => {
        row.precinct = texts[idCol]
        row.territory = texts[territoryCol]
        onDistrict(districtCol >= 0 ? texts[districtCol] : "")
        if (!emptyText(row.precinct) && !emptyText(row.territory)) return none
        const out: Array<CellProblem> = []
        if (emptyText(row.precinct)) out.push({ col: idCol, message: "the precinct id is empty" })
        if (emptyText(row.territory)) out.push({ col: territoryCol, message: "the territory id is empty" })
        return out
      }
    }
  }
})

/**
 * Reads a registry CSV (`shown` is its name in messages). The fast reader first tries `readPlainRegistry`, and a file
 * that is not plain, or has a problem, is read by the CSV core's byte scanner; `csv-parse`, the reference, reads it
 * with csv-parse. All three give the same registry, and the last two the same problems: the first `problemLimit` of
 * the file by position, and how many more (as for a protocols file).
 */
export const readRegistryCsv = (file: string, shown: string, reader: "fast" | "csv-parse" = "fast"): Either.Either<Registry, Problems> => {
  try {
    fs.accessSync(file, fs.constants.R_OK)
  } catch (e) {
    return Either.left({ problems: [{ file: shown, line: 1, column: 1, message: `cannot read the precinct registry: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}` }], more: 0 })
  }
  // The file is hashed over the buffers its reader reads (a reader that gives up leaves a hash begun: it starts again).
  let hash = new FileHash()
  if (reader === "fast") {
    const plain = readPlainRegistry(file, shown, undefined, hash.update)
    if (plain !== null) return Either.right({ ...plain, sha256: hash.finish(file) })
    hash = new FileHash()
  }
  const columns = new RegistryColumns()
  const twice = new ProblemList(shown)
  let rowDistrict = ""
  const interner = new Interner()
  const report = (reader === "fast" ? readCsvFast : readCsvCsvParse)(file, registrySchema((d) => (rowDistrict = d)), {
    name: shown,
    fileIndex: 0,
    precincts: interner,
    addPrecincts: true,
    onBytes: hash.update,
    sink: {
      row: (row) => {
        if (row.precinctIndex !== columns.size) {
          const message = `precinct "${shownCell(interner.string(row.precinctIndex))}" is registered twice (first at line ${columns.lineOf(row.precinctIndex)})`
          twice.add(row.line, 1, message)
          return
        }
        columns.push(columns.territories.of(row.territory), columns.districts.of(rowDistrict), row.values[0], row.line)
      }
    }
  })
  // Each list holds its first `problemLimit` in the order of the rows, so the first of the two together, by line
  // (a stable sort: the reader's own order within a line), are the file's first.
  const found = [...report.problems, ...twice.problems].sort((a, b) => a.line - b.line)
  if (found.length > 0) {
    const problems = found.slice(0, problemLimit)
    return Either.left({ problems, more: report.moreProblems + twice.more + found.length - problems.length })
  }
  return Either.right({ ...columns.registry(shown, interner, (i) => ({ file: shown, line: columns.lineOf(i), column: 1 })), sha256: hash.finish(file) })
}

const COMMA = 44
const QUOTE = 34
const LF = 10
const CR = 13

/** What a registry column holds, in `readPlainRegistry`. */
const ID = 0
const TERRITORY = 1
const DISTRICT = 2
const VOTERS = 3

/**
 * Reads a plain registry CSV in one pass over its bytes, or returns null when the file is not plain: a plain file
 * has a header of known columns, no quote anywhere, rows of the header's number of cells, a non-empty id and
 * territory and a count of voters in every row, and no id twice (line ends LF, CR LF or CR, blank lines between
 * rows). Such a file has no problem, and this gives the registry the byte scanner gives; any other file is left to
 * the byte scanner, which reads it from the start and reports its problems. A plain registry of a million rows is
 * read without a string, an object or a call per row, but for the new ids (and names). `onBytes` is fed every byte
 * read, in order (for the file's hash).
 */
export const readPlainRegistry = (file: string, shown: string, chunkSize = readChunkBytes, onBytes?: (bytes: Uint8Array) => void): Registry | null => {
  const fd = fs.openSync(file, "r")
  try {
    return scanPlain(new Chunks(fd, chunkSize, onBytes), shown)
  } finally {
    fs.closeSync(fd)
  }
}

/** A file read in chunks into one buffer: `buf[0..len)` holds the file's bytes from offset `base`. */
class Chunks {
  buf: Buffer
  len = 0
  base = 0
  eof = false
  /** The file's size when opened. */
  readonly size: number
  constructor(
    private readonly fd: number,
    chunkSize: number,
    private readonly onBytes?: (bytes: Uint8Array) => void
  ) {
    this.size = fs.fstatSync(fd).size
    this.buf = Buffer.allocUnsafe(Math.min(chunkSize, this.size + 1))
  }

  /** Keeps the bytes from `p` on, moved to the start, and reads on after them; false when the bytes read hold a quote (the first call: `p` = 0). */
  refill(p: number): boolean {
    const buf = this.buf
    buf.copy(buf, 0, p, this.len)
    this.base += p
    this.len -= p
    const kept = this.len
    while (this.len < buf.length && !this.eof) {
      const n = fs.readSync(this.fd, buf, this.len, buf.length - this.len, this.base + this.len)
      if (n === 0) this.eof = true
      else this.onBytes?.(buf.subarray(this.len, this.len + n))
      this.len += n
    }
    return buf.subarray(kept, this.len).indexOf(QUOTE) < 0
  }
}

/** Why a turn of the hot loop stopped: the chunk is read (to its end, or to a row it cuts), a row needs the caller, or the file is not plain. */
const chunkRead = 0
const newTerritory = 1
const newDistrict = 2
const outOfOrder = 3
const notPlain = 4

/** `readPlainRegistry` on a file's chunks: the header, then the rows, turn by turn of the hot loop `rows`. */
const scanPlain = (chunks: Chunks, shown: string): Registry | null => {
  if (!chunks.refill(0)) return null
  let buf = chunks.buf
  let len = chunks.len
  let p = len >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf ? 3 : 0
  let line = 1
  // Blank lines before the header, then the header, within the first chunk.
  while (p < len && (buf[p] === LF || buf[p] === CR)) {
    p += buf[p] === CR && buf[p + 1] === LF ? 2 : 1
    line++
  }
  let end = p
  while (end < len && buf[end] !== LF && buf[end] !== CR) end++
  if (end + 1 >= len && !chunks.eof) return null
  const cells: Array<HeaderCell> = []
  for (let s = p; ; ) {
    let e = s
    while (e < end && buf[e] !== COMMA) e++
    cells.push({ name: buf.toString("utf8", s, e), ...advanceBytes(buf, p, s, { line, column: 1 }) })
    if (e === end) break
    s = e + 1
  }
  const header = resolveColumns(cells, registryHeader)
  if (header.problems.length > 0 || p === end) return null
  const kinds = Int8Array.from(header.roles, (role) => (role === Role.precinct ? ID : role === Role.territory ? TERRITORY : role === Role.district ? DISTRICT : VOTERS))
  const last = kinds.length - 1
  p = end < len ? end + (buf[end] === CR && buf[end + 1] === LF ? 2 : 1) : end
  line++
  let eof = chunks.eof

  // Room for as many rows (and id bytes) as the file seems to hold, from its first row, so that the columns seldom
  // grow: memory written for the first time is what costs most here.
  let firstRow = p
  while (firstRow < len && buf[firstRow] !== LF && buf[firstRow] !== CR) firstRow++
  const capacity = Math.ceil(((chunks.size - p) / Math.max(1, firstRow + 1 - p)) * 1.2) + 16
  const columns = new RegistryColumns(capacity)
  const { territories, districts } = columns
  // The current territory and district (numbers in the columns' names, -1 before the first) and their bytes; a
  // file without a district column names the district "" in every row.
  let territory = -1
  let territoryBytes = new Uint8Array(0)
  let district = kinds.includes(DISTRICT) ? -1 : 0
  let districtBytes = new Uint8Array(0)
  // The cell that stopped a turn with `newTerritory` or `newDistrict`.
  let cellStart = 0
  let cellEnd = 0
  // The ids, while each comes after the one before in byte order (so none repeats): their bytes end to end, and
  // where each ends; once one does not, they are handed to `interner`, which finds repeats by hashing.
  let arena = new Uint8Array(Math.min(chunks.size, capacity * Math.max(1, (firstRow - p) >> 1)))
  let used = 0
  let ends = new Int32Array(capacity)
  let count = 0
  let interner: Interner | null = null

  /**
   * Hot loop: reads the rows of the chunk from `p`, one per turn, each cell scanned in place (the chunk holds no
   * quote): an id copied and compared with the one before as it is scanned, the territory and district compared
   * with the row before's. Anything rare (a new territory or district, an id out of order, the end of the chunk)
   * stops it at the row's start, before the row changed anything; the caller deals with it and calls again. The
   * state is kept in locals during a turn (and outside the loop in the enclosing function's variables).
   */
  const rows = (): number => {
    const b = buf
    const n = len
    const atEof = eof
    const t = territory
    const tBytes = territoryBytes
    const d = district
    const dBytes = districtBytes
    const hashed = interner
    let a = arena
    let at = used
    let after = ends
    let k = count
    let pos = p
    let ln = line
    let stop = chunkRead
    for (;;) {
      if (pos >= n) break
      let c = b[pos]
      if (c === LF || c === CR) {
        if (c === CR && pos + 1 >= n && !atEof) break
        pos += c === CR && b[pos + 1] === LF ? 2 : 1
        ln++
        continue
      }
      let q = pos
      let idStart = 0
      let idEnd = 0
      let voters = 0
      // The id against the one before: < 0 before it, > 0 after it, 0 equal so far.
      let order = 0
      let w = at
      let cut = false
      for (let col = 0; ; col++) {
        const kind = kinds[col]
        const s = q
        if (kind === VOTERS) {
          let v = 0
          while (q < n) {
            const digit = b[q] - 48
            if (digit < 0 || digit > 9) break
            v = v * 10 + digit
            q++
          }
          voters = v
        } else if (kind === ID && hashed === null) {
          const prev = k > 1 ? after[k - 2] : 0
          const prevLength = k > 0 ? after[k - 1] - prev : 0
          while (q < n) {
            c = b[q]
            if (c === COMMA || c === LF || c === CR) break
            q++
          }
          const length = q - s
          if (w + length > a.length) a = grown(a, w + length)
          // Copied, and compared with the id before up to the first byte that differs.
          const common = length < prevLength ? length : prevLength
          let i = 0
          for (; i < common; i++) {
            const x = b[s + i]
            a[w + i] = x
            if (x !== a[prev + i]) {
              order = x - a[prev + i]
              break
            }
          }
          for (; i < length; i++) a[w + i] = b[s + i]
          w += length
          // Equal so far: a shorter id comes before, an id of the same length is the same.
          const shorter = length - prevLength
          if (order === 0) order = shorter
        } else if (kind === TERRITORY || kind === DISTRICT) {
          // (Rare branches below use only values the common path computes: an operation met first after the
          // loop is optimized sends it back to the interpreter.)
          const isTerritory = kind === TERRITORY
          const bytes = isTerritory ? tBytes : dBytes
          let same = (isTerritory ? t : d) >= 0
          while (q < n) {
            c = b[q]
            if (c === COMMA || c === LF || c === CR) break
            same = same && bytes[q - s] === c
            q++
          }
          if ((q < n || atEof) && !(same && q - s === bytes.length)) {
            cellStart = s
            cellEnd = q
            stop = isTerritory ? newTerritory : newDistrict
            break
          }
        } else
          while (q < n) {
            c = b[q]
            if (c === COMMA || c === LF || c === CR) break
            q++
          }
        if (q >= n && !atEof) {
          cut = true
          break
        }
        if (kind === ID) (idStart = s), (idEnd = q)
        else if (kind === VOTERS && (q === s || voters > maxCount)) {
          stop = notPlain
          break
        }
        c = q < n ? b[q] : LF
        if (col === last) {
          if (c === LF) q++
          else if (c === CR) {
            if (q + 1 >= n && !atEof) {
              cut = true
              break
            }
            q += b[q + 1] === LF ? 2 : 1
          } else stop = notPlain
          break
        }
        if (c !== COMMA) {
          stop = notPlain
          break
        }
        q++
      }
      if (cut || stop !== chunkRead) break
      // An id of spaces only is empty (looked into only when it does not start with printable ASCII).
      const c0 = b[idStart]
      if (idStart === idEnd || (!(c0 > 32 && c0 < 127) && emptyBytes(b, idStart, idEnd))) {
        stop = notPlain
        break
      }
      if (hashed !== null) {
        const before = hashed.size
        hashed.indexOrAdd(b, idStart, idEnd)
        if (hashed.size === before) {
          stop = notPlain
          break
        }
      } else if (order <= 0) {
        stop = order < 0 ? outOfOrder : notPlain
        break
      } else {
        if (k === after.length) after = grown(after, k)
        after[k] = w
        at = w
        k++
      }
      columns.push(t, d, voters, ln)
      ln++
      pos = q
    }
    p = pos
    line = ln
    arena = a
    used = at
    ends = after
    count = k
    return stop
  }

  for (;;) {
    const stop = rows()
    if (stop === notPlain) return null
    if (stop === chunkRead) {
      if (p >= len && eof) break
      // A row longer than the whole buffer is left to the byte scanner.
      if ((p === 0 && len > 0) || !chunks.refill(p)) return null
      ;(buf = chunks.buf), (len = chunks.len), (eof = chunks.eof), (p = 0)
    } else if (stop === outOfOrder)
      interner = Interner.fromData({ arena: arena.subarray(0, used), ends: ends.subarray(0, count), count, table: null, borrowed: false })
    else {
      const text = buf.toString("utf8", cellStart, cellEnd)
      const bytes = new Uint8Array(buf.subarray(cellStart, cellEnd))
      if (stop === newTerritory) {
        if (emptyBytes(buf, cellStart, cellEnd)) return null
        ;(territory = territories.of(text)), (territoryBytes = bytes)
      } else (district = districts.of(text)), (districtBytes = bytes)
    }
  }
  if (!kinds.includes(DISTRICT) && columns.size > 0) districts.of("")
  interner ??= Interner.fromData({ arena: arena.subarray(0, used), ends: ends.subarray(0, count), count, table: null, borrowed: false })
  return columns.registry(shown, interner, (i) => ({ file: shown, line: columns.lineOf(i), column: 1 }))
}
