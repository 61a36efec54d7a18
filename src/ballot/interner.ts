/**
 * Identifiers by their bytes: a table that turns the bytes of a CSV cell into the one string kept for them,
 * so a million rows naming known precincts and territories make no new strings.
 */

const emptyArena = 1 << 16

/** An interner's tables as plain typed arrays, to hand to a worker thread. */
export interface InternerData {
  /** The entries' bytes end to end from its start: entry `i` is `arena[ends[i - 1] (0 for the first) .. ends[i])`. */
  readonly arena: Uint8Array
  readonly ends: Int32Array
  readonly count: number
  /** The hash table and the entries' hashes, when the table has been built. */
  readonly table: { readonly slots: Int32Array; readonly hashes: Int32Array } | null
  /** Whether the entries' memory is another table's too (a table `over` it): a table made from the data copies it before writing. */
  readonly borrowed: boolean
}

/**
 * Entries of byte strings, each with its JavaScript string, found by an open-addressing hash table (FNV-1a).
 * Their bytes lie end to end in one arena, in entry order: an entry starts where the one before ends.
 * Entries added in increasing byte order (a sorted registry, a file in its order) cannot repeat and are found by
 * binary search, so the hash table is built only when an entry is first added out of order; lookups that try the
 * next entry first (`indexOfNear`) seldom search at all.
 */
export class Interner {
  private arena: Uint8Array
  private used = 0
  private ends: Int32Array
  private count = 0
  /** The hash table (entry index + 1 per slot) and each entry's hash; null until needed. */
  private slots: Int32Array | null = null
  private hashes: Int32Array | null = null
  private mask = 0
  /** Strings made so far, by index; a string is made only when asked for. */
  private readonly cache: Array<string | undefined> = []
  /** Whether `arena` and `ends` are another table's (`over`): copied before this table writes them. */
  private borrowed = false

  /** A table with room for `entries` entries of `bytes` bytes in all to start with (it grows beyond). */
  constructor(entries = 1024, bytes = emptyArena) {
    this.arena = new Uint8Array(Math.max(emptyArena, bytes))
    this.ends = new Int32Array(Math.max(1024, entries))
  }

  /**
   * A table whose first entries are `base`'s, in its order, and that adds entries after them (a tally's precincts
   * over the registry's: a registered precinct's index is its registry entry). It reads `base`'s memory and never
   * writes it: its first own entry copies the entries (a precinct not in the registry is rare), and a hash table
   * is its own (a copy of the base's, or built when an entry is first added out of order).
   */
  static over(base: Interner): Interner {
    const interner = new Interner(0, 0)
    interner.arena = base.arena
    interner.used = base.used
    interner.ends = base.ends
    interner.count = base.count
    interner.borrowed = true
    // Entries out of byte order need the hash table from the start (see `indexOrAdd`): a copy of the base's.
    if (base.slots !== null && base.hashes !== null) {
      interner.slots = base.slots.slice()
      interner.hashes = base.hashes.slice()
      interner.mask = base.mask
    }
    return interner
  }

  /** The tables, for `Interner.fromData` in another thread. */
  toData(): InternerData {
    return {
      arena: this.arena.subarray(0, this.used),
      ends: this.ends.subarray(0, this.count),
      count: this.count,
      table: this.slots === null || this.hashes === null ? null : { slots: this.slots, hashes: this.hashes },
      borrowed: this.borrowed
    }
  }

  /**
   * An interner over tables made by `toData` (it builds its own hash table, if it needs one, in its own memory).
   * A table that is a view from the start of its memory takes that memory's room too, to grow into without copying
   * (the tables must then be used no more elsewhere: a worker's, moved to this thread). Borrowed memory is
   * borrowed here too: copied before the first entry is added.
   */
  static fromData(data: InternerData): Interner {
    const interner = new Interner()
    const room = !data.borrowed
    interner.arena = room && data.arena.byteOffset === 0 ? new Uint8Array(data.arena.buffer) : data.arena
    interner.used = data.arena.length
    interner.ends = room && data.ends.byteOffset === 0 ? new Int32Array(data.ends.buffer) : data.ends
    interner.borrowed = data.borrowed
    interner.count = data.count
    if (data.table !== null) {
      interner.slots = room ? data.table.slots : data.table.slots.slice()
      interner.hashes = room ? data.table.hashes : data.table.hashes.slice()
      interner.mask = data.table.slots.length - 1
    }
    return interner
  }

  /** The number of distinct strings. */
  get size(): number {
    return this.count
  }

  /** The string of entry `i` (UTF-8), made on first request. */
  string(i: number): string {
    const a = this.start(i)
    return (this.cache[i] ??= Buffer.from(this.arena.buffer, this.arena.byteOffset + a, this.ends[i] - a).toString("utf8"))
  }

