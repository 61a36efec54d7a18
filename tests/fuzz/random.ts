/** A small seeded random source for the fuzz cases: the same seed gives the same case on every machine. */

/** A 32-bit hash of a text (FNV-1a), to turn a case's seed into a generator state. */
const hash = (text: string): number => {
  let h = 0x811c9dc5
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193)
  return h >>> 0
}

/** mulberry32, seeded by a text. */
export class Random {
  private state: number
  constructor(seed: string) {
    this.state = hash(seed) || 1
  }

  /** A float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0
    let t = this.state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }

  /** A whole number in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n)
  }

  /** One element of a non-empty list. */
  pick<T>(items: ReadonlyArray<T>): T {
    return items[this.int(items.length)]
  }

  /** True with probability `p`. */
  chance(p: number): boolean {
    return this.next() < p
  }
}
