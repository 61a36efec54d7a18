/** What the search for an answer needs of a system: the proven bound, the kinds of ballot to try, and the real allocation. */

/** A kind of ballot: the votes one such ballot adds to each coordinate (a list, a candidate, against all, invalid). */
export interface Direction {
  readonly delta: ReadonlyArray<number>
  /** The most ballots of this kind alone that keep every condition of the proof; -1 or Infinity as in `ballotsAlong`. */
  readonly bound: number
}

/** An allocation's outcome as sensitivity compares it: `key` is the status and seats, `full` adds the tie. */
export interface Outcome {
  readonly key: string
  readonly full: string
}

/** The number of ways to choose `k` of `n`, as a double that is exact while it is small (Infinity past 2^53). */
export const binomial = (n: number, k: number): number => {
  let r = 1
  for (let i = 1; i <= k; i++) {
    r = (r * (n - k + i)) / i
    if (r > Number.MAX_SAFE_INTEGER) return Infinity
  }
  return Math.round(r)
}

/** How an enumeration of the possible additions ended. */
export type Enumeration = "complete" | "stopped" | "over-budget"

/** A question about one base: could up to `voters` added ballots change its outcome? */
export interface Question {
  /** Every point with at most `proven` ballots keeps the outcome (the conditions hold at every vertex); -1 when nothing is proven. */
  readonly proven: number
  readonly directions: ReadonlyArray<Direction>
  /** The outcome of the real allocation with `x` added to the base. */
  readonly outcome: (x: ReadonlyArray<number>) => Outcome
  readonly base: Outcome
  /** Ballots needed for the addition `x` (more than its votes when a ballot marks several candidates). */
  readonly ballots: (x: ReadonlyArray<number>) => number
  /** How many possible additions of at most `voters` ballots there are at least (saturating at Infinity). */
  readonly size: (voters: number) => number
  /**
   * Visits every possible addition of at most `voters` ballots until `visit` returns false ("stopped") or more
   * than `budget` points have been visited ("over-budget"); "complete" when every one was visited.
   */
  readonly enumerate: (voters: number, budget: number, visit: (x: ReadonlyArray<number>) => boolean) => Enumeration
}