  /** Where entry `i`'s bytes start in the arena: where the entry before ends. */
  private start(i: number): number {
    return i === 0 ? 0 : this.ends[i - 1]
  }

  private static hash(buf: Uint8Array, s: number, e: number): number {
    let h = 0x811c9dc5
    for (let i = s; i < e; i++) h = Math.imul(h ^ buf[i], 0x01000193)
    return h | 0
  }

  private equal(index: number, buf: Uint8Array, s: number, e: number): boolean {
    const a = this.start(index)
    if (this.ends[index] - a !== e - s) return false
    const arena = this.arena
    for (let i = 0; i < e - s; i++) if (arena[a + i] !== buf[s + i]) return false
    return true
  }

  /** Whether `buf[s..e)` comes after the last entry in byte order (always, when there is none). */
  private afterLast(buf: Uint8Array, s: number, e: number): boolean {
    return this.count === 0 || this.compare(this.count - 1, buf, s, e) < 0
  }

  /** Like `indexOrAdd`, trying entry `guess` first (a table over the registry's ids, read in its order). */
  indexOrAddNear(buf: Uint8Array, s: number, e: number, guess: number): number {
    return guess < this.count && this.equal(guess, buf, s, e) ? guess : this.indexOrAdd(buf, s, e)
  }

  /** Like `indexOf`, trying entry `guess` first: files list precincts in registry order, so the next is a good guess. */
  indexOfNear(buf: Uint8Array, s: number, e: number, guess: number): number {
    return guess < this.count && this.equal(guess, buf, s, e) ? guess : this.indexOf(buf, s, e)
  }

  /** The index of the bytes `buf[s..e)`, or -1 when they are not in the table. */
  indexOf(buf: Uint8Array, s: number, e: number): number {
    return this.slots === null ? this.search(buf, s, e) : this.lookup(buf, s, e, Interner.hash(buf, s, e))
  }

