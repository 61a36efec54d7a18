/** Exact numbers for decisions: non-negative rationals in BigInt and strict decimal parsing. */

/** A non-negative rational `num / den` with `den > 0`. */
export interface Ratio {
  readonly num: bigint
  readonly den: bigint
}

/**
 * Parses a decimal written by a person ("7", "0.5", "12.25") exactly; null for anything else.
 * @example parseDecimal("0.5") // { num: 5n, den: 10n }
 */
export const parseDecimal = (text: string): Ratio | null => {
  const match = /^([0-9]+)(?:\.([0-9]+))?$/.exec(text)
  if (match === null) return null
  const fraction = match[2] ?? ""
  return { num: BigInt(match[1] + fraction), den: 10n ** BigInt(fraction.length) }
}

/** -1, 0 or 1 as `a` is less than, equal to or greater than `b`. */
export const compareBig = (a: bigint, b: bigint): number => (a < b ? -1 : a > b ? 1 : 0)

/** Integer ceiling of `num / den` for non-negative `num` and positive `den`. */
export const ceilDiv = (num: bigint, den: bigint): bigint => (num + den - 1n) / den
