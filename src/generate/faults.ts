/** Which precincts get a broken protocol, and which rule each one breaks (SPEC §4 codes, one per precinct). */
import type { FindingCode } from "../reconciliation/finding.js"
import type { System } from "./options.js"
import type { Random } from "./random.js"

/** A finding code of SPEC §4 that one precinct's protocol (or its absence) can produce: every one can. */
export type FaultCode = FindingCode

/** The codes a generated fault can break in an election of the given system, in round-robin order. */
export const faultCodes = (system: System): ReadonlyArray<FaultCode> => [
  "ballot-balance",
  "found-vs-sorted",
  ...(system === "proportional" ? (["valid-vs-votes"] as const) : (["marks-out-of-range", "candidate-over-ballots"] as const)),
  "found-over-issued",
  "mobile-over-issued",
  "issued-over-voters",
  "reserve-exceeded",
  "duplicate-protocol",
  "unknown-precinct",
  "registry-mismatch",
  "missing-precinct",
  "ballots-unaccounted",
  "voters-mismatch",
  "high-invalid-share"
]

/**
 * Picks round(rate * N) precincts uniformly at random in one pass (selection sampling, Knuth's Algorithm S)
 * and gives each the code used least so far among those it can break, in `faultCodes` order on equal use.
 * Mutates its counters on each call.
 */
export class FaultPicker {
  private readonly codes: ReadonlyArray<FaultCode>
  private readonly wanted: number
  private chosen = 0
  /** How many precincts break each code, in `faultCodes` order. */
  readonly counts: Int32Array

  constructor(
    system: System,
    private readonly precincts: number,
    rate: number,
    private readonly random: Random
  ) {
    this.codes = faultCodes(system)
    this.counts = new Int32Array(this.codes.length)
    this.wanted = Math.round(rate * precincts)
  }

  /** The code precinct i (0-based, asked in order) breaks, or null for a clean protocol. */
  next(i: number, possible: (code: FaultCode) => boolean): FaultCode | null {
    if (this.chosen >= this.wanted || this.random.below(this.precincts - i) >= this.wanted - this.chosen) return null
    let best = -1
    for (let c = 0; c < this.codes.length; c++) {
      if ((best < 0 || this.counts[c] < this.counts[best]) && possible(this.codes[c])) best = c
    }
    if (best < 0) return null
    this.chosen++
    this.counts[best]++
    return this.codes[best]
  }

  /** The number of precincts that break each code, for the codes that occur. */
  tally(): Record<string, number> {
    const out: Record<string, number> = {}
    this.codes.forEach((code, c) => {
      if (this.counts[c] > 0) out[code] = this.counts[c]
    })
    return out
  }
}