  /** The index of `buf[s..e)` in a table without a hash table, whose entries are in increasing byte order (binary search), or -1. */
  private search(buf: Uint8Array, s: number, e: number): number {
    let lo = 0
    let hi = this.count - 1
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1
      const c = this.compare(mid, buf, s, e)
      if (c === 0) return mid
      if (c < 0) lo = mid + 1
      else hi = mid - 1
    }
    return -1
  }

  /** Entry `index` against `buf[s..e)` in byte order: negative when the entry comes first, 0 when they are equal. */
  private compare(index: number, buf: Uint8Array, s: number, e: number): number {
    const a = this.start(index)
    const n = this.ends[index] - a
    const arena = this.arena
    for (let i = 0; i < n && s + i < e; i++) {
      const d = arena[a + i] - buf[s + i]
      if (d !== 0) return d
    }
    return n - (e - s)
  }

  private lookup(buf: Uint8Array, s: number, e: number, h: number): number {
    const slots = this.table()
    const hashes = this.hashes!
    for (let at = h & this.mask; ; at = (at + 1) & this.mask) {
      const k = slots[at]
      if (k === 0) return -1
      if (hashes[k - 1] === h && this.equal(k - 1, buf, s, e)) return k - 1
    }
  }

  /** The hash table over every entry, built (in this thread's own memory) on first need. */
  private table(): Int32Array {
    if (this.slots !== null) return this.slots
    let capacity = 16
    while (capacity < this.count * 2) capacity *= 2
    this.slots = new Int32Array(capacity)
    this.mask = capacity - 1
    this.hashes = new Int32Array(Math.max(1024, this.ends.length))
    for (let i = 0; i < this.count; i++) {
      const h = Interner.hash(this.arena, this.start(i), this.ends[i])
      this.hashes[i] = h
      this.place(h, i)
    }
    return this.slots
  }

  /** The index of entry `j` of another table, or -1; entry `guess` is tried first (tables filled in the same order). */
  indexOfFrom(other: Interner, j: number, guess: number): number {
    return this.indexOfNear(other.arena, other.start(j), other.ends[j], guess)
  }

  /**
   * Whether entries `j..j+n` of another table are this table's entries `i..i+n`: their lengths compared, then
   * their bytes as one run (entries lie end to end in an arena, so equal lengths and equal bytes are equal entries).
   */
  sameRun(other: Interner, j: number, i: number, n: number): boolean {
    if (n <= 0 || i + n > this.count || j + n > other.count) return false
    if (this.arena === other.arena && this.ends === other.ends && i === j) return true
    // Entries lie end to end: ends that all differ by the runs' starts' difference are entries of equal lengths.
    const shift = other.start(j) - this.start(i)
    for (let k = 0; k < n; k++) if (other.ends[j + k] - this.ends[i + k] !== shift) return false
    const mine = this.arena.subarray(this.start(i), this.ends[i + n - 1])
    const theirs = other.arena.subarray(other.start(j), other.ends[j + n - 1])
    return Buffer.compare(mine, theirs) === 0
  }

  /** The index of entry `j` of another table, added on first sight. */
  indexOrAddFrom(other: Interner, j: number): number {
    return this.indexOrAdd(other.arena, other.start(j), other.ends[j])
  }

  /**
   * Appends every entry of another table in one go, when that is sure to keep the entries distinct: neither
   * table has needed a hash table (both in increasing order) and the other's first entry comes after this
   * one's last. Returns the index of the other's first entry here, or -1 when the entries must be added one by one.
   */
  appendAll(other: Interner): number {
    if (this.slots !== null || other.slots !== null || other.count === 0) return -1
    if (!this.afterLast(other.arena, 0, other.ends[0])) return -1
    this.own()
    const base = this.count
    const shift = this.used
    while (this.used + other.used > this.arena.length) {
      const bigger = new Uint8Array(Math.max(emptyArena, this.arena.length * 2))
      bigger.set(this.arena)
      this.arena = bigger
    }
    this.arena.set(other.arena.subarray(0, other.used), this.used)
    this.used += other.used
    this.ends = fit(this.ends, base + other.count)
    for (let j = 0; j < other.count; j++) this.ends[base + j] = other.ends[j] + shift
    this.count += other.count
    return base
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

  /** The index of the bytes `buf[s..e)`, added on first sight (no string is made). */
  indexOrAdd(buf: Uint8Array, s: number, e: number): number {
    // While entries come in increasing order, a new one cannot repeat an old one, and an old one is found by
    // binary search: no hash table is needed until an entry comes out of order.
    if (this.slots === null) {
      if (this.afterLast(buf, s, e)) return this.append(buf, s, e)
      const found = this.search(buf, s, e)
      if (found >= 0) return found
    }
    const h = Interner.hash(buf, s, e)
    const i = this.lookup(buf, s, e, h)
    if (i >= 0) return i
    const index = this.append(buf, s, e)
    this.hashes = fit(this.hashes!, index + 1)
    this.hashes[index] = h
    if ((index + 1) * 2 > this.slots!.length) this.rehash()
    else this.place(h, index)
    return index
  }

  /** Adds a string (if new) and returns its index. */
  add(text: string): number {
    const bytes = Buffer.from(text, "utf8")
    const i = this.indexOrAdd(bytes, 0, bytes.length)
    this.cache[i] = text
    return i
  }

  /** Removes the entry added last (so a row found unusable after its id was added leaves no id behind). */
  dropLast(): void {
    const index = this.count - 1
    if (this.slots !== null) {
      // Linear probing: no chain passes the slot of the entry placed last, so emptying it breaks none.
      let at = this.hashes![index] & this.mask
      while (this.slots[at] !== index + 1) at = (at + 1) & this.mask
      this.slots[at] = 0
    }
    this.used = this.start(index)
    this.count = index
    this.cache[index] = undefined
  }

  /** Copies borrowed entries (`over`) into this table's own memory, with room to add more. */
  private own(): void {
    if (!this.borrowed) return
    this.borrowed = false
    const arena = new Uint8Array(Math.max(emptyArena, this.used * 2))
    arena.set(this.arena.subarray(0, this.used))
    this.arena = arena
    this.ends = fit(this.ends.slice(0, this.count), this.count + 1024)
  }

  /** Appends an entry's bytes (the caller keeps the table, if any, up to date). */
  private append(buf: Uint8Array, s: number, e: number): number {
    this.own()
    const index = this.count
    this.ends = fit(this.ends, index + 1)
    while (this.used + (e - s) > this.arena.length) {
      const bigger = new Uint8Array(Math.max(emptyArena, this.arena.length * 2))
      bigger.set(this.arena)
      this.arena = bigger
    }
    const arena = this.arena
    for (let i = s, at = this.used; i < e; i++, at++) arena[at] = buf[i]
    this.used += e - s
    this.ends[index] = this.used
    this.count++
    return index
  }

  private place(h: number, index: number): void {
    const slots = this.slots!
    let at = h & this.mask
    while (slots[at] !== 0) at = (at + 1) & this.mask
    slots[at] = index + 1
  }

  private rehash(): void {
    this.slots = new Int32Array(this.slots!.length * 2)
    this.mask = this.slots.length - 1
    for (let i = 0; i < this.count; i++) this.place(this.hashes![i], i)
  }
}

/** `a`, or a copy twice as long when it has fewer than `n` places. */
const fit = (a: Int32Array, n: number): Int32Array => {
  if (n <= a.length) return a
  const b = new Int32Array(Math.max(n, a.length * 2))
  b.set(a)
  return b
}
