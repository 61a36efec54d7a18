/**
 * Linear conditions in the ballots added by the precincts in question (DOMAIN.md "Could an annulled precinct
 * change the seats?"): each is `c0 + sum coef[k] * x[k] > 0` (or `>= 0`), exact in BigInt. A condition holds
 * on the whole set of possible additions when it holds at each of its vertices, because it is linear.
 */

/** One linear condition on the added ballots `x` (one coordinate per choice). */
export interface Condition {
  readonly c0: bigint
  readonly coef: ReadonlyArray<bigint>
  /** `> 0` when true, `>= 0` when false. */
  readonly strict: boolean
  /**
   * A coordinate the condition is needed for only when it is positive (a list with no votes is out of the
   * distribution whatever the threshold says, until it gets a vote), or -1. Vertices where that coordinate is
   * zero are then checked with `>= 0`; any point with the coordinate positive has a share of the vertex where it
   * is, where the strict test was made, so the strict form holds there.
   */
  readonly guard: number
}

/** A condition with `strict` and no guard. */
export const condition = (c0: bigint, coef: ReadonlyArray<bigint>, strict: boolean, guard = -1): Condition => ({ c0, coef, strict, guard })

/** The value of the condition's left side along a ballot kind `delta` (added votes per ballot), per ballot. */
export const slope = (c: Condition, delta: ReadonlyArray<number>): bigint => {
  let s = 0n
  for (let k = 0; k < delta.length; k++) if (delta[k] !== 0) s += c.coef[k] * BigInt(delta[k])
  return s
}

/** Whether `value` satisfies the condition's sign (`> 0` or `>= 0`). */
const satisfied = (value: bigint, strict: boolean): boolean => (strict ? value > 0n : value >= 0n)

/**
 * The most ballots `b` such that the condition holds at the point `b * delta`, as an integer; -1 when it fails
 * already at no ballots, Infinity when it never fails along `delta`. Exact: floor division of integers.
 * @example ballotsAlong(condition(10n, [-3n], true), [1]) // 3 (10 - 3*3 > 0, 10 - 3*4 <= 0)
 */
export const ballotsAlong = (c: Condition, delta: ReadonlyArray<number>): number => {
  if (!satisfied(c.c0, c.strict && c.guard < 0)) return -1
  const strict = c.strict && (c.guard < 0 || delta[c.guard] > 0)
  const s = slope(c, delta)
  if (s >= 0n) return strict && s === 0n && !satisfied(c.c0, true) ? 0 : Infinity
  const room = strict ? c.c0 - 1n : c.c0
  const most = room / -s
  // Past 2^53 a double could round up; no count of voters comes near, so the safe maximum is as good and exact.
  return most > BigInt(Number.MAX_SAFE_INTEGER) ? Number.MAX_SAFE_INTEGER : Number(most)
}
