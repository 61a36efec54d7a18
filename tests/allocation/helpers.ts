/** Small builders shared by the allocation tests. */
import { allocateProportional } from "../../src/allocation/proportional.js"
import type { Lot, Method, ProportionalInput, ProportionalResult } from "../../src/allocation/types.js"
import type { TieRule } from "../../src/ballot/rules.js"

/** An analyst's run (`kenesh allocate --method M`): no threshold, no against-all rule, lots by default. */
export const analystInput = (
  method: Method,
  votes: Readonly<Record<string, number>>,
  seats: number,
  options: { tie?: TieRule; lots?: ReadonlyArray<Lot> } = {}
): ProportionalInput => {
  const lists = Object.entries(votes).map(([id, v]) => ({ id, votes: v }))
  const participants = lists.reduce((sum, l) => sum + l.votes, 0)
  return {
    seats,
    lists,
    participants,
    againstAll: 0,
    invalid: 0,
    method,
    rules: { threshold: null, tie: options.tie ?? "lot", againstAll: "ignore" },
    lots: options.lots ?? []
  }
}

/** Runs an analyst's allocation. */
export const analyst = (...args: Parameters<typeof analystInput>): ProportionalResult => allocateProportional(analystInput(...args))

/** Seats per list id. */
export const seatsOf = (result: Pick<ProportionalResult, "parties">): Record<string, number> =>
  Object.fromEntries(result.parties.map((p) => [p.party, p.seats]))
