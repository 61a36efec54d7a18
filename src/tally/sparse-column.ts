/**
 * A number per slot of a tally that is 0 for most slots (a later version, another file, a district, an
 * annulment). Its memory is neither written nor read until a slot's number is not 0: on this machine a page first
 * read becomes a page of the process's memory as much as one written, so a column of zeros takes none.
 */
export class SparseColumn {
  private constructor(
    private values: Int32Array<ArrayBuffer>,
    /** Whether a number that is not 0 was ever set: until then every slot's is 0 and `values` is never touched. */
    private written: boolean
  ) {}

  /** A column of `length` zeros (room for more is made by `grow`). */
  static zeros(length: number): SparseColumn {
    return new SparseColumn(new Int32Array(length), false)
  }

  /**
   * A part's column taken as it is (`values` null: every number 0), with room for `length` slots. A view from the
   * start of its memory takes that memory's room too (a worker's part, made with room for the whole file).
   */
  static taken(values: Int32Array<ArrayBuffer> | null, length: number): SparseColumn {
    if (values === null) return SparseColumn.zeros(length)
    const whole = values.byteOffset === 0 ? new Int32Array(values.buffer) : values
    const column = new SparseColumn(whole, true)
    column.grow(length)
    return column
  }

  /** A slot's number. */
  get(slot: number): number {
    return this.written ? this.values[slot] : 0
  }

  /** Sets a slot's number: a 0 is written only once a number that is not 0 has been. */
  set(slot: number, value: number): void {
    if (value !== 0) {
      this.written = true
      this.values[slot] = value
    } else if (this.written) this.values[slot] = 0
  }

  /** Makes room for `n` slots (their numbers 0). */
  grow(n: number): void {
    if (n <= this.values.length) return
    const grown = new Int32Array(Math.max(n, this.values.length * 2))
    if (this.written) grown.set(this.values)
    this.values = grown
  }

  /** The first `n` numbers, for a part (null: all 0): a view of this column's memory with `view`, else a copy. */
  part(n: number, view: boolean): Int32Array<ArrayBuffer> | null {
    if (!this.written) return null
    return view ? this.values.subarray(0, n) : this.values.slice(0, n)
  }

  /** Sets a part's numbers from its slot `from` on at slots from `base + from`, whose numbers are 0 here. */
  setNew(part: Int32Array | null, base: number, from: number): void {
    if (part === null) return
    for (let j = from; j < part.length; j++) if (part[j] !== 0) this.set(base + j, part[j])
  }
}
