/** Which precincts sensitivity asks about (SPEC §3 `sensitivity`): annulled, missing, counted only by the ASU, or with an error finding. */
import type { Election } from "../ballot/election.js"
import type { ListedPrecinct, Why } from "./sensitivity.js"

/** What a tally says about its precincts, as far as sensitivity needs it (a `TallyData` fits). */
export interface PrecinctStates {
  readonly precincts: {
    readonly annulled: ReadonlyArray<string>
    readonly missing: ReadonlyArray<string>
    readonly preliminary: ReadonlyArray<string>
  }
  readonly findings: ReadonlyArray<{ readonly severity: "error" | "warning"; readonly precinct: string | null }>
}

/** A precinct's protocol's own voters and district (the counted one; for an annulled precinct, the one it would count), or null when it has none. */
export type ProtocolOf = (precinct: string) => { readonly voters: number; readonly district: string | null } | null

/**
 * The precincts in question, in id order, each once with the first reason that applies (annulled, missing,
 * preliminary, errors); `voters` and `district` from the registry, else from the precinct's protocol (0 voters and
 * no district when there is neither: nothing is known to be cast there).
 * @example precinctsInQuestion(election, data, (id) => tally.protocolOf(id))
 */
export const precinctsInQuestion = (election: Election, states: PrecinctStates, protocolOf: ProtocolOf): Array<ListedPrecinct> => {
  const why = new Map<string, Why>()
  const mark = (ids: Iterable<string>, reason: Why) => {
    for (const id of ids) if (!why.has(id)) why.set(id, reason)
  }
  mark(states.precincts.annulled, "annulled")
  mark(states.precincts.missing, "missing")
  mark(states.precincts.preliminary, "preliminary")
  mark(
    states.findings.flatMap((f) => (f.severity === "error" && f.precinct !== null ? [f.precinct] : [])),
    "errors"
  )
  const registry = election.registry
  return [...why.keys()]
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
    .map((precinct) => {
      const entry = registry === null ? -1 : registry.interner.find(precinct)
      if (registry !== null && entry >= 0) {
        const district = registry.districtNames[registry.districtIndex[entry]] ?? ""
        return { precinct, why: why.get(precinct) as Why, voters: registry.voters[entry], district: district === "" ? null : district }
      }
      const own = protocolOf(precinct)
      return { precinct, why: why.get(precinct) as Why, voters: own?.voters ?? 0, district: own?.district ?? null }
    })
}
