/** Human-readable figures for `steps` (quotas, shares, quotients): the only module that uses decimal.js, never to decide. */
import { Decimal } from "decimal.js"
import type { Ratio } from "./exact.js"

/**
 * `num / den` written with `places` decimals, rounded half up.
 * @example ratioText(13143n, 31n, 2) // "423.97"
 */
export const ratioText = (num: bigint, den: bigint, places: number): string =>
  new Decimal(num.toString()).div(den.toString()).toFixed(places, Decimal.ROUND_HALF_UP)

/**
 * The square root of a ratio, trimmed to at most four decimals (a divisor such as sqrt(2) = 1.4142).
 * @example sqrtText({ num: 49n, den: 25n }) // "1.4"
 */
export const sqrtText = (square: Ratio): string =>
  new Decimal(square.num.toString()).div(square.den.toString()).sqrt().toDecimalPlaces(4, Decimal.ROUND_HALF_UP).toString()

/**
 * `votes / sqrt(square)` with four decimals: a quotient of a divisor method.
 * @example quotientText(4854n, { num: 9n, den: 1n }) // "1618.0000"
 */
export const quotientText = (votes: bigint, square: Ratio): string =>
  new Decimal(votes.toString())
    .div(new Decimal(square.num.toString()).div(square.den.toString()).sqrt())
    .toFixed(4, Decimal.ROUND_HALF_UP)

/** 10^places as a BigInt. */
const scale = (places: number): bigint => 10n ** BigInt(places)

/** `k / 10^places` written with exactly `places` decimals (k >= 0). */
const fixed = (k: bigint, places: number): string => {
  if (places === 0) return k.toString()
  const digits = k.toString().padStart(places + 1, "0")
  return `${digits.slice(0, -places)}.${digits.slice(-places)}`
}

/**
 * `num / den` (non-negative, den > 0) with `places` decimals, rounded half up, in exact integers.
 * @example halfUpText(1n, 8n, 2) // "0.13"
 */
export const halfUpText = (num: bigint, den: bigint, places: number): string =>
  fixed((2n * scale(places) * num + den) / (2n * den), places)

/** The integer square root floor(sqrt(n)) of a non-negative BigInt (Newton's method). */
const isqrt = (n: bigint): bigint => {
  if (n < 2n) return n
  let x = BigInt(Math.floor(Math.sqrt(Number(n))))
  while (x * x > n) x = (x + n / x) / 2n
  while ((x + 1n) * (x + 1n) <= n) x++
  return x
}

/**
 * sqrt(num / den) with `places` decimals, rounded half up, in exact integers: with m = floor(2 * 10^places * sqrt),
 * the rounded figure is floor((m + 1) / 2).
 * @example sqrtHalfUpText(2n, 1n, 2) // "1.41"
 */
export const sqrtHalfUpText = (num: bigint, den: bigint, places: number): string => {
  const m = isqrt((4n * scale(2 * places) * num) / den)
  return fixed((m + 1n) / 2n, places)
}
