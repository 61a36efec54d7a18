/** Findings: legal-but-wrong data in protocols, each with a stable code (SPEC §4), a severity and a plain message. */

/** Errors block a final result; warnings are reported and do not. */
export type Severity = "error" | "warning"

/** The stable finding codes of SPEC §4. */
export type FindingCode =
  | "ballot-balance"
  | "found-vs-sorted"
  | "valid-vs-votes"
  | "marks-out-of-range"
  | "candidate-over-ballots"
  | "found-over-issued"
  | "mobile-over-issued"
  | "issued-over-voters"
  | "reserve-exceeded"
  | "duplicate-protocol"
  | "unknown-precinct"
  | "registry-mismatch"
  | "missing-precinct"
  | "ballots-unaccounted"
  | "voters-mismatch"
  | "high-invalid-share"
  | "asu-mismatch"

/** Each code's severity and the source of the rule (DOMAIN.md). */
export const codes: Readonly<Record<FindingCode, { readonly severity: Severity; readonly source: string }>> = {
  "ballot-balance": { severity: "error", source: "ballot account of the protocol; Art. 31 part 14 (spoiled ballots replaced)" },
  "found-vs-sorted": { severity: "error", source: "protocol control relation: ballots found = ballots sorted" },
  "valid-vs-votes": { severity: "error", source: "Art. 31 part 13: one mark per ballot, for a list or against all" },
  "marks-out-of-range": { severity: "error", source: "Art. 31 part 13: no more marks than seats in the district" },
  "candidate-over-ballots": { severity: "error", source: "Art. 31 part 13: at most one mark per candidate on a ballot" },
  "found-over-issued": { severity: "error", source: "protocol control relation: no more ballots found than issued" },
  "mobile-over-issued": { severity: "error", source: "protocol control relation: mobile boxes hold only ballots issued outside" },
  "issued-over-voters": { severity: "error", source: "protocol control relation: one ballot per voter on the list" },
  "reserve-exceeded": { severity: "error", source: "Art. 30 parts 1 and 13: ballots at most 0.1% over the voters" },
  "duplicate-protocol": { severity: "error", source: "practice: one protocol per precinct and version" },
  "unknown-precinct": { severity: "error", source: "practice: a protocol comes from a registered precinct" },
  "registry-mismatch": { severity: "error", source: "practice: the protocol's territory and district are the registry's" },
  "missing-precinct": { severity: "warning", source: "practice: every registered precinct sends a protocol" },
  "ballots-unaccounted": { severity: "warning", source: "practice: ballots issued but not found (taken away)" },
  "voters-mismatch": { severity: "warning", source: "practice: the voters line agrees with the registry" },
  "high-invalid-share": { severity: "warning", source: "practice: invalid ballots over 5% of ballots found" },
  "asu-mismatch": { severity: "warning", source: "practice: the ballot box's (ASU) count agrees with the hand count (DOMAIN.md)" }
}

/** A finding as reported in JSON and CSV (SPEC §3). */
export interface Finding {
  readonly code: FindingCode
  readonly severity: Severity
  /** The precinct, or null for a finding on the election total. */
  readonly precinct: string | null
  readonly file: string | null
  readonly line: number | null
  readonly message: string
  readonly expected: number | null
  readonly actual: number | null
}

/** A rule that failed: its code, what the data should show and what it shows (or null), and in words why. */
export interface Breach {
  readonly code: FindingCode
  readonly expected: number | null
  readonly actual: number | null
  readonly message: string
}

/** The finding of a breach at a place, its severity read from `codes`. */
export const findingOf = (b: Breach, precinct: string | null, file: string | null, line: number | null): Finding => ({
  code: b.code,
  severity: codes[b.code].severity,
  precinct,
  file,
  line,
  message: b.message,
  expected: b.expected,
  actual: b.actual
})

/** Orders findings by precinct, code, file and line, so output never depends on input order. */
export const compareFindings = (a: Finding, b: Finding): number =>
  cmp(a.precinct ?? "", b.precinct ?? "") || cmp(a.code, b.code) || cmp(a.file ?? "", b.file ?? "") || (a.line ?? 0) - (b.line ?? 0) || cmp(a.message, b.message)

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0)
