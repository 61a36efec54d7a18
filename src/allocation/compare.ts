/** Methods side by side: the seats each method gives the same results, for analysts. */
import { allocateProportional } from "./proportional.js"
import { methods, type Method, type ProportionalInput, type Status } from "./types.js"

/** One method's outcome in a comparison: its status and the seats per list (certain seats when a lot is required). */
export interface MethodColumn {
  readonly method: Method
  readonly status: Status
  readonly seats: Readonly<Record<string, number>>
}

/**
 * Allocates the same input with every method in `which` (all of SPEC §2 by default); the threshold and rules of the
 * input apply to each.
 * @example compareMethods(input).map((c) => c.seats["sdpk"]) // [12, 12, 13, ...]
 */
export const compareMethods = (input: ProportionalInput, which: ReadonlyArray<Method> = methods): Array<MethodColumn> =>
  which.map((method) => {
    const result = allocateProportional({ ...input, method })
    return { method, status: result.status, seats: Object.fromEntries(result.parties.map((p) => [p.party, p.seats])) }
  })

/**
 * The comparison as table rows: a header of method names, then one row per list, then a row of statuses.
 * @example methodTable(input) // [["list", "hare", "droop", ...], ["sdpk", "12", "12", ...], ..., ["status", "allocated", ...]]
 */
export const methodTable = (input: ProportionalInput, which: ReadonlyArray<Method> = methods): Array<Array<string>> => {
  const columns = compareMethods(input, which)
  return [
    ["list", ...which],
    ...input.lists.map((l) => [l.id, ...columns.map((c) => String(c.seats[l.id]))]),
    ["status", ...columns.map((c) => c.status)]
  ]
}
