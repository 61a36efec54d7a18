/** The parameters of the law that decide seats, by edition of the Law "On elections of deputies of local keneshes". */

/** Which text of the law applies: 2011 (No. 98 of 14 July 2011 as amended to 2021) or 2024 (elections from 17 Nov 2024). */
export type Edition = "2011" | "2024"

/** Comparison of a list's share with the threshold: `gt` "more than", `ge` "not less than". */
export type ThresholdOp = "gt" | "ge"

/** What the threshold percent is taken of: voters who took part (ballots issued) or valid ballots. */
export type ThresholdBase = "participants" | "valid"

/** How equal claims to the last seat(s) are settled: drawing of lots, or more votes first (then lots). */
export type TieRule = "lot" | "votes"

/** The threshold a list must pass to take part in the distribution of seats. */
export interface Threshold {
  /** Decimal percent as written by a person, e.g. "7" or "0.5"; compared exactly, never as a float. */
  readonly percent: string
  readonly op: ThresholdOp
  readonly base: ThresholdBase
}

/** The women's reserve in multi-seat majoritarian districts (edition 2024, ayil keneshes). */
export interface WomenReserve {
  /** Decimal percent of the district's seats, rounded up: "30" gives ceil(0.3 * seats). */
  readonly percent: string
  /** Districts with fewer seats than this reserve none (a single-seat district is not women-only). */
  readonly minSeats: number
}

/** Every rule parameter that differs by edition or that a commission may override in `election.json`. */
export interface Rules {
  /** Proportional threshold (Art. 2011: more than 7%; 2024: 5% and more), on participants. */
  readonly threshold: Threshold
  /** Equal remainders or equal votes for the last seat(s): lot (default) or votes. */
  readonly tie: TieRule
  /** Marks a voter may make on a majoritarian ballot (Art. 31 part 13): "seats" means the district's seat count. */
  readonly marksPerVoter: number | "seats"
  /** "fail": the election (or district) fails when "against all" exceeds the leader (by analogy with national law, Art. 37). */
  readonly againstAll: "fail" | "ignore"
  /** The women's reserve, or null where the edition has none. */
  readonly womenReserve: WomenReserve | null
  /** How far, as a decimal percent of the manual figure, an ASU count may differ on a line before `asu-mismatch` ("0": any difference). */
  readonly asuTolerance: string
}

/** The rules of each edition as DOMAIN.md states them. */
export const editions: Readonly<Record<Edition, Rules>> = {
  "2011": {
    threshold: { percent: "7", op: "gt", base: "participants" },
    tie: "lot",
    marksPerVoter: "seats",
    againstAll: "fail",
    womenReserve: null,
    asuTolerance: "0"
  },
  "2024": {
    threshold: { percent: "5", op: "ge", base: "participants" },
    tie: "lot",
    marksPerVoter: "seats",
    againstAll: "fail",
    womenReserve: { percent: "30", minSeats: 2 },
    asuTolerance: "0"
  }
}

/**
 * The most seats a kenesh or one of its districts can be given (`seats` in election.json, `--seats`): far above any
 * council (Bishkek city kenesh has 45 seats, the largest parliament in the world about 3,000), and low enough that
 * every method answers at once.
 */
export const maxSeats = 1000

/** The default edition when `election.json` names none. */
export const defaultEdition: Edition = "2024"
