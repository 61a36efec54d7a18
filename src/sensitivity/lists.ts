/**
 * Sensitivity of a proportional allocation (DOMAIN.md "Could an annulled precinct change the seats?"): the
 * conditions in the added ballots that fix the base's seats and status, the real allocation to test a witness.
 * Coordinates: one per list, then against all, then invalid (each added ballot is also a participant).
 */
import { allocateProportional } from "../allocation/proportional.js"
import { thresholdPercent } from "../allocation/threshold.js"
import type { ProportionalInput, ProportionalResult } from "../allocation/types.js"
import { ballotsAlong, condition, type Condition } from "./conditions.js"
import { binomial, type Direction, type Enumeration, type Outcome, type Question } from "./question.js"

/** The outcome sensitivity compares: status and seats per list (`key`), and the open tie too (`full`). */
const listsOutcome = (result: ProportionalResult): Outcome => {
  const key = `${result.status}|${result.parties.map((p) => p.seats).join(",")}`
  const tie = result.tie === null ? "" : `${[...result.tie.among].sort().join(",")}:${result.tie.seats}`
  return { key, full: `${key}|${tie}` }
}

/** The base with `x` added: list votes, against all, invalid, and as many more participants as ballots. */
export const withBallots = (input: ProportionalInput, x: ReadonlyArray<number>): ProportionalInput => {
  const n = input.lists.length
  let ballots = 0
  for (const b of x) ballots += b
  return {
    ...input,
    lists: input.lists.map((l, i) => (x[i] === 0 ? l : { ...l, votes: l.votes + x[i] })),
    participants: input.participants + ballots,
    againstAll: input.againstAll + x[n],
    invalid: input.invalid + x[n + 1]
  }
}

/**
 * The conditions that keep a list in or out of the distribution (DOMAIN.md "Seats: proportional" 1): its votes
 * against the threshold percent of the base, both linear in the added ballots. Edition 2011 `gt` (more than 7%)
 * is strict, 2024 `ge` (5% and more) is not, and staying out is the negation of each. A list without votes stays
 * out until it gets one, whatever the threshold.
 */
const admission = (input: ProportionalInput, i: number, stayIn: boolean): Condition | null => {
  const n = input.lists.length
  const { threshold } = input.rules
  const votes = BigInt(input.lists[i].votes)
  if (threshold === null) {
    if (stayIn) return null
    const coef = new Array<bigint>(n + 2).fill(0n)
    coef[i] = -1n
    return condition(0n, coef, true, i)
  }
  const { num, den } = thresholdPercent(threshold)
  const d = 100n * den
  const valid = threshold.base === "valid"
  const base0 = valid ? BigInt(input.lists.reduce((s, l) => s + l.votes, 0) + input.againstAll) : BigInt(input.participants)
  // d * (votes + x_i) - num * (base0 + sum of the ballots counted in the base)
  const coef = Array.from({ length: n + 2 }, (_, k) => (k === i ? d : 0n) - (valid && k === n + 1 ? 0n : num))
  const c0 = d * votes - num * base0
  if (stayIn) return condition(c0, coef, threshold.op === "gt")
  return condition(
    -c0,
    coef.map((c) => -c),
    threshold.op === "ge",
    votes === 0n ? i : -1
  )
}

/**
 * Every remainder seat stays where it is (DOMAIN.md "Seats: proportional" 2): with q_i = votes_i * seats / total,
 * Hare's largest remainders give seats s (summing to the seats, no tie) exactly when (q_i - s_i) - (q_j - s_j) < 1
 * for every two lists i, j in the distribution, i.e. (votes_i - votes_j) * seats < (s_i - s_j + 1) * total.
 */
