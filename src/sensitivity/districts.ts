/**
 * Sensitivity of a majoritarian district (DOMAIN.md "Could an annulled precinct change the seats?", "Seats:
 * majoritarian"): the conditions that fix who is elected and the status, over every way the added ballots can
 * be marked. Coordinates: one per candidate, then against all; invalid ballots change nothing in a district.
 *
 * A ballot marks up to `marks` distinct candidates, or "against all" (Art. 31 part 13). With `b` ballots the
 * possible additions (y per candidate, a against all) are y_i <= b - a and sum y <= marks * (b - a): a pyramid
 * whose vertices are all against all, and `b` ballots each marking the same set of at most `marks` candidates.
 * A linear condition is weakest at the vertex marking the (at most `marks`) candidates it loses most on.
 */
import { allocateDistrict } from "../allocation/majoritarian.js"
import type { DistrictInput, DistrictResult } from "../allocation/types.js"
import { ballotsAlong, condition, slope, type Condition } from "./conditions.js"
import { binomial, type Direction, type Enumeration, type Outcome, type Question } from "./question.js"

/** The outcome sensitivity compares: status and who is elected (`key`), and the open tie too (`full`). */
const districtOutcome = (result: DistrictResult): Outcome => {
  const key = `${result.status}|${result.candidates.map((c) => (c.elected ? 1 : 0)).join("")}`
  const tie = result.tie === null ? "" : `${[...result.tie.among].sort().join(",")}:${result.tie.seats}`
  return { key, full: `${key}|${tie}` }
}

/** The district with `x` added: candidate votes, then against all. */
export const withMarks = (input: DistrictInput, x: ReadonlyArray<number>): DistrictInput => {
  const m = input.candidates.length
  return {
    ...input,
    candidates: input.candidates.map((c, i) => (x[i] === 0 ? c : { ...c, votes: c.votes + x[i] })),
    againstAll: input.againstAll + x[m]
  }
}

/** `c0 + x[plus] - x[minus]` (either index may be -1) as a condition. */
const difference = (width: number, c0: number, plus: number, minus: number, strict: boolean): Condition => {
  const coef = new Array<bigint>(width).fill(0n)
  if (plus >= 0) coef[plus] += 1n
  if (minus >= 0) coef[minus] -= 1n
  return condition(BigInt(c0), coef, strict)
}

/** The conditions that keep the base district's outcome, or null where none is sought (an open tie). */
const proof = (input: DistrictInput, base: DistrictResult): Array<Condition> | null => {
  const m = input.candidates.length
  const w = m + 1
  const u = input.candidates.map((c) => c.votes)
  const all = u.map((_, i) => i)
  if (base.status === "failed") {
    // "Against all" keeps more votes than every candidate.
    return all.map((i) => difference(w, input.againstAll - u[i], m, i, true))
  }
  if (base.status === "lot-required") return null
  const out: Array<Condition> = []
  if (input.rules.againstAll === "fail") {
    const leader = all.reduce((best, i) => (u[i] > u[best] ? i : best), 0)
    out.push(difference(w, u[leader] - input.againstAll, leader, m, false))
  }
  const elected = all.filter((i) => base.candidates[i].elected)
  const others = all.filter((i) => !base.candidates[i].elected)
  const woman = input.candidates.map((c) => c.gender === "F")
  const reserved = base.women?.reserved ?? 0
  const fillable = reserved - (base.women?.unfilled ?? 0)
  // A vacant seat goes to anyone who gets a vote; a reserved seat no woman could fill, to any woman who does.
  for (const o of others) {
    if (u[o] === 0 && (base.vacant > 0 || (woman[o] && fillable < reserved))) out.push(difference(w, 0, -1, o, false))
  }
  const womenElected = elected.filter((i) => woman[i]).length
  if (womenElected === fillable) {
    // The best women for the reserved seats (or none), the best men for the rest, and no woman left out overtakes
    // an elected man (else the plain top N would hold more women than the reserve asks for). Whether the reserve
    // binds or not, these keep the elected: an elected woman may fall behind a man left out, the reserve holds her.
    for (const e of elected) {
      for (const o of others) {
        if (woman[e] && !woman[o]) continue
        out.push(difference(w, u[e] - u[o], e, o, true))
      }
    }
  } else {
    // The top N by votes, holding more women than the reserve asks for; any other base (equal votes settled by
    // a lot) has no proof here.
    const plainTop = elected.length === 0 || others.length === 0 || Math.min(...elected.map((i) => u[i])) > Math.max(...others.map((i) => u[i]))
    if (!plainTop || fillable > womenElected) return null
    for (const e of elected) for (const o of others) out.push(difference(w, u[e] - u[o], e, o, true))
  }
  return out
}

