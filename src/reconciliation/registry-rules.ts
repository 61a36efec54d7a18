/** The checks of a counted protocol against the precinct registry (SPEC §4): known precinct, territory, district, voters. */
import { grouped as g } from "../ballot/count-cell.js"
import type { ProtocolLayout } from "../ballot/protocol.js"
import type { Registry } from "../ballot/registry.js"
import type { Breach } from "./finding.js"

const none: ReadonlyArray<Breach> = []

/**
 * The breaches of a protocol of the precinct named by `precinct()` (asked only for a message) naming `territory`, district index `district` (-1: proportional)
 * and `voters`, against registry entry `entry` (-1: the precinct is not registered). A clean protocol allocates nothing.
 */
export const checkRegistry = (
  precinct: () => string,
  territory: string,
  district: number,
  voters: number,
  registry: Registry,
  entry: number,
  layout: ProtocolLayout
): ReadonlyArray<Breach> => {
  // Practice: a protocol comes from a registered precinct.
  if (entry < 0) return [{ code: "unknown-precinct", expected: null, actual: null, message: `precinct "${precinct()}" is not in the registry` }]
  const registered = registry.territoryNames[registry.territoryIndex[entry]]
  const registeredDistrict = registry.districtNames[registry.districtIndex[entry]]
  const otherDistrict = district >= 0 && registeredDistrict !== layout.districts[district]
  const otherVoters = voters !== registry.voters[entry]
  if (territory === registered && !otherDistrict && !otherVoters) return none
  const out: Array<Breach> = []
  // Practice: the protocol's territory and district are the registry's.
  if (territory !== registered || otherDistrict) {
    const differs = [
      ...(territory !== registered ? [`territory "${territory}" (registry: "${registered}")`] : []),
      ...(otherDistrict ? [`district "${layout.districts[district]}" (registry: "${registeredDistrict}")`] : [])
    ]
    out.push({ code: "registry-mismatch", expected: null, actual: null, message: `the protocol names ${differs.join(" and ")}` })
  }
  // Practice: the voters line agrees with the registry.
  if (otherVoters)
    out.push({ code: "voters-mismatch", expected: registry.voters[entry], actual: voters, message: `the protocol has ${g(voters)} voters, the registry ${g(registry.voters[entry])}` })
  return out
}

/** Practice: every registered precinct sends a protocol; the breach of registered precinct `precinct` that sent none. */
export const missingPrecinct = (precinct: string): Breach => ({ code: "missing-precinct", expected: null, actual: null, message: `no protocol from registered precinct "${precinct}"` })
