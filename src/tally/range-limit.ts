/**
 * The end of a worker thread's byte range, shared with the main thread, which may move it back to read the rest
 * itself: the worker takes the bytes it reads as it reads them (`take`), and the main thread cuts the range
 * after them (`cut`), under a lock, so that no record is read by both or by neither.
 */

/** Cells of the shared memory: the lock (Int32 0), then the bytes taken and the range's end (Float64 1 and 2). */
const LOCK = 0
const TAKEN = 1
const END = 2

/** A range's end, as the worker and the main thread share it. */
export class RangeLimit {
  private readonly lock: Int32Array
  private readonly cells: Float64Array

  private constructor(readonly share: SharedArrayBuffer) {
    this.lock = new Int32Array(share, 0, 1)
    this.cells = new Float64Array(share)
  }

  /** A limit for a range that starts at `start` and ends at `end` until it is cut. */
  static create(start: number, end: number): RangeLimit {
    const limit = new RangeLimit(new SharedArrayBuffer(8 * 3))
    limit.cells[TAKEN] = start
    limit.cells[END] = end
    return limit
  }

  /** The same limit in another thread. */
  static join(share: SharedArrayBuffer): RangeLimit {
    return new RangeLimit(share)
  }

  /** Runs `f` under the lock (held for a few reads and writes at most: a spin). */
  private locked<A>(f: () => A): A {
    while (Atomics.compareExchange(this.lock, LOCK, 0, 1) !== 0);
    try {
      return f()
    } finally {
      Atomics.store(this.lock, LOCK, 0)
    }
  }

  /** The worker, having read up to offset `readTo`: takes those bytes, and learns where its range ends now. */
  take(readTo: number): number {
    return this.locked(() => {
      if (readTo > this.cells[TAKEN]) this.cells[TAKEN] = readTo
      return this.cells[END]
    })
  }

  /** The bytes the worker has taken so far (it reads on meanwhile: only a `cut` after them stands). */
  taken(): number {
    return this.locked(() => this.cells[TAKEN])
  }

  /** Where the range ends now. */
  end(): number {
    return this.locked(() => this.cells[END])
  }

  /** The main thread: ends the range at `at` (a line start) if the worker has not taken bytes beyond it; whether it did. */
  cut(at: number): boolean {
    return this.locked(() => {
      if (at < this.cells[TAKEN] || at > this.cells[END]) return false
      this.cells[END] = at
      return true
    })
  }
}
