/** A precinct protocol's lines and choices, and how a protocols file's columns map onto them (SPEC §1.2). */
import type { Interner } from "./interner.js"

/** The protocol lines every protocol has, in the order the engine keeps them. */
export const lineFields = [
  "voters",
  "received",
  "issued_premises",
  "issued_outside",
  "cancelled",
  "spoiled",
  "found_stationary",
  "found_mobile",
  "invalid",
  "valid",
  "against_all"
] as const

/** The name of a protocol line. */
export type LineField = (typeof lineFields)[number]

/** Index of each protocol line in a row of values. */
export const L = {
  voters: 0,
  received: 1,
  issuedPremises: 2,
  issuedOutside: 3,
  cancelled: 4,
  spoiled: 5,
  foundStationary: 6,
  foundMobile: 7,
  invalid: 8,
  valid: 9,
  againstAll: 10
} as const

/** Where the choices (party or candidate votes) start in a row of values. */
export const firstChoice = lineFields.length

/** A choice cell left empty: a candidate of another district (majoritarian files only). */
export const blank = -1

/** What a protocols file holds for a given election: its choices and, for ayil keneshes, their districts. */
export interface ProtocolLayout {
  readonly system: "proportional" | "majoritarian"
  /** Party ids (proportional) or candidate ids (majoritarian), in election order. */
  readonly choices: ReadonlyArray<string>
  /** District ids (majoritarian; empty for proportional). */
  readonly districts: ReadonlyArray<string>
  readonly districtIndex: ReadonlyMap<string, number>
  /** For each choice, the index of its district (-1 for parties). */
  readonly choiceDistrict: Int32Array
  /** For each district, the indexes of its candidates among the choices. */
  readonly districtChoices: ReadonlyArray<ReadonlyArray<number>>
}

/** The layout of proportional protocols: one vote column per party. */
export const proportionalLayout = (parties: ReadonlyArray<string>): ProtocolLayout => ({
  system: "proportional",
  choices: parties,
  districts: [],
  districtIndex: new Map(),
  choiceDistrict: new Int32Array(parties.length).fill(-1),
  districtChoices: []
})

/** The layout of majoritarian protocols: one vote column per candidate of every district. */
export const majoritarianLayout = (
  districts: ReadonlyArray<{ readonly id: string; readonly candidates: ReadonlyArray<{ readonly id: string }> }>
): ProtocolLayout => {
  const choices: Array<string> = []
  const choiceDistrict: Array<number> = []
  const districtChoices = districts.map((d, di) =>
    d.candidates.map((c) => {
      choices.push(c.id)
      choiceDistrict.push(di)
      return choices.length - 1
    })
  )
  return {
    system: "majoritarian",
    choices,
    districts: districts.map((d) => d.id),
    districtIndex: new Map(districts.map((d, i) => [d.id, i])),
    choiceDistrict: Int32Array.from(choiceDistrict),
    districtChoices
  }
}

/** Who counted a protocol (SPEC §1.2): the precinct commission by hand (official), or the automatic ballot box (preliminary). */
export type ProtocolSource = "manual" | "asu"

/** One decoded protocol, as handed to a sink; readers reuse one instance, so a sink copies what it keeps. */
export interface ProtocolRow {
  /** Index of the file among the inputs. */
  file: number
  /** Line where the row starts (1-based), and its byte offset in the file. */
  line: number
  offset: number
  precinct: string
  /** The precinct's index in `precincts` (the table the reader was given); -1 when not there, -2 when the reader did not look. */
  precinctIndex: number
  /** The table `precinctIndex` refers to, or null. */
  precincts: Interner | null
  territory: string
  /** District index in the layout (majoritarian), -1 for proportional. */
  district: number
  version: number
  /** Who counted it; `manual` when the file has no `source` column. */
  source: ProtocolSource
  /** Protocol lines (`L`) then choices from `firstChoice`; `blank` for another district's candidates. */
  readonly values: Float64Array
}

/** Receives each well-formed protocol row of a file, in file order. */
export interface ProtocolSink {
  row(row: ProtocolRow): void
}
