/** The plain data that goes into an allocation and the result that comes out (SPEC §3). */
import type { Threshold, TieRule, WomenReserve } from "../ballot/rules.js"
import type { Step } from "./steps.js"

/** Largest-remainder methods: `hare` (statutory, DOMAIN.md "Seats: proportional" 2) and `droop`. */
export type QuotaMethod = "hare" | "droop"

/** Highest-averages (divisor) methods that analysts compare with the statutory one. */
export type DivisorMethod =
  | "dhondt"
  | "sainte-lague"
  | "modified-sainte-lague"
  | "imperiali"
  | "huntington-hill"
  | "adams"
  | "dean"

/** Every proportional method `kenesh allocate --method` accepts (SPEC §2). */
export type Method = QuotaMethod | DivisorMethod

/** The methods in the order SPEC §2 lists them. */
export const methods: ReadonlyArray<Method> = [
  "hare",
  "droop",
  "dhondt",
  "sainte-lague",
  "modified-sainte-lague",
  "imperiali",
  "huntington-hill",
  "adams",
  "dean"
]

/** The most seats an allocation can have (SPEC §2 `--seats`, `seats` in election.json): defined with the rules. */
export { maxSeats } from "../ballot/rules.js"

/** A recorded drawing of lots: who took part (optional on the command line, `--lot ID,...`) and who won. */
export interface Lot {
  readonly among?: ReadonlyArray<string>
  readonly winners: ReadonlyArray<string>
}

/** A drawing of lots as the result records it: every participant and the winners, in input order. */
export interface SettledLot {
  readonly among: ReadonlyArray<string>
  readonly winners: ReadonlyArray<string>
}

/** Equal claims to the last seat(s): `seats` seats among the `among` lists or candidates. */
export interface Tie {
  readonly among: ReadonlyArray<string>
  readonly seats: number
}

/** Whether the seats are all assigned, wait for a drawing of lots, or cannot be assigned (repeat election). */
export type Status = "allocated" | "lot-required" | "failed"

/** Why an election or district failed: no list passed the threshold, or "against all" beat the leader. */
export type FailReason = "no-list-admitted" | "against-all-exceeds-leader"

/** The rules a proportional allocation needs; an edition's `Rules` fits as is (SPEC §2: analysts may drop the threshold). */
export interface ProportionalRules {
  readonly threshold: Threshold | null
  readonly tie: TieRule
  readonly againstAll: "fail" | "ignore"
}

/** One party list's total: its id, its votes and, optionally, its candidates in list order. */
export interface ListVotes {
  readonly id: string
  readonly votes: number
  readonly candidates?: ReadonlyArray<string>
}

/** Everything a proportional allocation depends on; counts are non-negative safe integers. */
export interface ProportionalInput {
  readonly seats: number
  readonly lists: ReadonlyArray<ListVotes>
  /** Voters who took part (ballots issued): the threshold base under `base: "participants"`. */
  readonly participants: number
  readonly againstAll: number
  readonly invalid: number
  readonly rules: ProportionalRules
  /** Default `hare`, the statutory method. */
  readonly method?: Method
  readonly lots?: ReadonlyArray<Lot>
}

/** One list's line in the result (SPEC §3 `parties[]`). */
export interface PartyResult {
  readonly party: string
  readonly votes: number
  readonly admitted: boolean
  /** Certain seats only when the result is `lot-required`. */
  readonly seats: number
  /** The first `seats` names of the list, when the list was given. */
  readonly elected: ReadonlyArray<string>
}

/**
 * How far one list is from another seat count (SPEC §3 `margins[]`): the fewest votes it alone must gain to hold
 * more certain seats, and the fewest it alone must lose to hold fewer; null when no number of votes does it.
 */
export interface Margin {
  readonly party: string
  readonly gain: number | null
  readonly lose: number | null
}

/** A proportional allocation without its margins: what one run of a method decides. */
export interface ListSeats {
  readonly status: Status
  readonly reason: FailReason | null
  readonly method: Method
  readonly seats: number
  readonly base: number
  readonly threshold: Threshold | null
  readonly parties: ReadonlyArray<PartyResult>
  readonly tie: Tie | null
  readonly lots: ReadonlyArray<SettledLot>
  readonly steps: ReadonlyArray<Step>
}

/** A proportional allocation, with fields in SPEC §3 order so that it serialises exactly. */
export interface ProportionalResult extends ListSeats {
  readonly margins: ReadonlyArray<Margin>
}

/** A candidate's gender as the election defines it; null where the results file does not say. */
export type Gender = "F" | "M"

/** One candidate's total in a majoritarian district. */
export interface CandidateVotes {
  readonly id: string
  readonly votes: number
  readonly gender?: Gender | null
}

/** The rules a majoritarian district needs; an edition's `Rules` fits as is. Equal votes can only go to lots, so the tie rule does not apply. */
export interface DistrictRules {
  readonly againstAll: "fail" | "ignore"
  readonly womenReserve: WomenReserve | null
}

/** Everything a majoritarian district's allocation depends on. */
export interface DistrictInput {
  readonly seats: number
  readonly candidates: ReadonlyArray<CandidateVotes>
  readonly againstAll: number
  readonly rules: DistrictRules
  /** Seats reserved for women, overriding the edition's reserve (`reservedForWomen`, `--reserved-for-women`). */
  readonly reservedForWomen?: number | null
  readonly lots?: ReadonlyArray<Lot>
}

/** One candidate's line in a district result (SPEC §3 `candidates[]`). */
export interface CandidateResult {
  readonly candidate: string
  readonly votes: number
  readonly gender: Gender | null
  /** Certain winners only when the result is `lot-required`. */
  readonly elected: boolean
}

/** The women's reserve in a district: seats reserved, women elected, and reserved seats no woman could fill. */
export interface WomenReserveResult {
  readonly reserved: number
  readonly elected: number
  readonly unfilled: number
}

/** A majoritarian district's allocation: SPEC §3 with `candidates` instead of `parties`. */
export interface DistrictResult {
  readonly status: Status
  readonly reason: FailReason | null
  readonly method: "most-votes"
  readonly seats: number
  readonly candidates: ReadonlyArray<CandidateResult>
  /** Null where no seat is reserved (edition 2011, single-seat districts). */
  readonly women: WomenReserveResult | null
  /** Seats left empty because fewer candidates than seats received votes. */
  readonly vacant: number
  readonly tie: Tie | null
  readonly lots: ReadonlyArray<SettledLot>
  readonly steps: ReadonlyArray<Step>
}