const remainders = (input: ProportionalInput, eligible: ReadonlyArray<number>, seats: ReadonlyArray<number>): Array<Condition> => {
  const n = input.lists.length
  const S = BigInt(input.seats)
  const v = input.lists.map((l) => BigInt(l.votes))
  const total = eligible.reduce((sum, i) => sum + v[i], 0n)
  const out: Array<Condition> = []
  for (const i of eligible) {
    for (const j of eligible) {
      if (i === j) continue
      const gap = BigInt(seats[i] - seats[j] + 1)
      const coef = new Array<bigint>(n + 2).fill(0n)
      for (const k of eligible) coef[k] = gap
      coef[i] -= S
      coef[j] += S
      out.push(condition(gap * total - (v[i] - v[j]) * S, coef, true))
    }
  }
  return out
}

/** The leader keeps at least as many votes as "against all" (the failure rule, by analogy with the national law, Art. 37). */
const leaderHolds = (input: ProportionalInput): Condition => {
  const n = input.lists.length
  let leader = 0
  input.lists.forEach((l, i) => (l.votes > input.lists[leader].votes ? (leader = i) : undefined))
  const coef = new Array<bigint>(n + 2).fill(0n)
  coef[leader] = 1n
  coef[n] = -1n
  return condition(BigInt(input.lists[leader].votes - input.againstAll), coef, false)
}

/** "Against all" keeps more votes than every list: the election stays failed. */
const againstAllHolds = (input: ProportionalInput): Array<Condition> => {
  const n = input.lists.length
  return input.lists.map((l, i) => {
    const coef = new Array<bigint>(n + 2).fill(0n)
    coef[n] = 1n
    coef[i] = -1n
    return condition(BigInt(input.againstAll - l.votes), coef, true)
  })
}

/** The unit ballot kinds: all to one list, against all, invalid. */
const units = (n: number): Array<Array<number>> =>
  Array.from({ length: n + 2 }, (_, k) => Array.from({ length: n + 2 }, (_, j) => (j === k ? 1 : 0)))

/** The most ballots of each kind that keep every condition of a set (a set that fails at no ballots gives -1). */
const boundsOf = (conditions: ReadonlyArray<Condition> | null, deltas: ReadonlyArray<ReadonlyArray<number>>): Array<number> =>
  deltas.map((delta) => (conditions === null ? -1 : conditions.reduce((b, c) => Math.min(b, ballotsAlong(c, delta)), Infinity)))

/** Lists whose admission may flip are split into cases, at most this many (2^4 distributions checked). */
const flipCases = 4

/** The most ballots, of any kind, that keep every condition of a set. */
const provenBy = (conditions: ReadonlyArray<Condition>, deltas: ReadonlyArray<ReadonlyArray<number>>): number =>
  Math.min(...boundsOf(conditions, deltas))

/**
 * What the proof gives: the most ballots, however cast, that provably keep the base's seats and status, and the
 * same along each unit ballot kind (where witnesses are looked for first).
 *
 * Failed stays failed when "against all" keeps beating every list, or when no list gets into the distribution.
 * Otherwise the leader keeps "against all" behind it, every list stays in or out of the distribution, and the
 * remainder seats stay where they are. A list near the threshold may get in or drop out and change no seat:
 * then each case (each such list in or out) must keep the seats by the remainder conditions of its own
 * distribution, and every other list must keep its side of the threshold.
 */
