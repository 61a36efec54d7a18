/** Seats for party lists in a city kenesh (DOMAIN.md "Seats: proportional") and the analyst methods of SPEC §2, with each list's margins. */
import { seatLists } from "./list-seats.js"
import { marginsOf } from "./margins.js"
import type { ProportionalInput, ProportionalResult } from "./types.js"

/**
 * Allocates the seats of a proportional election: threshold, the failure rules, then the method (statutory: Hare
 * quota with largest remainders), with the derivation in `steps` and every list's `margins` (SPEC §3). Ties and
 * failures are results, never exceptions.
 * @example allocateProportional({ seats: 31, lists, participants: 14722, againstAll: 152, invalid: 143, rules: editions["2011"] })
 */
export const allocateProportional = (input: ProportionalInput): ProportionalResult => {
  const result = seatLists(input, true)
  return { ...result, margins: marginsOf(input, result) }
}
