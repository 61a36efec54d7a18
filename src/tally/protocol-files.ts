/**
 * The protocols files as a store of counts: a protocol read from a file on disk is found there again by its byte
 * offset, so a tally keeps the place of a precinct's first protocol instead of a packed copy of its counts (at ten
 * million precincts, 330 MB less, and on this machine memory first written costs its page fault). The files
 * follow one another in one space of places, each from the sum of the sizes before it; packed counts take the
 * places after them (packed-counts.ts). A file is read again only for a protocol that is needed after it was
 * added (a correction subtracts it, a duplicate is compared with it, an `asu` protocol is checked against it).
 */
import * as fs from "node:fs"
import type { Problem } from "../ballot/problem.js"
import type { ProtocolLayout } from "../ballot/protocol.js"
import { blank } from "../ballot/protocol.js"
import { plainRecord, protocolSchema, readCsvFast, type CsvSchema } from "../ballot/protocol-scan.js"
import { lastAtOrBefore } from "../ballot/sorted-search.js"

/** The files, as plain data for another thread: their paths and, as they were when reading began, sizes and times of change. */
export interface FilePlaces {
  readonly paths: ReadonlyArray<string>
  readonly sizes: ReadonlyArray<number>
  readonly mtimes: ReadonlyArray<number>
}

/** A protocols file that is not what it was when it was read: a protocol kept by its place there cannot be read again. */
export class FileChanged extends Error {
  constructor(readonly file: string) {
    super(`the protocols file changed while it was tallied; tally it again once nothing writes to it`)
  }

  /** The problem of the file, for the report of unusable input. */
  get problem(): Problem {
    return { file: this.file, line: 1, column: 1, message: this.message }
  }
}

/** The places of files that can be read now (null when one is not a regular file: standard input, a pipe). */
export const filePlaces = (paths: ReadonlyArray<string>): FilePlaces | null => {
  const stats = paths.map((p) => {
    try {
      const s = fs.statSync(p)
      return s.isFile() ? s : null
    } catch {
      return null
    }
  })
  if (stats.some((s) => s === null)) return null
  return { paths, sizes: stats.map((s) => s!.size), mtimes: stats.map((s) => s!.mtimeMs) }
}

/** Bytes read around a protocol read again: the rows after it are often asked for next (a file in order). */
const windowBytes = 1 << 16

/** What reading a file again needs of it: its header's bytes, and the role of each column, as the scanner read them. */
interface Head {
  readonly bytes: Buffer
  readonly roles: Int32Array
  /** Room for the bounds of each cell of a record (`plainRecord`). */
  readonly bounds: Int32Array
}

/** Protocols files, read again by place. */
export class ProtocolFiles {
  /** The first place of each file; the place after the last file (where packed counts start). */
  readonly starts: ReadonlyArray<number>
  readonly end: number
  private readonly schema: CsvSchema
  private readonly heads: Array<Head | null>
  /** The bytes last read, of file `windowFile` from its offset `windowStart`. */
  private window = Buffer.alloc(0)
  private windowFile = -1
  private windowStart = 0
  private readonly values: Float64Array
  /** The protocols of the window read by the whole reader, by place (`readSlowly`). */
  private readonly decoded = new Map<number, Float64Array>()

  constructor(
    readonly places: FilePlaces,
    layout: ProtocolLayout
  ) {
    const starts: Array<number> = []
    let end = 0
    for (const size of places.sizes) {
      starts.push(end)
      end += size
    }
    this.starts = starts
    this.end = end
    this.schema = protocolSchema(layout)
    this.heads = places.paths.map(() => null)
    this.values = new Float64Array(this.schema.width)
  }

  /** The place of a row at byte `offset` of file `file`, or -1 when it is beyond what the file held when reading began. */
  placeOf(file: number, offset: number): number {
    return file < this.starts.length && offset < this.places.sizes[file] ? this.starts[file] + offset : -1
  }

