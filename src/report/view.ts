/**
 * What the human-facing views (terminal table, report.html, the live page) read: a tally result in the shape
 * of SPEC §3, with the fields added later (status `incomplete`, `precincts.preliminary`, `allocation.margins`,
 * `sensitivity`) optional, and the names of the election's parties, candidates, districts and territories.
 */
import type { Election } from "../ballot/election.js"
import { grouped } from "../ballot/count-cell.js"
import type { DistrictResult, ProportionalResult } from "../allocation/types.js"
import type { Severity } from "../reconciliation/finding.js"

/** The status of a tally result (SPEC §3). */
export type ResultStatus = "final" | "blocked" | "incomplete" | "failed" | "lot-required"

/** Totals of one level: every protocol line, participants and the votes of each choice. */
export type TotalsView = Readonly<Record<string, unknown>>

/** A finding as SPEC §3 prints it; `territory` is used when the result carries it. */
export interface FindingView {
  readonly code: string
  readonly severity: Severity
  readonly precinct: string | null
  readonly territory?: string | null
  readonly file: string | null
  readonly line: number | null
  readonly message: string
  readonly expected: number | null
  readonly actual: number | null
}

/** A list's margins (SPEC §3): votes that would give it one more seat, or that it can lose before losing one. */
export interface MarginView {
  readonly party: string
  readonly gain: number | null
  readonly lose: number | null
}

/** A proportional allocation, with margins when the engine gives them. */
export type ListsAllocationView = ProportionalResult & { readonly margins?: ReadonlyArray<MarginView> }

/** A majoritarian allocation: one result per district. */
export interface DistrictsAllocationView {
  readonly status: ProportionalResult["status"]
  readonly districts: ReadonlyArray<{ readonly district: string } & DistrictResult>
}

/** A witness of SPEC §3 `sensitivity`: ballots cast in the precincts and the seats (or elected) they give. */
export interface WitnessView {
  readonly ballots: number
  readonly to: Readonly<Record<string, number>>
  readonly seats?: Readonly<Record<string, number>>
  readonly elected?: Readonly<Record<string, ReadonlyArray<string>>>
}

/** One answer of SPEC §3 `sensitivity`. */
export interface SensitivityAnswer {
  readonly answer: "cannot" | "can" | "undetermined"
  readonly voters: number
  readonly witness: WitnessView | null
}

/** SPEC §3 `sensitivity`. */
export interface SensitivityView {
  readonly precincts: ReadonlyArray<SensitivityAnswer & { readonly precinct: string; readonly why: "annulled" | "missing" | "preliminary" | "errors" }>
  readonly together: (SensitivityAnswer & { readonly precincts: number }) | null
}

/** A tally result as the views read it (SPEC §3). */
export interface ResultView {
  readonly election: string
  readonly status: ResultStatus
  readonly inputs: ReadonlyArray<{ readonly file: string; readonly sha256: string }>
  readonly precincts: {
    readonly registered: number
    readonly counted: number
    readonly annulled: ReadonlyArray<string>
    readonly missing: ReadonlyArray<string>
    readonly preliminary?: ReadonlyArray<string>
    readonly versions: ReadonlyArray<{ readonly precinct: string; readonly version: number; readonly source?: string }>
  }
  readonly totals: TotalsView
  readonly territories: ReadonlyArray<{ readonly territory: string; readonly precincts: number; readonly totals: TotalsView }>
  readonly districts?: ReadonlyArray<{ readonly district: string; readonly precincts: number; readonly totals: TotalsView }>
  readonly findings: ReadonlyArray<FindingView>
  readonly allocation: ListsAllocationView | DistrictsAllocationView
  readonly sensitivity?: SensitivityView | null
}

/** The parts of an election definition the views name things from. */
export type ElectionNames = Pick<Election, "id" | "name" | "system" | "edition" | "seats" | "parties" | "districts" | "territories" | "registry">

/** What a view renders: a result and the election it belongs to. */
export interface ReportInput {
  readonly result: ResultView
  readonly election: ElectionNames
}

