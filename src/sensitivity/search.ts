/**
 * The answer to a question for a number of voters: `cannot` from the proof (or from trying every possible result
 * when there are few), `can` with a witness the real allocation confirms, `undetermined` when neither is found.
 */
import type { Outcome, Question } from "./question.js"

/** What sensitivity says about one precinct or a group: proven, shown with added ballots `x`, or neither. */
export type Verdict =
  | { readonly answer: "cannot" }
  | { readonly answer: "can"; readonly x: ReadonlyArray<number> }
  | { readonly answer: "undetermined" }

/** Results tried one by one when neither the proof nor a witness settles a question (the real allocation each time), over all the questions about one base. */
const exhaustiveBudget = 20_000

/** Allocations run for single precincts' own voters, over all the precincts of one base. */
const ownBudget = 500

interface Candidate {
  readonly ballots: number
  readonly x: ReadonlyArray<number>
  changed: boolean | null
}

/** Answers questions about one base for any number of voters; remembers every allocation it ran (mutates its caches). */
export interface Searcher {
  readonly answer: (voters: number) => Verdict
}

/**
 * A searcher for `question`. Witnesses are looked for first where a condition of the proof first fails along a
 * kind of ballot (one and two ballots past its bound: a tie, then a change; then 4, 8, ... past it), shared by
 * every precinct, fewest ballots first; then all `voters` ballots of each such kind (within `ownBudget`); then,
 * for small precincts, every possible result.
 */
export const searcher = (question: Question): Searcher => {
  const { base } = question
  const changes = (o: Outcome): boolean => o.key !== base.key
  const scaled = (delta: ReadonlyArray<number>, b: number): Array<number> => delta.map((d) => d * b)
  const candidates: Array<Candidate> = []
  for (const { delta, bound } of question.directions) {
    if (!Number.isFinite(bound)) continue
    // One and two ballots past the bound (a tie, then a change), then ever further: 4, 8, ... past it.
    const at = new Set<number>()
    for (let step = 1; step <= Number.MAX_SAFE_INTEGER / 2; step *= 2) at.add(Math.max(step, bound + step))
    for (const b of at) candidates.push({ ballots: b, x: scaled(delta, b), changed: null })
  }
  candidates.sort((a, b) => a.ballots - b.ballots)
  const answers = new Map<number, Verdict>()
  // Allocations run for one precinct alone (all its voters of one kind), over all precincts: past it, that step is skipped.
  let own = ownBudget
  let exhaustive = exhaustiveBudget

  const solve = (voters: number): Verdict => {
    if (voters <= question.proven) return { answer: "cannot" }
    for (const c of candidates) {
      if (c.ballots > voters) break
      c.changed ??= changes(question.outcome(c.x))
      if (c.changed) return { answer: "can", x: c.x }
    }
    for (const { delta, bound } of question.directions) {
      if (bound >= voters || own <= 0) continue
      own--
      const x = scaled(delta, voters)
      if (changes(question.outcome(x))) return { answer: "can", x }
    }
    if (question.size(voters) > exhaustive) return { answer: "undetermined" }
    let witness: ReadonlyArray<number> | null = null
    let same = true
    const end = question.enumerate(voters, exhaustive, (x) => {
      exhaustive--
      const o = question.outcome(x)
      if (changes(o)) {
        witness = [...x]
        return false
      }
      if (o.full !== base.full) same = false
      return true
    })
    if (witness !== null) return { answer: "can", x: witness }
    // Every result tried keeps the seats and status; only when the open tie is the same too is that a proof.
    return end === "complete" && same ? { answer: "cannot" } : { answer: "undetermined" }
  }

  return {
    answer: (voters) => {
      const known = answers.get(voters)
      if (known !== undefined) return known
      const verdict = solve(voters)
      answers.set(voters, verdict)
      return verdict
    }
  }
}
