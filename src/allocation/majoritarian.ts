/** Seats in a majoritarian district of an ayil kenesh (DOMAIN.md "Seats: majoritarian"): most votes, with the women's reserve. */
import type { WomenReserve } from "../ballot/rules.js"
import { settle } from "./contest.js"
import { ceilDiv } from "./exact.js"
import { assertCount, assertDistinct, invariant } from "./invariant.js"
import { lotBook, type LotBook } from "./lots.js"
import { grouped } from "../ballot/count-cell.js"
import { names, type Step } from "./steps.js"
import { thresholdPercent } from "./threshold.js"
import type { CandidateResult, DistrictInput, DistrictResult, SettledLot, Tie, WomenReserveResult } from "./types.js"

/**
 * Seats reserved for women in a district of `seats` seats (edition 2024): ceil(percent% of seats) from `minSeats`
 * seats up, none below (a single-seat district is not women-only).
 * @example reservedSeats(5, { percent: "30", minSeats: 2 }) // 2
 */
export const reservedSeats = (seats: number, reserve: WomenReserve | null): number => {
  if (reserve === null || seats < reserve.minSeats) return 0
  const { num, den } = thresholdPercent({ percent: reserve.percent, op: "ge", base: "participants" })
  return Number(ceilDiv(BigInt(seats) * num, 100n * den))
}

/** The top `k` of `ranked` (indices by votes, most first): those certainly in, and the equal votes at the boundary competing for the rest. */
interface Cut {
  readonly certain: ReadonlyArray<number>
  readonly level: ReadonlyArray<number>
  readonly levelSeats: number
}

const cut = (ranked: ReadonlyArray<number>, votes: ReadonlyArray<bigint>, k: number): Cut => {
  if (k === 0) return { certain: [], level: [], levelSeats: 0 }
  if (ranked.length <= k) return { certain: ranked, level: [], levelSeats: 0 }
  const boundary = votes[ranked[k - 1]]
  const certain = ranked.filter((i) => votes[i] > boundary)
  return { certain, level: ranked.filter((i) => votes[i] === boundary), levelSeats: k - certain.length }
}

/** Draws the boundary of a cut: everyone at the boundary when there are seats for all, else by a recorded lot or not at all. */
interface Drawn {
  readonly winners: Array<number>
  readonly losers: Array<number>
  readonly tie: Tie | null
  readonly lots: Array<SettledLot>
  readonly steps: Array<Step>
}

const draw = (ids: ReadonlyArray<string>, votes: ReadonlyArray<bigint>, level: ReadonlyArray<number>, seats: number, book: LotBook): Drawn => {
  if (level.length === seats) return { winners: [...level], losers: [], tie: null, lots: [], steps: [] }
  const inOrder = [...level].sort((a, b) => a - b)
  const settlement = settle(ids, votes, inOrder, seats, "lot", book)
  const won = new Set(settlement.winners)
  return {
    winners: settlement.winners,
    losers: settlement.tie === null ? inOrder.filter((i) => !won.has(i)) : [],
    tie: settlement.tie,
    lots: settlement.lots,
    steps: settlement.steps
  }
}

/**
 * Allocates a district's seats: the candidates with the most votes win (Art. 31 part 13 lets a voter mark up to
 * that many; the ranking is the same). A tie for the last seat(s) needs a lot. Edition 2024's reserve: when fewer
 * women than reserved are among the top N, the lowest-placed men give way to the women with the most votes
 * (computed as: the reserved seats go to the best women, the rest to the best of everyone, which is the same
 * outcome). A district fails when "against all" has more votes than the leader (by analogy with the national law, Art. 37).
 */
