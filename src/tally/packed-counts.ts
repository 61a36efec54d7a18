/**
 * The stored protocols' counts, packed: each count is a variable-length integer of 7 bits a byte (LEB128), so a
 * protocol's 26 counts take about 33 bytes instead of 208 as doubles. A tally keeps every stored protocol's counts
 * (a correction subtracts the protocol it replaces, an analysis takes precincts out of the totals): packed here,
 * or, for a protocol read from a file on disk, as its place in that file (protocol-files.ts), whose places come
 * before every arena's. An arena is not copied to grow, nor another tally's arena to be taken.
 */

import { lastAtOrBefore } from "../ballot/sorted-search.js"
import type { ProtocolFiles } from "./protocol-files.js"

/** The most bytes one count can take: 8 bytes of 7 bits hold every count below 2^56 (counts stay below 2^53). */
const maxBytesPerCount = 8

/** Another's arena smaller than this is copied into the current arena rather than taken as one more. */
const copyBelow = 1 << 20

/**
 * Packed counts as plain data (a part's, for another thread): the arenas, the offset of each one's first byte, and
 * the offset after the room of them all. Arenas follow one another in one space of offsets, each with its room,
 * so an offset is a small number (below 2^32 until some 4 GiB of arenas: a tally keeps it in 4 bytes).
 */
export interface PackedData {
  readonly arenas: ReadonlyArray<Uint8Array<ArrayBuffer>>
  readonly starts: ReadonlyArray<number>
  readonly end: number
}

/** Where another's arenas are after `append`: an offset in arena `k` of theirs moves from `from[k]` to `to[k]`. */
export interface Moved {
  readonly from: ReadonlyArray<number>
  readonly to: Float64Array
}

/** The arena of `starts` (increasing) that holds `offset`: the last that starts at or before it. */
const arenaOf = lastAtOrBefore

/**
 * Counts packed one protocol after another in byte arenas; a protocol is known by its offset. Packing goes into
 * the current arena; a full arena is kept as it is and packing goes on in a new one twice its size (nothing is
 * copied), and another tally's large arenas are taken as they are (`append`).
 */
export class PackedCounts {
  private arenas: Array<Uint8Array<ArrayBuffer>> = []
  private starts: Array<number> = []
  /** The current arena (`arenas[current]`), the bytes used of it, and the offset of its first byte. */
  private bytes: Uint8Array<ArrayBuffer>
  private current = 0
  private used = 0
  private base = 0
  /** The offset after every arena's room: where the next arena starts (every offset is below it). */
  private endOffset: number

  /**
   * An arena with room for `capacity` bytes to start with; with `files`, offsets below `files.end` are places in
   * them, and the arenas come after.
   */
  constructor(
    capacity = 1 << 16,
    private readonly files: ProtocolFiles | null = null
  ) {
    this.bytes = new Uint8Array(Math.max(1 << 10, capacity))
    this.arenas.push(this.bytes)
    this.base = files?.end ?? 0
    this.starts.push(this.base)
    this.endOffset = this.base + this.bytes.length
  }

  /** The offset after every arena's room: every offset given is below it. */
  get end(): number {
    return this.endOffset
  }

  /**
   * Counts over arenas packed elsewhere (a worker thread's part), their offsets as they were; packing goes on in
   * the last. A last arena that is a view from the start of its memory takes that memory's room too (for more to
   * be packed without copying).
   */
  static of(data: PackedData, files: ProtocolFiles | null = null): PackedCounts {
    const packed = new PackedCounts(0, files)
    if (data.arenas.length === 0) return packed
    packed.arenas = [...data.arenas]
    packed.starts = [...data.starts]
    const k = data.arenas.length - 1
    const last = data.arenas[k]
    packed.current = k
    packed.bytes = last.byteOffset === 0 ? new Uint8Array(last.buffer) : last
    packed.arenas[k] = packed.bytes
    packed.used = last.length
    packed.base = data.starts[k]
    // The last arena starts after all others: its room may run past their end.
    packed.endOffset = Math.max(data.end, packed.base + packed.bytes.length)
    return packed
  }

  /** The bytes packed so far, arena by arena; with `view`, the arenas' own memory (for a tally that is used no more). */
  data(view: boolean): PackedData {
    const arenas = this.arenas.map((a, k) => {
      const packed = k === this.current ? a.subarray(0, this.used) : a
      return view ? packed : packed.slice()
    })
    return { arenas, starts: [...this.starts], end: this.endOffset }
  }

  /** Makes room for `n` more bytes in the current arena, or starts a new one after every arena's room. */
  private room(n: number): void {
    if (this.used + n <= this.bytes.length) return
    this.arenas[this.current] = this.bytes.subarray(0, this.used)
    this.bytes = new Uint8Array(Math.max(n, this.bytes.length * 2))
    this.current = this.arenas.length
    this.arenas.push(this.bytes)
    this.base = this.endOffset
    this.starts.push(this.base)
    this.endOffset += this.bytes.length
    this.used = 0
  }

