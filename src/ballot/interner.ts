/**
 * Identifiers by their bytes: a hash table that turns the bytes of a CSV cell into the one string kept for
 * them, so a million rows naming known precincts and territories make no new strings.
 */

const emptyArena = 1 << 16

/** An interner's tables as plain typed arrays, to hand to a worker thread. */
export interface InternerData {
  readonly slots: Int32Array
  readonly arena: Uint8Array
  readonly starts: Int32Array
  readonly ends: Int32Array
  readonly hashes: Int32Array
  readonly count: number
}

/** An open-addressing hash table of byte strings (FNV-1a), each with its JavaScript string. */
export class Interner {
  private slots: Int32Array
  private mask: number
  private arena: Uint8Array = new Uint8Array(emptyArena)
  private used = 0
  private starts: Int32Array = new Int32Array(1024)
  private ends: Int32Array = new Int32Array(1024)
  private hashes: Int32Array = new Int32Array(1024)
  private count = 0
  /** Strings made so far, by index; a string is made only when asked for. */
  private readonly cache: Array<string | undefined> = []

  constructor(expected = 16) {
    let capacity = 16
    while (capacity < expected * 2) capacity *= 2
    this.slots = new Int32Array(capacity)
    this.mask = capacity - 1
  }

  /** The tables, for `Interner.fromData` in another thread. */
  toData(): InternerData {
    return { slots: this.slots, arena: this.arena.subarray(0, this.used), starts: this.starts, ends: this.ends, hashes: this.hashes, count: this.count }
  }

  /** An interner over tables made by `toData`. */
  static fromData(data: InternerData): Interner {
    const interner = new Interner()
    interner.slots = data.slots
    interner.mask = data.slots.length - 1
    interner.arena = data.arena
    interner.used = data.arena.length
    interner.starts = data.starts
    interner.ends = data.ends
    interner.hashes = data.hashes
    interner.count = data.count
    return interner
  }

  /** The number of distinct strings. */
  get size(): number {
    return this.count
  }

  /** The string of entry `i` (UTF-8), made on first request. */
  string(i: number): string {
    return (this.cache[i] ??= Buffer.from(this.arena.buffer, this.arena.byteOffset + this.starts[i], this.ends[i] - this.starts[i]).toString("utf8"))
  }

  private static hash(buf: Uint8Array, s: number, e: number): number {
    let h = 0x811c9dc5
    for (let i = s; i < e; i++) h = Math.imul(h ^ buf[i], 0x01000193)
    return h | 0
  }

  private equal(index: number, buf: Uint8Array, s: number, e: number): boolean {
    const a = this.starts[index]
    if (this.ends[index] - a !== e - s) return false
    const arena = this.arena
    for (let i = 0; i < e - s; i++) if (arena[a + i] !== buf[s + i]) return false
    return true
  }

  /** Like `indexOf`, trying entry `guess` first: files list precincts in registry order, so the next is a good guess. */
  indexOfNear(buf: Uint8Array, s: number, e: number, guess: number): number {
    return guess < this.count && this.equal(guess, buf, s, e) ? guess : this.indexOf(buf, s, e)
  }

  /** The index of the bytes `buf[s..e)`, or -1 when they are not in the table. */
  indexOf(buf: Uint8Array, s: number, e: number): number {
    return this.lookup(buf, s, e, Interner.hash(buf, s, e))
  }

  private lookup(buf: Uint8Array, s: number, e: number, h: number): number {
    for (let at = h & this.mask; ; at = (at + 1) & this.mask) {
      const k = this.slots[at]
      if (k === 0) return -1
      if (this.hashes[k - 1] === h && this.equal(k - 1, buf, s, e)) return k - 1
    }
  }

  /** The index of a string, or -1. */
  find(text: string): number {
    const bytes = Buffer.from(text, "utf8")
    return this.indexOf(bytes, 0, bytes.length)
  }

  /** The string of the bytes `buf[s..e)` (UTF-8), added to the table on first sight. */
  intern(buf: Uint8Array, s: number, e: number): string {
    return this.string(this.indexOrAdd(buf, s, e))
  }

  /** The index of the bytes `buf[s..e)`, added to the table on first sight (no string is made). */
  indexOrAdd(buf: Uint8Array, s: number, e: number): number {
    const h = Interner.hash(buf, s, e)
    const i = this.lookup(buf, s, e, h)
    return i >= 0 ? i : this.insert(buf, s, e, h)
  }

  /** Adds a string (if new) and returns its index. */
  add(text: string): number {
    const bytes = Buffer.from(text, "utf8")
    const i = this.indexOrAdd(bytes, 0, bytes.length)
    this.cache[i] = text
    return i
  }

  private insert(buf: Uint8Array, s: number, e: number, h: number): number {
    const index = this.count
    if (index === this.starts.length) {
      this.starts = grow(this.starts)
      this.ends = grow(this.ends)
      this.hashes = grow(this.hashes)
    }
    while (this.used + (e - s) > this.arena.length) {
      const bigger = new Uint8Array(Math.max(emptyArena, this.arena.length * 2))
      bigger.set(this.arena)
      this.arena = bigger
    }
    const arena = this.arena
    for (let i = s, at = this.used; i < e; i++, at++) arena[at] = buf[i]
    this.starts[index] = this.used
    this.used += e - s
    this.ends[index] = this.used
    this.hashes[index] = h
    this.count++
    if ((index + 1) * 2 > this.slots.length) this.rehash()
    else this.place(h, index)
    return index
  }

  private place(h: number, index: number): void {
    let at = h & this.mask
    while (this.slots[at] !== 0) at = (at + 1) & this.mask
    this.slots[at] = index + 1
  }

  private rehash(): void {
    this.slots = new Int32Array(this.slots.length * 2)
    this.mask = this.slots.length - 1
    for (let i = 0; i < this.count; i++) this.place(this.hashes[i], i)
  }
}

const grow = (a: Int32Array): Int32Array => {
  const b = new Int32Array(a.length * 2)
  b.set(a)
  return b
}
