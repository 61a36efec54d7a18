/**
 * The truth by brute force, written apart from the engine: every result a precinct of `voters` voters can have,
 * ballot by ballot (each ballot one of the kinds a voter may cast), run through the real allocation.
 */
import { allocateDistrict } from "../../src/allocation/majoritarian.js"
import { allocateProportional } from "../../src/allocation/proportional.js"
import type { DistrictInput, DistrictResult, ProportionalInput, ProportionalResult } from "../../src/allocation/types.js"

/** Status and seats per list, as sensitivity compares them. */
export const listsKey = (r: ProportionalResult): string => `${r.status}|${r.parties.map((p) => p.seats).join(",")}`

/** Status and who is elected, as sensitivity compares them. */
export const districtKey = (r: DistrictResult): string => `${r.status}|${r.candidates.map((c) => (c.elected ? 1 : 0)).join("")}`

/** Calls `visit` with the added votes of every multiset of at most `voters` ballots of the given kinds. */
const everyResult = (kinds: ReadonlyArray<ReadonlyArray<number>>, width: number, voters: number, visit: (added: ReadonlyArray<number>, ballots: number) => boolean): void => {
  const added = new Array<number>(width).fill(0)
  const walk = (k: number, left: number, ballots: number): boolean => {
    if (k === kinds.length) return visit(added, ballots)
    for (let b = 0; b <= left; b++) {
      if (!walk(k + 1, left - b, ballots + b)) return false
      kinds[k].forEach((d, i) => (added[i] += d))
    }
    kinds[k].forEach((d, i) => (added[i] -= d * (left + 1)))
    return true
  }
  walk(0, voters, 0)
}

/** A proportional base with `added` (votes per list, against all, invalid) cast by `ballots` more participants, built by hand. */
export const listsWith = (input: ProportionalInput, added: ReadonlyArray<number>, ballots: number): ProportionalInput => {
  const n = input.lists.length
  return {
    ...input,
    lists: input.lists.map((l, i) => ({ ...l, votes: l.votes + added[i] })),
    participants: input.participants + ballots,
    againstAll: input.againstAll + added[n],
    invalid: input.invalid + added[n + 1]
  }
}

/** A district with `added` (votes per candidate, then against all). */
export const districtWith = (input: DistrictInput, added: ReadonlyArray<number>): DistrictInput => ({
  ...input,
  candidates: input.candidates.map((c, i) => ({ ...c, votes: c.votes + added[i] })),
  againstAll: input.againstAll + added[input.candidates.length]
})

/** A result of the precinct that changes status or seats, or null when none does. */
export const listsChange = (input: ProportionalInput, voters: number): ReadonlyArray<number> | null => {
  const n = input.lists.length
  const base = listsKey(allocateProportional(input))
  const kinds = Array.from({ length: n + 2 }, (_, k) => Array.from({ length: n + 2 }, (_, i) => (i === k ? 1 : 0)))
  let found: ReadonlyArray<number> | null = null
  everyResult(kinds, n + 2, voters, (added, ballots) => {
    if (listsKey(allocateProportional(listsWith(input, added, ballots))) === base) return true
    found = [...added]
    return false
  })
  return found
}

/** Every ballot a voter may cast in a district: against all, invalid (nothing added), or 1 to `marks` distinct candidates. */
const districtKinds = (m: number, marks: number): Array<Array<number>> => {
  const kinds: Array<Array<number>> = [[...new Array<number>(m).fill(0), 1], new Array<number>(m + 1).fill(0)]
  for (let mask = 1; mask < 1 << m; mask++) {
    const set = Array.from({ length: m }, (_, i): number => ((mask >> i) & 1 ? 1 : 0))
    if (set.reduce((a, b) => a + b, 0) <= marks) kinds.push([...set, 0])
  }
  return kinds
}

/** A result of the precinct that changes the district's status or elected, or null when none does. */
export const districtChange = (input: DistrictInput, marks: number, voters: number): ReadonlyArray<number> | null => {
  const m = input.candidates.length
  const base = districtKey(allocateDistrict(input))
  let found: ReadonlyArray<number> | null = null
  everyResult(districtKinds(m, marks), m + 1, voters, (added) => {
    if (districtKey(allocateDistrict(districtWith(input, added))) === base) return true
    found = [...added]
    return false
  })
  return found
}

/** Whether votes `added` can be cast with at most `voters` ballots of at most `marks` distinct candidates each (or against all). */
export const castable = (added: ReadonlyArray<number>, marks: number, voters: number): boolean => {
  const m = added.length - 1
  const against = added[m]
  const votes = added.slice(0, m)
  const rest = voters - against
  return rest >= 0 && votes.every((v) => v >= 0 && v <= rest) && votes.reduce((a, b) => a + b, 0) <= marks * rest
}
