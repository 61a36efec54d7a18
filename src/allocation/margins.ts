/**
 * How far each list is from one seat more and one seat fewer (SPEC §3 `margins`), exactly, by re-running the
 * allocation's own method and rules on the counts a list alone could have.
 */
import { seatLists } from "./list-seats.js"
import { admits } from "./threshold.js"
import type { ListSeats, Margin, ProportionalInput } from "./types.js"

/** The voters who took part when list i has x votes: the others' part is fixed (never below 0, for inconsistent totals). */
const participantsWith = (input: ProportionalInput, i: number, x: number): number => Math.max(0, input.participants - input.lists[i].votes + x)

/**
 * The input with list `i` holding `x` votes and every other count unchanged, so the voters who took part (and the
 * valid ballots) move with it. Recorded lots are left out: a lot settles the tie it was drawn for, and other counts
 * are another election night, so a tie there counts as seats not yet won (README, "margins").
 */
const withVotes = (input: ProportionalInput, i: number, x: number): ProportionalInput => ({
  ...input,
  lists: input.lists.map((l, j) => (j === i ? { id: l.id, votes: x } : { id: l.id, votes: l.votes })),
  participants: participantsWith(input, i, x),
  lots: []
})

/**
 * What stays fixed on a stretch of list i's votes and may change the seats in a way that is not monotone: which
 * lists pass the threshold, whether "against all" fails the election and, for Droop, the quota. Each part moves
 * one way only as x grows (the base grows with x, so the others' shares fall and i's rises; the leader's votes
 * only grow; within one admitted set the Droop quota only grows), so a key, once left, never comes back.
 */
const pieceKey = (input: ProportionalInput, i: number, x: number): string => {
  const { threshold, againstAll } = input.rules
  const lists = input.lists
  let othersVotes = 0
  let leader = x
  for (let j = 0; j < lists.length; j++) {
    if (j === i) continue
    othersVotes += lists[j].votes
    if (lists[j].votes > leader) leader = lists[j].votes
  }
  const participants = participantsWith(input, i, x)
  const base = threshold === null ? 0 : threshold.base === "valid" ? othersVotes + x + input.againstAll : participants
  let key = againstAll === "fail" && input.againstAll > leader ? "F" : "-"
  let admittedVotes = 0
  for (let j = 0; j < lists.length; j++) {
    const votes = j === i ? x : lists[j].votes
    const admitted = threshold === null ? votes > 0 : admits(votes, base, threshold)
    key += admitted ? "1" : "0"
    if (admitted) admittedVotes += votes
  }
  if ((input.method ?? "hare") === "droop") key += `:${Math.floor(admittedVotes / (input.seats + 1))}`
  return key
}

/**
 * Whether list i's certain seats are proven monotone in its own votes for the method, across every piece: the
 * divisor methods, because i's quotients grow while the others' stay, a list that drops below the threshold only
 * leaves more seats, and more votes only win ties under either tie rule. The quota methods are monotone within a
 * piece only: when the base rises and a list drops out, Hare's quota changes for everyone (the "new states"
 * paradox), and Droop's integer quota can step up and cost a list a whole seat.
 */
const monotone = (input: ProportionalInput): boolean => {
  const method = input.method ?? "hare"
  return method !== "hare" && method !== "droop"
}

