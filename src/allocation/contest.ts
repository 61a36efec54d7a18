/** The contest for seats claim by claim, shared by every method: strongest claim first, ties to the tie rule, then to lots. */
import type { TieRule } from "../ballot/rules.js"
import { invariant } from "./invariant.js"
import type { LotBook } from "./lots.js"
import { names, type Step } from "./steps.js"
import type { SettledLot, Tie } from "./types.js"

/** Lists (or candidates) competing for seats one claim at a time. */
export interface Contest {
  readonly ids: ReadonlyArray<string>
  readonly votes: ReadonlyArray<bigint>
  /** Seats held so far; `award` mutates it in place. */
  readonly seats: Array<number>
  /** Whether entry i may win a seat at all (admitted, with votes). */
  readonly eligible: ReadonlyArray<boolean>
  /** Positive when i's next claim is stronger than j's, zero when they are exactly equal. */
  readonly compare: (i: number, j: number) => number
  /** Entry i's next claim in words, e.g. "remainder 0.4490 (5901/13143)". */
  readonly claim: (i: number) => string
}

/** How a contest or a tie ended: the tie still open (null when settled), lots drawn and the steps taken. */
export interface Outcome {
  readonly tie: Tie | null
  readonly lots: Array<SettledLot>
  readonly steps: Array<Step>
}

/** Who wins `seats` seats among equal claims `group` (indices into `ids`, in input order): the tie rule, then a recorded lot. */
export interface Settlement extends Outcome {
  readonly winners: Array<number>
}

/**
 * Settles equal claims of `group` to `seats` seats (fewer than the group). DOMAIN.md "Seats" 3: the law is silent,
 * so by default lots are drawn; under the `votes` rule more votes go first and only equal votes go to lots.
 */
export const settle = (
  ids: ReadonlyArray<string>,
  votes: ReadonlyArray<bigint>,
  group: ReadonlyArray<number>,
  seats: number,
  rule: TieRule,
  book: LotBook
): Settlement => {
  const steps: Array<Step> = []
  const winners: Array<number> = []
  let open = [...group]
  let left = seats
  if (rule === "votes") {
    const byVotes = [...group].sort((a, b) => (votes[b] > votes[a] ? 1 : votes[b] < votes[a] ? -1 : a - b))
    const boundary = votes[byVotes[seats - 1]]
    const above = byVotes.filter((i) => votes[i] > boundary)
    const level = group.filter((i) => votes[i] === boundary)
    const decided = new Set(level.length === seats - above.length ? [...above, ...level] : above)
    if (decided.size > 0) {
      const ordered = group.filter((i) => decided.has(i))
      winners.push(...ordered)
      steps.push({
        kind: "tie-break",
        among: group.map((i) => ids[i]),
        winners: ordered.map((i) => ids[i]),
        text: `Equal claims of ${names(group.map((i) => ids[i]))}: more votes first, so ${names(ordered.map((i) => ids[i]))} ${ordered.length === 1 ? "takes a seat" : "take a seat each"}`
      })
    }
    open = level
    left = seats - above.length
    if (decided.size === seats) return { winners, tie: null, lots: [], steps }
  }
  const among = open.map((i) => ids[i])
  const lot = book.take(among, left)
  if (lot !== null) {
    winners.push(...open.filter((i) => lot.winners.includes(ids[i])))
    steps.push({
      kind: "lot",
      among: lot.among,
      winners: lot.winners,
      text: `Drawing of lots among ${names(lot.among)} for ${left} seat${left === 1 ? "" : "s"}: won by ${names(lot.winners)}`
    })
    return { winners, tie: null, lots: [lot], steps }
  }
  steps.push({
    kind: "tie",
    among,
    seats: left,
    text: `${names(among)} have equal claims to the last ${left === 1 ? "seat" : `${left} seats`}: a drawing of lots is required`
  })
  return { winners, tie: { among, seats: left }, lots: [], steps }
}

/** A binary max-heap of entry indices by `compare` (the strongest claim on top); entries' claims must not change while inside. */
class ClaimHeap {
  private readonly items: Array<number> = []
  constructor(private readonly compare: (i: number, j: number) => number) {}
  get size(): number {
    return this.items.length
  }
  peek(): number {
    return this.items[0]
  }
  push(i: number): void {
    const items = this.items
    let at = items.push(i) - 1
    while (at > 0) {
      const parent = (at - 1) >> 1
      if (this.compare(items[at], items[parent]) <= 0) break
      ;[items[at], items[parent]] = [items[parent], items[at]]
      at = parent
    }
  }
  pop(): number {
    const items = this.items
    const top = items[0]
    const last = items.pop()!
    if (items.length > 0) {
      items[0] = last
      let at = 0
      for (;;) {
        const left = 2 * at + 1
        const right = left + 1
        let best = at
        if (left < items.length && this.compare(items[left], items[best]) > 0) best = left
        if (right < items.length && this.compare(items[right], items[best]) > 0) best = right
        if (best === at) break
        ;[items[at], items[best]] = [items[best], items[at]]
        at = best
      }
    }
    return top
  }
}

/**
 * Awards `count` seats, numbered from `firstSeat`, to the strongest claims (mutates `contest.seats` in place).
 * Equal strongest claims all win while seats are left for all of them; otherwise `settle` decides. The claims sit
 * in a heap, so a contest takes time (seats + entries) x log(entries). With `explain` false no step is written
 * (the margins re-run allocations many times and need the seats only).
 */
export const award = (contest: Contest, count: number, firstSeat: number, rule: TieRule, book: LotBook, explain = true): Outcome => {
  const { ids, seats, eligible, compare, claim } = contest
  const steps: Array<Step> = []
  const lots: Array<SettledLot> = []
  let left = count
  const give = (i: number, note: string): void => {
    if (explain) {
      const seat = firstSeat + count - left
      const figure = claim(i)
      steps.push({ kind: "seat", seat, to: ids[i], claim: figure, text: `Seat ${seat}: ${ids[i]}, ${figure}${note}` })
    }
    seats[i]++
    left--
  }
  const heap = new ClaimHeap(compare)
  for (let i = 0; i < ids.length; i++) if (eligible[i]) heap.push(i)
  while (left > 0) {
    invariant(heap.size > 0, "a contest needs at least one eligible entry")
    const best = [heap.pop()]
    while (heap.size > 0 && compare(heap.peek(), best[0]) === 0) best.push(heap.pop())
    best.sort((a, b) => a - b)
    if (best.length <= left) {
      const note = explain && best.length > 1 ? ` (equal claims of ${names(best.map((j) => ids[j]))}, a seat each)` : ""
      for (const i of best) give(i, note)
      for (const i of best) heap.push(i)
      continue
    }
    const settlement = settle(ids, contest.votes, best, left, rule, book)
    if (explain) for (const step of settlement.steps) steps.push(step)
    lots.push(...settlement.lots)
    for (const i of settlement.winners) give(i, ", by the tie rule")
    return { tie: settlement.tie, lots, steps }
  }
  return { tie: null, lots, steps }
}
