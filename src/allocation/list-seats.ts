/** One run of a proportional method (DOMAIN.md "Seats: proportional", the analyst methods of SPEC §2): threshold, failure rules, seats. */
import { apportionByDivisor } from "./divisor.js"
import { assertCount, assertDistinct, invariant } from "./invariant.js"
import { lotBook } from "./lots.js"
import { apportionByQuota, type Apportionment } from "./quota.js"
import { grouped } from "../ballot/count-cell.js"
import { names, type Step } from "./steps.js"
import { admissionStep, admits, thresholdStep } from "./threshold.js"
import { maxSeats, type FailReason, type ListSeats, type Method, type PartyResult, type ProportionalInput } from "./types.js"

const assertInput = (input: ProportionalInput): void => {
  invariant(Number.isSafeInteger(input.seats) && input.seats >= 1 && input.seats <= maxSeats, `seats must be a whole number from 1 to ${maxSeats}, got ${input.seats}`)
  invariant(input.lists.length > 0, "at least one list is needed")
  for (const list of input.lists) assertCount(list.votes, `votes of ${list.id}`)
  assertCount(input.participants, "participants")
  assertCount(input.againstAll, "against all")
  assertCount(input.invalid, "invalid")
  assertDistinct(
    input.lists.map((l) => l.id),
    "list"
  )
}

/** The names elected from a list: the first `seats` in list order (DOMAIN.md "Seats: proportional" 4). */
const electedFrom = (candidates: ReadonlyArray<string> | undefined, seats: number): ReadonlyArray<string> =>
  candidates === undefined ? [] : candidates.slice(0, seats)

/**
 * Allocates the seats of a proportional election once: threshold, the failure rules, then the method
 * (statutory: Hare quota with largest remainders). Ties and failures are results, never exceptions. With
 * `explain` false the steps are left out (the margins' searches need the seats only).
 * @example seatLists({ seats: 31, lists, participants: 14722, againstAll: 152, invalid: 143, rules: editions["2011"] }, true)
 */
export const seatLists = (input: ProportionalInput, explain: boolean): ListSeats => {
  assertInput(input)
  const method: Method = input.method ?? "hare"
  const { threshold, tie, againstAll: againstAllRule } = input.rules
  const { lists, seats } = input
  const valid = lists.reduce((sum, l) => sum + l.votes, 0) + input.againstAll
  const base = threshold !== null && threshold.base === "valid" ? valid : input.participants
  const steps: Array<Step> = []
  const admitted = lists.map((l) => threshold === null || admits(l.votes, base, threshold))
  if (threshold !== null && explain) {
    steps.push(thresholdStep(threshold, base))
    lists.forEach((l, i) => steps.push(admissionStep(l.id, l.votes, base, threshold, admitted[i])))
  }
  const book = lotBook(input.lots ?? [])
  const result = (
    status: ListSeats["status"],
    reason: FailReason | null,
    apportionment: Apportionment | null
  ): ListSeats => {
    const unused = book.unused()
    if (unused.length > 0 && explain) {
      steps.push({
        kind: "note",
        text: `Lot${unused.length === 1 ? "" : "s"} given but settling no tie here: ${unused.map((l) => names(l.winners)).join("; ")}`
      })
    }
    const parties: Array<PartyResult> = lists.map((l, i) => {
      const won = apportionment?.seats[i] ?? 0
      return { party: l.id, votes: l.votes, admitted: admitted[i], seats: won, elected: electedFrom(l.candidates, won) }
    })
    return {
      status,
      reason,
      method,
      seats,
      base,
      threshold,
      parties,
      tie: apportionment?.tie ?? null,
      lots: apportionment?.lots ?? [],
      steps
    }
  }

  const leader = lists.reduce((best, l) => (l.votes > best.votes ? l : best), lists[0])
  if (againstAllRule === "fail" && input.againstAll > leader.votes) {
    if (explain) steps.push({
      kind: "failed",
      reason: "against-all-exceeds-leader",
      text: `"Against all" has ${grouped(input.againstAll)} votes, more than the leading list ${leader.id} (${grouped(leader.votes)}): the election failed and is repeated`
    })
    return result("failed", "against-all-exceeds-leader", null)
  }
  const eligible = lists.map((l, i) => admitted[i] && l.votes > 0)
  if (!eligible.some((e) => e)) {
    if (explain) steps.push({
      kind: "failed",
      reason: "no-list-admitted",
      text: threshold === null ? "No list has votes: no seat can be allocated" : "No list passed the threshold: the election failed and is repeated"
    })
    return result("failed", "no-list-admitted", null)
  }
  const ids = lists.map((l) => l.id)
  const votes = lists.map((l) => BigInt(l.votes))
  const apportionment =
    method === "hare" || method === "droop"
      ? apportionByQuota(method, ids, votes, eligible, seats, tie, book, explain)
      : apportionByDivisor(method, ids, votes, eligible, seats, tie, book, explain)
  for (const step of apportionment.steps) steps.push(step)
  lists.forEach((l, i) => {
    const won = apportionment.seats[i]
    if (explain && l.candidates !== undefined && l.candidates.length < won) {
      steps.push({
        kind: "note",
        text: `${l.id} won ${won} seats but its list has ${l.candidates.length} candidates: ${won - l.candidates.length} seat${won - l.candidates.length === 1 ? " stays" : "s stay"} empty`
      })
    }
  })
  return result(apportionment.tie === null ? "allocated" : "lot-required", null, apportionment)
}