/** The margins of list i; `f(x)` is its certain seats with x votes, `now` its seats in the result. */
const marginOf = (input: ProportionalInput, i: number, now: number): Margin => {
  const votes = input.lists[i].votes
  const others = input.lists.reduce((sum, l, j) => (j === i ? sum : sum + l.votes), 0)
  const fixed = Math.max(input.participants - votes, others + input.againstAll)
  const cap = Number.MAX_SAFE_INTEGER - fixed
  const memo = new Map<number, number>()
  const f = (x: number): number => {
    let seats = memo.get(x)
    if (seats === undefined) {
      seats = seatLists(withVotes(input, i, x), false).parties[i].seats
      memo.set(x, seats)
    }
    return seats
  }
  const whole = monotone(input)
  const key = (x: number): string => (whole ? "" : pieceKey(input, i, x))
  /** The last x' in [from, cap] with the key of `from` (keys change once and for all, so a gallop then halving finds it). */
  const pieceEnd = (from: number): number => {
    const k = key(from)
    let inside = from
    let step = 1
    let outside = -1
    while (outside < 0) {
      const probe = Math.min(cap, from + step)
      if (key(probe) !== k) outside = probe
      else if (probe === cap) return cap
      else inside = probe
      step *= 2
    }
    while (outside - inside > 1) {
      const mid = inside + Math.floor((outside - inside) / 2)
      if (key(mid) === k) inside = mid
      else outside = mid
    }
    return inside
  }
  /** The first x' in [from, to] with test(x') true, for a test that turns true once and stays (gallop, then halve). */
  const firstTrue = (from: number, to: number, test: (x: number) => boolean): number | null => {
    if (!test(to)) return null
    let low = from - 1
    let high = to
    let step = 1
    while (from - 1 + step < high) {
      const probe = from - 1 + step
      if (test(probe)) {
        high = probe
        break
      }
      low = probe
      step *= 2
    }
    while (high - low > 1) {
      const mid = low + Math.floor((high - low) / 2)
      if (test(mid)) high = mid
      else low = mid
    }
    return high
  }

  let gain: number | null = null
  if (now < input.seats && votes < cap) {
    for (let from = votes + 1; from <= cap; ) {
      const end = pieceEnd(from)
      const found = firstTrue(from, end, (x) => f(x) > now)
      if (found !== null) {
        gain = found - votes
        break
      }
      if (end === cap) break
      from = end + 1
    }
  }

  let lose: number | null = null
  if (now > 0) {
    // Downwards: x = votes - d. Mirror the search by d so that "fewer seats" turns true once d passes the margin.
    for (let to = votes - 1; to >= 0; ) {
      const start = whole ? 0 : pieceStartBelow(input, i, to)
      const found = firstTrue(votes - to, votes - start, (d) => f(votes - d) < now)
      if (found !== null) {
        lose = found
        break
      }
      to = start - 1
    }
  }
  return { party: input.lists[i].id, gain, lose }
}

/** The first x' in [0, to] with the key of `to`. */
const pieceStartBelow = (input: ProportionalInput, i: number, to: number): number => {
  const k = pieceKey(input, i, to)
  let inside = to
  let step = 1
  let outside = -1
  while (outside < 0) {
    const probe = Math.max(0, to - step)
    if (pieceKey(input, i, probe) !== k) outside = probe
    else if (probe === 0) return 0
    else inside = probe
    step *= 2
  }
  while (inside - outside > 1) {
    const mid = outside + Math.floor((inside - outside) / 2)
    if (pieceKey(input, i, mid) === k) inside = mid
    else outside = mid
  }
  return inside
}

/**
 * The margins of every list (SPEC §3): `gain`, the fewest extra votes for that list alone (the others' counts
 * unchanged, the voters who took part rising with them) after which it holds more certain seats than `result`
 * gives it; `lose`, the fewest it can lose alone and hold fewer. Null when no count does it (all the seats already;
 * no seat to lose; a threshold of 100%). A tie in the changed count is not a seat won: only certain seats count.
 * The search runs the allocation itself (without steps) at O(log votes) counts per piece on which the seats are
 * monotone in the list's votes (see `monotone`), so it is exact and costs a few hundred runs per list.
 * @example marginsOf(input, seatLists(input, true)) // [{ party: "sdpk", gain: 211, lose: 183 }, ...]
 */
export const marginsOf = (input: ProportionalInput, result: ListSeats): Array<Margin> => {
  // Lists with the same votes and seats face the same others, so they have the same margins (no lot is re-used).
  const known = new Map<string, Margin>()
  return input.lists.map((list, i) => {
    const now = result.parties[i].seats
    const key = `${list.votes}:${now}`
    const found = known.get(key)
    if (found !== undefined) return { party: list.id, gain: found.gain, lose: found.lose }
    const margin = marginOf(input, i, now)
    known.set(key, margin)
    return margin
  })
}