/** Names for ids: the election's names, or the id itself where the election gives none. */
export interface Names {
  /** A party's or candidate's name. */
  readonly choice: (id: string) => string
  readonly territory: (id: string) => string
  readonly district: (id: string) => string
  /** The territory id of a registered precinct, or null. */
  readonly territoryOf: (precinct: string) => string | null
}

/** The names of an election's parties, candidates, districts and territories (a blank name shows the id). */
export const namesOf = (e: ElectionNames): Names => {
  const choices = new Map<string, string>()
  for (const p of e.parties) choices.set(p.id, p.name)
  for (const d of e.districts) for (const c of d.candidates) choices.set(c.id, c.name)
  const territories = new Map(e.territories.map((t) => [t.id, t.name]))
  const districts = new Map(e.districts.map((d) => [d.id, d.name]))
  const named = (m: ReadonlyMap<string, string>) => (id: string) => {
    const n = m.get(id)
    return n === undefined || n.trim() === "" ? id : n
  }
  const r = e.registry
  return {
    choice: named(choices),
    territory: named(territories),
    district: named(districts),
    territoryOf: (precinct) => {
      if (r === null) return null
      const i = r.interner.find(precinct)
      return i < 0 ? null : r.territoryNames[r.territoryIndex[i]]
    }
  }
}

/** A count with its digits grouped by threes with a space, the one grouping of every view: 14 722. */
export const count = (n: unknown): string => (typeof n === "number" ? grouped(n) : String(n ?? ""))

/**
 * `num / den` as a percentage with two decimals, rounded half up, computed exactly; "0.00" when `den` is 0.
 * @example percent(4854, 14722) // "32.97"
 */
export const percent = (num: number, den: number): string => {
  if (den <= 0) return "0.00"
  const hundredths = (BigInt(num) * 20000n + BigInt(den)) / (2n * BigInt(den))
  return `${hundredths / 100n}.${String(hundredths % 100n).padStart(2, "0")}`
}

/** A group of findings: a territory (null: the election total or an unknown territory) and its precincts. */
export interface FindingGroup {
  /** "": findings on the election total; null: precincts whose territory is not known. */
  readonly territory: string | null
  readonly precincts: ReadonlyArray<{ readonly precinct: string | null; readonly findings: ReadonlyArray<FindingView> }>
}

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0)
const errorsFirst = (a: FindingView, b: FindingView) => (a.severity === b.severity ? 0 : a.severity === "error" ? -1 : 1)

/**
 * Findings grouped by territory (the election total first, then the election's territories in order, then
 * any other, then those not known) and by precinct; errors first within a precinct, and precincts with
 * errors before those with warnings only; otherwise the result's order is kept.
 */
export const groupFindings = (findings: ReadonlyArray<FindingView>, e: ElectionNames, names: Names): ReadonlyArray<FindingGroup> => {
  const byTerritory = new Map<string | null, Map<string | null, Array<FindingView>>>()
  for (const f of findings) {
    const t = f.precinct === null ? "" : (f.territory ?? names.territoryOf(f.precinct))
    let precincts = byTerritory.get(t)
    if (precincts === undefined) byTerritory.set(t, (precincts = new Map()))
    const list = precincts.get(f.precinct)
    if (list === undefined) precincts.set(f.precinct, [f])
    else list.push(f)
  }
  const order = new Map<string, number>(e.territories.map((t, i) => [t.id, i]))
  const rank = (t: string | null) => (t === "" ? -1 : t === null ? Number.MAX_SAFE_INTEGER : (order.get(t) ?? e.territories.length))
  return [...byTerritory]
    .sort(([a], [b]) => rank(a) - rank(b) || cmp(a ?? "", b ?? ""))
    .map(([territory, precincts]) => ({
      territory,
      precincts: [...precincts]
        .map(([precinct, fs]) => ({ precinct, findings: [...fs].sort(errorsFirst) }))
        .sort((a, b) => errorsFirst(a.findings[0], b.findings[0]) || cmp(a.precinct ?? "", b.precinct ?? ""))
    }))
}

/** Whether an allocation is per district (majoritarian). */
export const isDistricts = (a: ResultView["allocation"]): a is DistrictsAllocationView => "districts" in a
