/** Largest-remainder methods: whole quotas first, then the seats left to the largest remainders. */
import type { TieRule } from "../ballot/rules.js"
import { award, type Contest } from "./contest.js"
import { compareBig, type Ratio } from "./exact.js"
import { ratioText } from "./figures.js"
import { invariant } from "./invariant.js"
import type { LotBook } from "./lots.js"
import { grouped } from "../ballot/count-cell.js"
import type { Step } from "./steps.js"
import type { QuotaMethod, SettledLot, Tie } from "./types.js"

/** Seats per entry after a method ran, with the tie left open (certain seats only) and the derivation. */
export interface Apportionment {
  readonly seats: ReadonlyArray<number>
  readonly tie: Tie | null
  readonly lots: ReadonlyArray<SettledLot>
  readonly steps: ReadonlyArray<Step>
}

/**
 * The quota as an exact ratio of `total` votes for `seats` seats.
 * Hare: total / seats (DOMAIN.md "Seats: proportional" 2, the statutory quota).
 * Droop: floor(total / (seats + 1)) + 1, the integer Droop quota (H. R. Droop, 1881).
 * @example quotaOf("hare", 13143n, 31n) // { num: 13143n, den: 31n }
 */
const quotaOf = (method: QuotaMethod, total: bigint, seats: bigint): Ratio =>
  method === "hare" ? { num: total, den: seats } : { num: total / (seats + 1n) + 1n, den: 1n }

/**
 * Allocates `seats` among the eligible entries by largest remainders. Each gets floor(votes / quota); the seats
 * left go one each to the largest remainders, exactly: entry i's remainder is votes_i * den - whole_i * num, all
 * over the same `num`, so integers compare. The Hare quota never leaves more seats than entries. A Droop quota on
 * few votes for many seats can (180 votes for 1,000 seats: the quota is 1 vote, whole quotas give 180 seats): the
 * method says nothing beyond one remainder seat each, so the seats still left go one at a time to the highest
 * average votes / (seats held + 1), as the Hagenbach-Bischoff system gives its seats after the quota (our choice,
 * in the README); the seats then follow the votes instead of going round the lists.
 */
export const apportionByQuota = (
  method: QuotaMethod,
  ids: ReadonlyArray<string>,
  votes: ReadonlyArray<bigint>,
  eligible: ReadonlyArray<boolean>,
  seats: number,
  rule: TieRule,
  book: LotBook,
  explain = true
): Apportionment => {
  const total = votes.reduce((sum, v, i) => (eligible[i] ? sum + v : sum), 0n)
  invariant(total > 0n, "a quota needs votes")
  const quota = quotaOf(method, total, BigInt(seats))
  const whole = votes.map((v, i) => (eligible[i] ? (v * quota.den) / quota.num : 0n))
  const remainder = votes.map((v, i) => (eligible[i] ? v * quota.den - whole[i] * quota.num : 0n))
  const steps: Array<Step> = []
  const quotaFigure = explain ? ratioText(quota.num, quota.den, 2) : ""
  const remainderText = (i: number): string => `${ratioText(remainder[i], quota.num, 4)} (${remainder[i]}/${quota.num})`
  if (explain) {
    steps.push({
      kind: "quota",
      votes: Number(total),
      seats,
      quota: quotaFigure,
      text:
        method === "hare"
          ? `Hare quota: ${grouped(total)} votes of the lists in the distribution / ${seats} seats = ${quotaFigure} votes per seat`
          : `Droop quota: floor(${grouped(total)} / (${seats} + 1)) + 1 = ${quotaFigure} votes per seat`
    })
    for (let i = 0; i < ids.length; i++) {
      if (!eligible[i]) continue
      steps.push({
        kind: "whole",
        party: ids[i],
        votes: Number(votes[i]),
        whole: Number(whole[i]),
        remainder: ratioText(remainder[i], quota.num, 4),
        text: `${ids[i]}: ${grouped(votes[i])} / ${quotaFigure} = ${ratioText(votes[i] * quota.den, quota.num, 4)}: ${whole[i]} whole seat${whole[i] === 1n ? "" : "s"}, remainder ${remainderText(i)}`
      })
    }
  }
  const wholeSeats = whole.reduce((sum, w) => sum + w, 0n)
  invariant(wholeSeats <= BigInt(seats), "whole quotas cannot exceed the seats")
  const held = whole.map(Number)
  const left = seats - Number(wholeSeats)
  if (explain) {
    steps.push({
      kind: "note",
      text: `Whole quotas give ${wholeSeats} seat${wholeSeats === 1n ? "" : "s"}; ${left} seat${left === 1 ? "" : "s"} left for the largest remainders`
    })
  }
  /** Whether entry i already took its remainder seat, so that its next claim is an average. */
  const beyond = (i: number): boolean => held[i] > Number(whole[i])
  const contest: Contest = {
    ids,
    votes,
    seats: held,
    eligible,
    compare: (i, j) => {
      const bi = beyond(i)
      const bj = beyond(j)
      if (!bi && !bj) return compareBig(remainder[i], remainder[j])
      if (bi !== bj) return bi ? -1 : 1
      return compareBig(votes[i] * BigInt(held[j] + 1), votes[j] * BigInt(held[i] + 1))
    },
    claim: (i) =>
      beyond(i)
        ? `average ${grouped(votes[i])} / ${held[i] + 1} = ${ratioText(votes[i], BigInt(held[i] + 1), 4)} (every list has had its remainder seat)`
        : `remainder ${remainderText(i)}`
  }
  const outcome = award(contest, left, Number(wholeSeats) + 1, rule, book, explain)
  return { seats: held, tie: outcome.tie, lots: outcome.lots, steps: explain ? [...steps, ...outcome.steps] : steps }
}
