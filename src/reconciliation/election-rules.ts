/** The checks on the election's total (SPEC §4): the ballot reserve of Art. 30 over the whole election. */
import { grouped as g } from "../ballot/count-cell.js"
import { L } from "../ballot/protocol.js"
import type { Breach } from "./finding.js"
import { reserveLimit } from "./protocol-rules.js"

/** Whether the reserve holds for totals of any size, in BigInt: 1000 * received <= 1001 * voters. */
export const reserveHolds = (received: number, voters: number): boolean => 1000n * BigInt(received) <= 1001n * BigInt(voters)

/** Art. 30 parts 1 and 13: the ballots of the whole election at most 0.1% over its voters; the breach, or null. */
export const checkElectionTotal = (totals: Float64Array): Breach | null => {
  const received = totals[L.received]
  const voters = totals[L.voters]
  if (reserveHolds(received, voters)) return null
  const allowed = reserveLimit(voters)
  return { code: "reserve-exceeded", expected: allowed, actual: received, message: `the election received ${g(received)} ballots for ${g(voters)} voters; the 0.1% reserve allows at most ${g(allowed)}` }
}
