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