  /** The counts of the protocol at `place`, as the reader gave them (a full row: blank where a cell was left empty). */
  read(place: number): Float64Array {
    const decoded = this.decoded.get(place)
    if (decoded !== undefined) return decoded
    const file = lastAtOrBefore(this.starts, place)
    const offset = place - this.starts[file]
    const head = this.headOf(file)
    const values = this.values
    let at = this.windowFile === file ? offset - this.windowStart : -1
    if (at < 0 || at >= this.window.length || this.window.indexOf(10, at) < 0) {
      this.load(file, offset, windowBytes)
      at = 0
    }
    const lastLf = this.window.lastIndexOf(10)
    values.fill(blank, this.schema.blankFrom)
    if (lastLf >= at && plainRecord(this.window, at, lastLf, head.roles, values, this.schema.blankFrom, head.bounds) > 0) return values
    return this.readSlowly(file, offset, head, place)
  }

  /**
   * Reads the protocols from `offset` with the whole reader, after the file's header (a record with quotes, or at the
   * end of the file without a line end), and keeps them by place: the next ones asked for are often among them. The
   * last one read is not kept unless the file ends there: the window may have cut it short.
   */
  private readSlowly(file: number, offset: number, head: Head, place: number): Float64Array {
    const size = this.places.sizes[file]
    for (let bytes = windowBytes; ; bytes *= 2) {
      this.load(file, offset, bytes)
      this.decoded.clear()
      const shift = this.starts[file] + offset - head.bytes.length
      let last = -1
      const sink = {
        row: (row: { offset: number; values: Float64Array }) => {
          last = shift + row.offset
          this.decoded.set(last, Float64Array.from(row.values))
        }
      }
      readCsvFast(Buffer.concat([head.bytes, this.window]), this.schema, { name: this.places.paths[file], fileIndex: file, sink })
      const whole = offset + this.window.length >= size
      if (!whole) this.decoded.delete(last)
      const got = this.decoded.get(place)
      if (got !== undefined) return got
      // Not a protocol's start, or not one now.
      if (whole) throw new FileChanged(this.places.paths[file])
    }
  }

  /** The header of a file, read by the scanner: its bytes up to its first row, and its columns' roles. */
  private headOf(file: number): Head {
    const known = this.heads[file]
    if (known !== null) return known
    let firstRow = -1
    let roles: Int32Array = new Int32Array(0)
    for (let bytes = windowBytes; firstRow < 0; bytes *= 2) {
      this.load(file, 0, bytes)
      const sink = { row: (row: { offset: number }) => void (firstRow < 0 && (firstRow = row.offset)) }
      readCsvFast(this.window, this.schema, { name: this.places.paths[file], fileIndex: file, sink, onHeader: (r) => (roles = r) })
      if (firstRow < 0 && this.window.length >= this.places.sizes[file]) throw new FileChanged(this.places.paths[file])
    }
    const head = { bytes: Buffer.from(this.window.subarray(0, firstRow)), roles, bounds: new Int32Array(2 * roles.length) }
    this.heads[file] = head
    return head
  }

  /** Reads up to `bytes` of a file from `offset` into the window, after checking that the file is as it was. */
  private load(file: number, offset: number, bytes: number): void {
    const path = this.places.paths[file]
    let fd: number
    try {
      fd = fs.openSync(path, "r")
    } catch {
      throw new FileChanged(path)
    }
    try {
      const s = fs.fstatSync(fd)
      if (s.size !== this.places.sizes[file] || s.mtimeMs !== this.places.mtimes[file]) throw new FileChanged(path)
      const buffer = Buffer.allocUnsafe(Math.min(bytes, Math.max(0, s.size - offset)))
      let got = 0
      while (got < buffer.length) {
        const n = fs.readSync(fd, buffer, got, buffer.length - got, offset + got)
        if (n === 0) break
        got += n
      }
      this.window = buffer.subarray(0, got)
      this.windowFile = file
      this.windowStart = offset
    } finally {
      fs.closeSync(fd)
    }
  }
}