const proofs = (input: ProportionalInput, base: ProportionalResult, deltas: ReadonlyArray<ReadonlyArray<number>>): { proven: number; bounds: Array<number> } => {
  const all = input.lists.map((_, i) => i)
  const eligible = all.filter((i) => base.parties[i].admitted && input.lists[i].votes > 0)
  const side = (i: number): Condition | null => admission(input, i, eligible.includes(i))
  const sides = (lists: ReadonlyArray<number>): Array<Condition> => lists.map(side).filter((c): c is Condition => c !== null)
  if (base.status === "failed") {
    const out = all.map((i) => admission(input, i, false)).filter((c): c is Condition => c !== null)
    const sets = [input.rules.againstAll === "fail" && base.reason === "against-all-exceeds-leader" ? againstAllHolds(input) : null, out]
    const perSet = sets.map((set) => boundsOf(set, deltas))
    return { proven: Math.max(...perSet.map((b) => Math.min(...b))), bounds: deltas.map((_, k) => Math.max(...perSet.map((b) => b[k]))) }
  }
  // An open tie is broken by one vote; other methods than the statutory Hare have no proof here.
  if (base.status === "lot-required" || base.method !== "hare") return { proven: -1, bounds: deltas.map(() => -1) }
  const seats = base.parties.map((p) => p.seats)
  const leader = input.rules.againstAll === "fail" ? [leaderHolds(input)] : []
  const whole = [...leader, ...sides(all), ...remainders(input, eligible, seats)]
  const bounds = boundsOf(whole, deltas)
  let proven = Math.min(...bounds)
  // The case split: lists by how soon they may cross the threshold; the first t of them in or out in every way.
  const crossing = all.map((i) => ({ i, at: provenBy(sides([i]), deltas) })).sort((a, b) => a.at - b.at)
  const kept = provenBy(leader, deltas)
  const byDistribution = new Map<string, number>()
  const remaindersHold = (inside: ReadonlyArray<number>): number => {
    const key = inside.join(",")
    let b = byDistribution.get(key)
    if (b === undefined) {
      // A list that drops out must have had no seat; a distribution with no list is a failed election.
      const lost = eligible.some((i) => seats[i] > 0 && !inside.includes(i))
      b = lost || inside.length === 0 ? -1 : provenBy(remainders(input, inside, seats), deltas)
      byDistribution.set(key, b)
    }
    return b
  }
  for (let t = 1; t <= Math.min(flipCases, crossing.length); t++) {
    const flipping = crossing.slice(0, t).map((c) => c.i)
    let b = Math.min(kept, t < crossing.length ? crossing[t].at : Infinity)
    for (let mask = 0; mask < 1 << t && b > proven; mask++) {
      const inside = all.filter((i) => {
        const k = flipping.indexOf(i)
        return k < 0 ? eligible.includes(i) : eligible.includes(i) !== ((mask >> k) & 1) > 0
      })
      b = Math.min(b, remaindersHold(inside))
    }
    proven = Math.max(proven, b)
  }
  return { proven, bounds }
}

/**
 * The question for a proportional base: the proven bound (the largest number of ballots, however cast, that
 * keeps every condition of one proof at every vertex of the simplex), the unit ballot kinds with their own
 * bounds (where a witness is looked for first), and the real allocation.
 */
export const listsQuestion = (input: ProportionalInput): Question => {
  const n = input.lists.length
  const baseResult = allocateProportional(input)
  const deltas = units(n)
  const { proven, bounds } = proofs(input, baseResult, deltas)
  const directions: Array<Direction> = deltas.map((delta, k) => ({ delta, bound: bounds[k] }))
  const enumerate = (voters: number, budget: number, visit: (x: ReadonlyArray<number>) => boolean): Enumeration => {
    const x = new Array<number>(n + 2).fill(0)
    let visited = 0
    const walk = (k: number, left: number): Enumeration => {
      if (k === n + 2) {
        if (++visited > budget) return "over-budget"
        return visit(x) ? "complete" : "stopped"
      }
      for (let b = 0; b <= left; b++) {
        x[k] = b
        const r = walk(k + 1, left - b)
        if (r !== "complete") return r
      }
      x[k] = 0
      return "complete"
    }
    return walk(0, voters)
  }
  return {
    proven: Math.max(proven, 0),
    directions,
    outcome: (x) => listsOutcome(allocateProportional(withBallots(input, x))),
    base: listsOutcome(baseResult),
    ballots: (x) => x.reduce((s, b) => s + b, 0),
    // Ballots of n + 2 kinds, at most `voters` of them: C(voters + n + 2, n + 2).
    size: (voters) => binomial(voters + n + 2, n + 2),
    enumerate
  }
}
