/**
 * How far each list is from one seat more and one seat fewer (SPEC §3 `margins`), exactly, by re-running the
 * allocation's own method and rules on the counts a list alone could have.
 */
import { seatLists } from "./list-seats.js"
import { thresholdPercent } from "./threshold.js"
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
 * The stretches of list i's votes on which nothing changes that can make its seats non-monotone: which lists pass
 * the threshold, whether "against all" fails the election and, for Droop, the quota. Each moves one way only as x
 * grows (the base grows with x, so the others' shares fall and i's rises; the leader's votes only grow), so each
 * list's admission and the failure flip at most once: found once by halving, they cut [0, cap] into at most
 * lists + 2 pieces. Within one admitted set the Droop quota floor(T / (S + 1)) + 1 steps up every S + 1 votes of i.
 */
interface Pieces {
  /** The last count of the piece that holds `from`. */
  readonly end: (from: number) => number
  /** The first count of the piece that holds `to`. */
  readonly start: (to: number) => number
}

const piecesOf = (input: ProportionalInput, i: number, cap: number): Pieces => {
  const { threshold, againstAll } = input.rules
  const lists = input.lists
  const others = lists.reduce((sum, l, j) => (j === i ? sum : sum + l.votes), 0)
  const leader = lists.reduce((best, l, j) => (j === i ? best : Math.max(best, l.votes)), 0)
  const percent = threshold === null ? null : thresholdPercent(threshold)
  const admitted = (j: number, x: number): boolean => {
    const votes = j === i ? x : lists[j].votes
    if (threshold === null || percent === null) return votes > 0
    if (votes === 0) return false
    const base = threshold.base === "valid" ? others + x + input.againstAll : participantsWith(input, i, x)
    const share = BigInt(votes) * 100n * percent.den
    const bar = percent.num * BigInt(base)
    return threshold.op === "gt" ? share > bar : share >= bar
  }
  const flips: Array<number> = []
  for (let j = 0; j < lists.length; j++) {
    const first = admitted(j, 0)
    if (admitted(j, cap) === first) continue
    let low = 0
    let high = cap
    while (high - low > 1) {
      const mid = low + Math.floor((high - low) / 2)
      if (admitted(j, mid) === first) low = mid
      else high = mid
    }
    flips.push(high)
  }
  if (againstAll === "fail" && input.againstAll > leader && input.againstAll <= cap) flips.push(input.againstAll)
  flips.sort((a, b) => a - b)
  const droop = (input.method ?? "hare") === "droop"
  const step = input.seats + 1
  /** The eligible votes at x other than i's, and whether i is in: the Droop quota's total is then fixed + x. */
  const quotaTotal = (x: number): number | null => {
    if (!admitted(i, x)) return null
    let total = 0
    for (let j = 0; j < lists.length; j++) if (j !== i && admitted(j, x)) total += lists[j].votes
    return total
  }
  return {
    end: (from) => {
      const next = flips.find((b) => b > from)
      let end = next === undefined ? cap : next - 1
      const total = droop ? quotaTotal(from) : null
      if (total !== null) end = Math.min(end, (Math.floor((total + from) / step) + 1) * step - total - 1)
      return end
    },
    start: (to) => {
      let start = 0
      for (const b of flips) if (b <= to) start = b
      const total = droop ? quotaTotal(to) : null
      if (total !== null) start = Math.max(start, Math.floor((total + to) / step) * step - total)
      return start
    }
  }
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
  const pieces: Pieces = whole ? { end: () => cap, start: () => 0 } : piecesOf(input, i, cap)
  /**
   * The first x' in [from, to] with test(x') true, for a test that turns true once and stays: a gallop from `from`
   * in steps that start at `hint` (about one quota's worth of votes, where margins usually lie) and double, then halving.
   */
  const hint = Math.max(1, Math.floor((others + votes) / input.seats))
  const firstTrue = (from: number, to: number, test: (x: number) => boolean): number | null => {
    if (!test(to)) return null
    let low = from - 1
    let high = to
    for (let step = hint; low + step < high; step *= 2) {
      const probe = low + step
      if (test(probe)) {
        high = probe
        break
      }
      low = probe
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
      const end = pieces.end(from)
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
      const start = pieces.start(to)
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
