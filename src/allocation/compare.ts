/** Methods side by side (SPEC §3.1): the same totals allocated by each method, with vote and seat shares and two disproportionality indices. */
import { halfUpText, sqrtHalfUpText } from "./figures.js"
import { allocateProportional } from "./proportional.js"
import type { Method, ProportionalInput, ProportionalResult, Status } from "./types.js"

/** A list's votes and its share of the sum of the rows, 4 decimals (SPEC §3.1 `lists[]`). */
export interface ListShare {
  readonly party: string
  readonly votes: number
  readonly share: string
}

/** One method's column (SPEC §3.1 `methods[]`): seats per list (certain seats when a lot is required), the indices and the full allocation. */
export interface MethodColumn {
  readonly method: Method
  readonly status: Status
  readonly seats: Readonly<Record<string, number>>
  readonly gallagher: string
  readonly loosemoreHanby: string
  readonly allocation: ProportionalResult
}

/** The comparison as `kenesh allocate --compare` prints it in JSON (SPEC §3.1). */
export interface Comparison {
  readonly seats: number
  readonly lists: ReadonlyArray<ListShare>
  readonly methods: ReadonlyArray<MethodColumn>
}

/**
 * Each list's vote share minus its seat share, both over one denominator `votes * seats` (in units of 1/den):
 * v_i * S - s_i * V. With no votes at all, the vote shares are taken as 0 and the denominator is the seats.
 */
const gaps = (votes: ReadonlyArray<bigint>, seats: ReadonlyArray<bigint>, council: bigint): { gaps: Array<bigint>; den: bigint } => {
  const total = votes.reduce((a, b) => a + b, 0n)
  if (total === 0n) return { gaps: seats.map((s) => -s), den: council }
  return { gaps: votes.map((v, i) => v * council - seats[i] * total), den: total * council }
}

/**
 * The Gallagher index (least squares), sqrt(1/2 * sum (v% - s%)^2), in percentage points over every row, 2 decimals
 * rounded half up: 1/2 * sum (100 g_i / den)^2 = 5000 * sum g_i^2 / den^2, its root taken exactly.
 * @example gallagher([1n, 1n], [2n, 0n], 2n) // "50.00"
 */
export const gallagher = (votes: ReadonlyArray<bigint>, seats: ReadonlyArray<bigint>, council: bigint): string => {
  const { gaps: g, den } = gaps(votes, seats, council)
  return sqrtHalfUpText(5000n * g.reduce((sum, x) => sum + x * x, 0n), den * den, 2)
}

/**
 * The Loosemore-Hanby index, 1/2 * sum |v% - s%|, in percentage points over every row, 2 decimals rounded half up.
 * @example loosemoreHanby([1n, 1n], [2n, 0n], 2n) // "50.00"
 */
export const loosemoreHanby = (votes: ReadonlyArray<bigint>, seats: ReadonlyArray<bigint>, council: bigint): string => {
  const { gaps: g, den } = gaps(votes, seats, council)
  return halfUpText(50n * g.reduce((sum, x) => sum + (x < 0n ? -x : x), 0n), den, 2)
}

/**
 * Allocates the same input with every method in `which` (SPEC §3.1); the threshold and rules of the input apply to
 * each, and each column holds exactly what a single run with that method gives.
 * @example compareMethods(input, ["hare", "dhondt"]).methods.map((m) => m.seats["sdpk"]) // [12, 13]
 */
export const compareMethods = (input: ProportionalInput, which: ReadonlyArray<Method>): Comparison => {
  const votes = input.lists.map((l) => BigInt(l.votes))
  const total = votes.reduce((a, b) => a + b, 0n)
  const council = BigInt(input.seats)
  return {
    seats: input.seats,
    lists: input.lists.map((l, i) => ({ party: l.id, votes: l.votes, share: total === 0n ? halfUpText(0n, 1n, 4) : halfUpText(votes[i], total, 4) })),
    methods: which.map((method) => {
      const allocation = allocateProportional({ ...input, method })
      const won = allocation.parties.map((p) => BigInt(p.seats))
      const seats: Record<string, number> = Object.create(null)
      for (const p of allocation.parties) seats[p.party] = p.seats
      return {
        method,
        status: allocation.status,
        seats,
        gallagher: gallagher(votes, won, council),
        loosemoreHanby: loosemoreHanby(votes, won, council),
        allocation
      }
    })
  }
}
