/** The threshold a list must pass to take part in the distribution of seats (DOMAIN.md "Seats: proportional" 1). */
import type { Threshold } from "../ballot/rules.js"
import { parseDecimal, type Ratio } from "./exact.js"
import { ratioText } from "./figures.js"
import { invariant } from "./invariant.js"
import { grouped } from "../ballot/count-cell.js"
import type { Step } from "./steps.js"

/** The threshold's percent as an exact ratio; a malformed percent is the caller's bug (rules are decoded first). */
export const thresholdPercent = (threshold: Threshold): Ratio => {
  const percent = parseDecimal(threshold.percent)
  invariant(percent !== null, `threshold percent ${JSON.stringify(threshold.percent)} is not a decimal`)
  return percent
}

/**
 * Whether `votes` pass the threshold on `base`, exactly: votes * 100 * den against num * base.
 * Edition 2011: more than 7% (`gt`); edition 2024: 5% and more (`ge`). A list without votes is never admitted:
 * with nobody voting, 0 of 0 is not "5% and more".
 * @example admits(1031, 14722, { percent: "7", op: "gt", base: "participants" }) // true (7.003%)
 */
export const admits = (votes: number, base: number, threshold: Threshold): boolean => {
  if (votes === 0) return false
  const { num, den } = thresholdPercent(threshold)
  const share = BigInt(votes) * 100n * den
  const bar = num * BigInt(base)
  return threshold.op === "gt" ? share > bar : share >= bar
}

const baseWords = { participants: "voters who took part", valid: "valid ballots" } as const

/** The step stating the threshold in votes, e.g. "more than 7% of 14 722 voters who took part = 1030.54 votes". */
export const thresholdStep = (threshold: Threshold, base: number): Step => {
  const { num, den } = thresholdPercent(threshold)
  const votesNeeded = ratioText(num * BigInt(base), 100n * den, 2)
  const words = threshold.op === "gt" ? "more than" : "at least"
  return {
    kind: "threshold",
    percent: threshold.percent,
    op: threshold.op,
    base: threshold.base,
    baseVotes: base,
    votesNeeded,
    text: `Threshold: ${words} ${threshold.percent}% of ${grouped(base)} ${baseWords[threshold.base]} = ${votesNeeded} votes`
  }
}

/** The step stating whether one list passed, with its share of the base to two decimals. */
export const admissionStep = (party: string, votes: number, base: number, threshold: Threshold, admitted: boolean): Step => {
  const share = base === 0 ? "0.00" : ratioText(BigInt(votes) * 100n, BigInt(base), 2)
  const sign = threshold.op === "gt" ? (admitted ? ">" : "<=") : admitted ? ">=" : "<"
  return {
    kind: "admission",
    party,
    votes,
    share,
    admitted,
    text: `${party}: ${grouped(votes)} votes = ${share}% ${sign} ${threshold.percent}%: ${admitted ? "admitted" : "not admitted"}`
  }
}