  /**
   * Packs the counts `src[at + map[j]]` for every j, in that order, and returns where they start.
   */
  put(src: Float64Array, at: number, map: Int32Array): number {
    this.room(map.length * maxBytesPerCount)
    const b = this.bytes
    const start = this.used
    let p = start
    for (let j = 0; j < map.length; j++) {
      p = putCount(b, p, src[at + map[j]])
    }
    this.used = p
    return this.base + start
  }

  /**
   * Like `put`, and adds each count into `into[map[j]]` and `also[map[j]]` (its territory's and district's totals):
   * a counted protocol packed and added up in one pass. Hot loop: once per protocol read.
   */
  putAdding(src: Float64Array, at: number, map: Int32Array, into: Float64Array, also: Float64Array): number {
    this.room(map.length * maxBytesPerCount)
    const b = this.bytes
    const start = this.used
    let p = start
    for (let j = 0; j < map.length; j++) {
      const i = map[j]
      const x = src[at + i]
      into[i] += x
      also[i] += x
      p = putCount(b, p, x)
    }
    this.used = p
    return this.base + start
  }

  /** `putAdding` of every count `src[at + i]`, `i < n`, into `into[i]` (a proportional protocol: no map, no district). Hot loop. */
  putAddingAll(src: Float64Array, at: number, n: number, into: Float64Array): number {
    this.room(n * maxBytesPerCount)
    const b = this.bytes
    const start = this.used
    let p = start
    for (let i = 0; i < n; i++) {
      const x = src[at + i]
      into[i] += x
      p = putCount(b, p, x)
    }
    this.used = p
    return this.base + start
  }

  /**
   * Takes another's arenas (`data()` of another tally): large ones as they are, after every arena's room here, and
   * small ones copied into the current arena. Returns where each of them now starts, for `movedOffset`.
   */
  append(others: PackedData): Moved {
    const to = new Float64Array(others.arenas.length)
    others.arenas.forEach((other, k) => {
      if (other.length >= copyBelow) {
        to[k] = this.endOffset
        this.arenas.push(other)
        this.starts.push(this.endOffset)
        this.endOffset += other.length
        return
      }
      this.room(other.length)
      to[k] = this.base + this.used
      this.bytes.set(other, this.used)
      this.used += other.length
    })
    return { from: others.starts, to }
  }

  /** Unpacks the `map.length` counts packed at `offset` (or read at that place in the files) into `into[map[j]]`. */
  get(offset: number, map: Int32Array, into: Float64Array): void {
    if (this.files !== null && offset < this.files.end) {
      const row = this.files.read(offset)
      for (let j = 0; j < map.length; j++) into[map[j]] = row[map[j]]
      return
    }
    const k = arenaOf(this.starts, offset)
    const b = this.arenas[k]
    let p = offset - this.starts[k]
    for (let j = 0; j < map.length; j++) {
      let x = 0
      let scale = 1
      for (;;) {
        const c = b[p++]
        x += (c & 0x7f) * scale
        if (c < 0x80) break
        scale *= 0x80
      }
      into[map[j]] = x
    }
  }
}

/** Where a protocol packed at `offset` in another's arenas is after `append` gave `moved` (a place in the files stays). */
export const movedOffset = (moved: Moved, offset: number): number => {
  // A place in the files (before every arena) is where it was.
  if (moved.from.length === 0 || offset < moved.from[0]) return offset
  const k = arenaOf(moved.from, offset)
  return moved.to[k] + (offset - moved.from[k])
}

/** Packs count `x` at `b[p]` and returns the offset after it: one byte below 128, two below 16,384 (hot: every count packed). */
const putCount = (b: Uint8Array, p: number, x: number): number => {
  if (x < 0x80 && x >= 0) {
    b[p] = x
    return p + 1
  }
  if (x < 0x4000 && x >= 0) {
    b[p] = (x & 0x7f) | 0x80
    b[p + 1] = x >>> 7
    return p + 2
  }
  return putLong(b, p, x)
}

/** Packs one count of 16,384 or more at `b[p]` and returns the offset after it. */
const putLong = (b: Uint8Array, p: number, x: number): number => {
  if (!(x >= 0 && x <= Number.MAX_SAFE_INTEGER && Number.isInteger(x))) throw new Error(`a count to pack is ${x}, not a count`)
  while (x >= 0x80) {
    b[p++] = (x % 0x80) | 0x80
    x = Math.floor(x / 0x80)
  }
  b[p] = x
  return p + 1
}