export const allocateDistrict = (input: DistrictInput): DistrictResult => {
  const { seats, candidates, rules } = input
  invariant(Number.isSafeInteger(seats) && seats >= 1, `seats must be a whole number of 1 or more, got ${seats}`)
  invariant(candidates.length > 0, "a district needs at least one candidate")
  for (const c of candidates) assertCount(c.votes, `votes of ${c.id}`)
  assertCount(input.againstAll, "against all")
  assertDistinct(
    candidates.map((c) => c.id),
    "candidate"
  )
  const override = input.reservedForWomen ?? null
  if (override !== null) assertCount(override, "seats reserved for women")
  const reserved = override ?? reservedSeats(seats, rules.womenReserve)
  invariant(reserved <= seats, `${reserved} seats reserved for women in a district of ${seats}`)

  const ids = candidates.map((c) => c.id)
  const votes = candidates.map((c) => BigInt(c.votes))
  const woman = candidates.map((c) => c.gender === "F")
  const book = lotBook(input.lots ?? [])
  const steps: Array<Step> = []
  const elected = new Set<number>()
  const lots: Array<SettledLot> = []
  let tie: Tie | null = null

  const finish = (status: DistrictResult["status"], reason: DistrictResult["reason"], women: WomenReserveResult | null, vacant: number): DistrictResult => {
    const unused = book.unused()
    if (unused.length > 0) {
      steps.push({ kind: "note", text: `Lot${unused.length === 1 ? "" : "s"} given but settling no tie here: ${unused.map((l) => names(l.winners)).join("; ")}` })
    }
    const rows: Array<CandidateResult> = candidates.map((c, i) => ({
      candidate: c.id,
      votes: c.votes,
      gender: c.gender ?? null,
      elected: elected.has(i)
    }))
    return { status, reason, method: "most-votes", seats, candidates: rows, women, vacant, tie, lots, steps }
  }

  const leader = candidates.reduce((best, c) => (c.votes > best.votes ? c : best), candidates[0])
  if (rules.againstAll === "fail" && input.againstAll > leader.votes) {
    steps.push({
      kind: "failed",
      reason: "against-all-exceeds-leader",
      text: `"Against all" has ${grouped(input.againstAll)} votes, more than the leading candidate ${leader.id} (${grouped(leader.votes)}): the district's election failed`
    })
    return finish("failed", "against-all-exceeds-leader", reserved === 0 ? null : { reserved, elected: 0, unfilled: 0 }, 0)
  }

  const ranked = ids.map((_, i) => i).filter((i) => votes[i] > 0n).sort((a, b) => (votes[b] > votes[a] ? 1 : votes[b] < votes[a] ? -1 : a - b))
  const vacant = Math.max(0, seats - ranked.length)
  const womenRanked = ranked.filter((i) => woman[i])
  const menRanked = ranked.filter((i) => !woman[i])
  const fillable = Math.min(reserved, womenRanked.length)
  if (reserved > 0) {
    const unfilled = reserved - fillable
    steps.push({
      kind: "reserve",
      reserved,
      unfilled,
      text:
        `Seats reserved for women: ${reserved}` +
        (override === null ? ` (${rules.womenReserve?.percent}% of ${seats} seats, rounded up)` : " (set for this district)") +
        (unfilled > 0 ? `; only ${womenRanked.length} wom${womenRanked.length === 1 ? "an" : "en"} with votes, so ${unfilled} reserved seat${unfilled === 1 ? " is" : "s are"} not filled by a woman` : "")
    })
  }
  if (vacant > 0) {
    steps.push({ kind: "note", text: `Only ${ranked.length} candidate${ranked.length === 1 ? "" : "s"} received votes: ${vacant} seat${vacant === 1 ? " stays" : "s stay"} empty` })
  }

  const plain = cut(ranked, votes, seats)
  const womenIn = (xs: ReadonlyArray<number>): number => xs.filter((i) => woman[i]).length
  const certainWomen = womenIn(plain.certain)
  const levelWomen = womenIn(plain.level)
  const fewestWomen = certainWomen + Math.max(0, plain.levelSeats - (plain.level.length - levelWomen))
  const mostWomen = certainWomen + Math.min(plain.levelSeats, levelWomen)
  const take = (drawn: Drawn): void => {
    for (const i of drawn.winners) elected.add(i)
    steps.push(...drawn.steps)
    lots.push(...drawn.lots)
    tie ??= drawn.tie
  }

  if (fillable <= fewestWomen) {
    // The reserve does not bind whatever a lot decides: the top N.
    for (const i of plain.certain) elected.add(i)
    take(draw(ids, votes, plain.level, plain.levelSeats, book))
  } else if (fillable >= mostWomen) {
    // Women's seats are exactly the reserved ones: the best women, and the best men for the rest.
    const womenCut = cut(womenRanked, votes, fillable)
    const menCut = cut(menRanked, votes, seats - fillable)
    for (const i of [...womenCut.certain, ...menCut.certain]) elected.add(i)
    take(draw(ids, votes, womenCut.level, womenCut.levelSeats, book))
    take(draw(ids, votes, menCut.level, menCut.levelSeats, book))
  } else {
    // Equal votes at the boundary among women and men, and the reserve needs some of those women:
    // the reserved seats are drawn among the tied women first, the rest among everyone still tied.
    for (const i of plain.certain) elected.add(i)
    const womenNeeded = fillable - certainWomen
    const tiedWomen = plain.level.filter((i) => woman[i])
    steps.push({
      kind: "note",
      text: `${names(plain.level.map((i) => ids[i]))} have equal votes for the last ${plain.levelSeats} seat${plain.levelSeats === 1 ? "" : "s"}; the reserve needs ${womenNeeded} of them to be women, drawn first among ${names(tiedWomen.map((i) => ids[i]))}`
    })
    const first = draw(ids, votes, tiedWomen, womenNeeded, book)
    take(first)
    if (first.tie === null) {
      const rest = plain.level.filter((i) => !first.winners.includes(i))
      take(draw(ids, votes, rest, plain.levelSeats - womenNeeded, book))
    }
  }

  // Who gave way: the plain top N (when it needed no lot) against the elected.
  const plainTop = plain.level.length === plain.levelSeats ? new Set([...plain.certain, ...plain.level]) : null
  const byReserve = new Set(plainTop === null ? [] : ranked.filter((i) => elected.has(i) && !plainTop.has(i)))
  if (plainTop !== null && tie === null) {
    const men = ranked.filter((i) => plainTop.has(i) && !elected.has(i)).reverse()
    const women = ranked.filter((i) => byReserve.has(i))
    men.forEach((m, k) => {
      const w = women[k]
      steps.push({
        kind: "give-way",
        man: ids[m],
        woman: ids[w],
        text: `Too few women among the top ${seats}: ${ids[m]} (${grouped(votes[m])} votes) gives way to ${ids[w]} (${grouped(votes[w])} votes)`
      })
    })
  }
  let seat = 0
  for (const i of ranked) {
    if (!elected.has(i)) continue
    seat++
    const claim = `${grouped(votes[i])} votes${byReserve.has(i) ? ", a seat reserved for women" : ""}`
    steps.push({ kind: "seat", seat, to: ids[i], claim, text: `Seat ${seat}: ${ids[i]}, ${claim}` })
  }
  const women = reserved === 0 ? null : { reserved, elected: [...elected].filter((i) => woman[i]).length, unfilled: reserved - fillable }
  return finish(tie === null ? "allocated" : "lot-required", null, women, vacant)
}
