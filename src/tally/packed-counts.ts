/**
 * The stored protocols' counts, packed: each count is a variable-length integer of 7 bits a byte (LEB128), so a
 * protocol's 26 counts take about 40 bytes instead of 208 as doubles. A tally keeps every stored protocol's counts
 * (a correction subtracts the protocol it replaces, an analysis takes precincts out of the totals), and at a
 * million precincts that memory, and the time to touch it, is most of what the tally costs.
 */

/** The most bytes one count can take: 8 bytes of 7 bits hold every count below 2^56 (counts stay below 2^53). */
const maxBytesPerCount = 8

/** Counts packed one protocol after another in one growing byte arena; a protocol is known by its offset. */
export class PackedCounts {
  private bytes: Uint8Array<ArrayBuffer>
  private used = 0

  /** An arena with room for `capacity` bytes to start with. */
  constructor(capacity = 1 << 16) {
    this.bytes = new Uint8Array(Math.max(1 << 10, capacity))
  }

  /**
   * An arena over bytes packed elsewhere (a worker thread's part): its offsets stay as they were. A view that
   * starts its memory takes that memory's room too (for more to be packed without copying).
   */
  static of(bytes: Uint8Array<ArrayBuffer>): PackedCounts {
    const packed = new PackedCounts(0)
    packed.bytes = bytes.byteOffset === 0 ? new Uint8Array(bytes.buffer) : bytes
    packed.used = bytes.length
    return packed
  }

  /** The bytes packed so far; with `view`, the arena's own memory (for a tally that is used no more). */
  data(view: boolean): Uint8Array<ArrayBuffer> {
    return view ? this.bytes.subarray(0, this.used) : this.bytes.slice(0, this.used)
  }

  private room(n: number): void {
    if (this.used + n <= this.bytes.length) return
    const grown = new Uint8Array(Math.max(this.used + n, this.bytes.length * 2))
    grown.set(this.bytes.subarray(0, this.used))
    this.bytes = grown
  }

  /**
   * Packs the counts `src[at + map[j]]` for every j, in that order, and returns where they start. Hot loop (once
   * per protocol read): a count below 128 takes one byte, below 16,384 two; larger ones go the long way.
   */
  put(src: Float64Array, at: number, map: Int32Array): number {
    this.room(map.length * maxBytesPerCount)
    const b = this.bytes
    const start = this.used
    let p = start
    for (let j = 0; j < map.length; j++) {
      const x = src[at + map[j]]
      if (x < 0x80 && x >= 0) b[p++] = x
      else if (x < 0x4000 && x >= 0) {
        b[p++] = (x & 0x7f) | 0x80
        b[p++] = x >>> 7
      } else p = putLong(b, p, x)
    }
    this.used = p
    return start
  }

  /**
   * Like `put`, and adds each count into `into[map[j]]` and, when given, `also[map[j]]`: a counted protocol packed
   * and added up in one pass. Hot loop: once per protocol read.
   */
  putAdding(src: Float64Array, at: number, map: Int32Array, into: Float64Array, also: Float64Array | null): number {
    this.room(map.length * maxBytesPerCount)
    const b = this.bytes
    const start = this.used
    let p = start
    for (let j = 0; j < map.length; j++) {
      const i = map[j]
      const x = src[at + i]
      into[i] += x
      if (also !== null) also[i] += x
      if (x < 0x80 && x >= 0) b[p++] = x
      else if (x < 0x4000 && x >= 0) {
        b[p++] = (x & 0x7f) | 0x80
        b[p++] = x >>> 7
      } else p = putLong(b, p, x)
    }
    this.used = p
    return start
  }

  /** Appends another arena's bytes whole and returns the offset its first byte now has (its offsets shift by it). */
  append(other: Uint8Array): number {
    this.room(other.length)
    const start = this.used
    this.bytes.set(other, start)
    this.used += other.length
    return start
  }

  /** Unpacks the `map.length` counts packed at `offset` into `into[map[j]]`. */
  get(offset: number, map: Int32Array, into: Float64Array): void {
    const b = this.bytes
    let p = offset
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

  /** The first count packed at `offset` (a protocol's voters). */
  first(offset: number): number {
    const b = this.bytes
    let x = 0
    let scale = 1
    for (let p = offset; ; p++) {
      const c = b[p]
      x += (c & 0x7f) * scale
      if (c < 0x80) return x
      scale *= 0x80
    }
  }
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
