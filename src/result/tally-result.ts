/**
 * Result assembly: turns a tally into the whole result of `kenesh tally` (SPEC §3): totals at every level,
 * findings, the seats and the status. The views in src/report only render what this gives.
 */
import type { Election } from "../ballot/election.js"
import { allocateDistrict } from "../allocation/majoritarian.js"
import { allocateProportional } from "../allocation/proportional.js"
import type { DistrictResult, ProportionalResult } from "../allocation/types.js"
import type { Finding } from "../reconciliation/finding.js"
import { precinctsInQuestion } from "../sensitivity/in-question.js"
import { districtInput, listsInput, sensitivity, type Sensitivity } from "../sensitivity/sensitivity.js"
import type { Tally, TallyData } from "../tally/tally.js"
import { totalsJson, type Totals } from "../tally/totals.js"

/** An input file and its SHA-256, so a reader can tell exactly which files were counted. */
export interface InputRef {
  readonly file: string
  readonly sha256: string
}

/** `final`: no errors, every precinct in and every seat assigned; otherwise the first thing that stands in the way (SPEC §3). */
export type TallyStatus = "final" | "blocked" | "incomplete" | "failed" | "lot-required"

/** A majoritarian district's allocation as `tally` prints it. */
export type DistrictAllocation = { readonly district: string } & DistrictResult

/** The result of `kenesh tally`. */
export interface TallyResult {
  readonly election: string
  readonly status: TallyStatus
  readonly inputs: ReadonlyArray<InputRef>
  readonly precincts: TallyData["precincts"]
  readonly totals: Record<string, unknown>
  readonly territories: ReadonlyArray<{ territory: string; precincts: number; totals: Record<string, unknown> }>
  readonly districts?: ReadonlyArray<{ district: string; precincts: number; totals: Record<string, unknown> }>
  readonly findings: ReadonlyArray<Finding>
  readonly allocation: ProportionalResult | { readonly status: ProportionalResult["status"]; readonly districts: ReadonlyArray<DistrictAllocation> }
  /** Could the precincts annulled, missing, counted only by the ASU or with error findings change the seats (null: none is). */
  readonly sensitivity: Sensitivity | null
}

/** Seats for a proportional election from its totals: the statutory rules of its edition (DOMAIN.md). */
const allocateLists = (election: Election, data: TallyData): ProportionalResult => allocateProportional(listsInput(election, data.totals))

/** Seats for each district of a majoritarian election: most votes, with the edition's reserve and failure rules. */
const allocateDistricts = (election: Election, data: TallyData): ReadonlyArray<DistrictAllocation> =>
  election.districts.map((d, di) => ({ district: d.id, ...allocateDistrict(districtInput(election, di, data.districts[di].totals)) }))

/** The status of a set of allocations: failed over lot-required over allocated. */
const combinedStatus = (statuses: ReadonlyArray<ProportionalResult["status"]>): ProportionalResult["status"] =>
  statuses.includes("failed") ? "failed" : statuses.includes("lot-required") ? "lot-required" : "allocated"

/**
 * Whether the figures are provisional (SPEC §3 `incomplete`): a registered precinct neither counted nor annulled,
 * a precinct counted only by its ASU protocol, a majoritarian district without any protocol, nothing counted at
 * all, or a seat left vacant (never `final` with a vacant seat).
 */
const incomplete = (data: TallyData, allocation: TallyResult["allocation"]): boolean =>
  data.precincts.missing.length > 0 ||
  data.precincts.preliminary.length > 0 ||
  data.precincts.counted === 0 ||
  data.districts.some((d) => d.totals.precincts === 0) ||
  ("districts" in allocation && allocation.districts.some((d) => d.vacant > 0))

/** The status, the first that applies: blocked > incomplete > failed > lot-required > final (SPEC §3). */
const statusOf = (data: TallyData, allocation: TallyResult["allocation"]): TallyStatus => {
  if (data.findings.some((f) => f.severity === "error")) return "blocked"
  if (incomplete(data, allocation)) return "incomplete"
  return allocation.status === "allocated" ? "final" : allocation.status
}

/** Builds the tally result from the tally's state (`data`, i.e. `tally.data()`); the tally itself answers sensitivity (SPEC §3). */
export const tallyResult = (election: Election, inputs: ReadonlyArray<InputRef>, data: TallyData, tally: Tally): TallyResult => {
  const { layout } = election
  const listed = precinctsInQuestion(election, data, (id) => tally.protocolOf(id))
  let allocation: TallyResult["allocation"]
  if (election.system === "proportional") allocation = allocateLists(election, data)
  else {
    const districts = allocateDistricts(election, data)
    allocation = { status: combinedStatus(districts.map((d) => d.status)), districts }
  }
  const status = statusOf(data, allocation)
  return {
    election: election.id,
    status,
    inputs,
    precincts: data.precincts,
    totals: totalsJson(data.totals, layout),
    territories: data.territories.map((t) => ({ territory: t.id, precincts: t.totals.precincts, totals: totalsJson(t.totals, layout) })),
    ...(election.system === "majoritarian"
      ? {
          districts: data.districts.map((d, i) => ({
            district: d.id,
            precincts: d.totals.precincts,
            totals: totalsJson(d.totals, layout, layout.districtChoices[i])
          }))
        }
      : {}),
    findings: data.findings,
    allocation,
    sensitivity: sensitivity(election, baseTotalsWithout(tally, listed.map((p) => p.precinct)), listed)
  }
}

/**
 * The base of a sensitivity question: the election and district totals with the counted protocols of
 * `precincts` taken out (annulled or unknown ids take nothing out).
 */
export const baseTotalsWithout = (
  tally: Tally,
  precincts: ReadonlyArray<string>
): { readonly totals: Totals; readonly districts: ReadonlyArray<{ readonly id: string; readonly totals: Totals }> } => tally.totalsWithout(precincts)