/** The ballot kind that marks `set` (candidate indexes), or against all when `set` is null. */
const kind = (m: number, set: ReadonlyArray<number> | null): Array<number> => {
  const delta = new Array<number>(m + 1).fill(0)
  if (set === null) delta[m] = 1
  else for (const i of set) delta[i] = 1
  return delta
}

/** The vertex of the pyramid where `c` is weakest per ballot: against all, or the `marks` candidates with the most negative coefficients. */
const weakest = (c: Condition, m: number, marks: number): Array<number> => {
  const negative = c.coef
    .slice(0, m)
    .map((v, i) => ({ v, i }))
    .filter((e) => e.v < 0n)
    .sort((a, b) => (a.v < b.v ? -1 : a.v > b.v ? 1 : a.i - b.i))
    .slice(0, marks)
    .map((e) => e.i)
  const marked = kind(m, negative)
  const against = kind(m, null)
  return slope(c, against) < slope(c, marked) ? against : marked
}

/**
 * The question for one district: the proven bound over every marking of the ballots (each condition at its
 * weakest vertex), the ballot kinds to try as witnesses (against all, each candidate alone, and each
 * condition's weakest marking), and the real allocation.
 */
export const districtQuestion = (input: DistrictInput, marksPerVoter: number): Question => {
  const m = input.candidates.length
  const marks = Math.max(1, Math.min(marksPerVoter, m))
  const baseResult = allocateDistrict(input)
  const conditions = proof(input, baseResult)
  const kinds = new Map<string, Array<number>>()
  const add = (delta: Array<number>) => kinds.set(delta.join(","), delta)
  add(kind(m, null))
  for (let i = 0; i < m; i++) add(kind(m, [i]))
  let proven = conditions === null ? -1 : Infinity
  for (const c of conditions ?? []) {
    const delta = weakest(c, m, marks)
    add(delta)
    proven = Math.min(proven, ballotsAlong(c, delta))
  }
  const directions: Array<Direction> = [...kinds.values()].map((delta) => ({
    delta,
    bound: conditions === null ? -1 : conditions.reduce((b, c) => Math.min(b, ballotsAlong(c, delta)), Infinity)
  }))
  const enumerate = (voters: number, budget: number, visit: (x: ReadonlyArray<number>) => boolean): Enumeration => {
    const x = new Array<number>(m + 1).fill(0)
    let visited = 0
    // y_i <= cap and sum y <= marks * cap, cap = voters - a
    const walk = (k: number, cap: number, room: number): Enumeration => {
      if (k === m) {
        if (++visited > budget) return "over-budget"
        return visit(x) ? "complete" : "stopped"
      }
      for (let y = 0; y <= Math.min(cap, room); y++) {
        x[k] = y
        const r = walk(k + 1, cap, room - y)
        if (r !== "complete") return r
      }
      x[k] = 0
      return "complete"
    }
    for (let a = 0; a <= voters; a++) {
      x[m] = a
      const r = walk(0, voters - a, marks * (voters - a))
      if (r !== "complete") return r
    }
    return "complete"
  }
  return {
    proven: Math.max(proven, 0),
    directions,
    outcome: (x) => districtOutcome(allocateDistrict(withMarks(input, x))),
    base: districtOutcome(baseResult),
    ballots: (x) => {
      let most = 0
      let sum = 0
      for (let i = 0; i < m; i++) {
        most = Math.max(most, x[i])
        sum += x[i]
      }
      return x[m] + Math.max(most, Math.ceil(sum / marks))
    },
    // At least the additions of at most `voters` votes in all, one mark a ballot.
    size: (voters) => binomial(voters + m + 1, m + 1),
    enumerate
  }
}
