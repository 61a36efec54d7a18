/**
 * The English words of the terminal table, report.html and the live page: one table, so that a reader can
 * review every phrase of the language in one place. `ru.ts` and `ky.ts` have exactly the same keys.
 */

/** Joins words as a sentence lists them: "a", "a and b", "a, b and c". */
const list = (items: ReadonlyArray<string>): string =>
  items.length <= 1 ? (items[0] ?? "") : `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`

const s = (n: number, one: string, many: string) => (n === 1 ? one : many)

export const en = {
  /** The language's own name and its BCP 47 tag (the `lang` of the page). */
  language: "English",
  tag: "en",
  list,
  title: "Election result",
  system: { proportional: "city kenesh, party lists (proportional)", majoritarian: "ayil kenesh, districts (majoritarian)" },
  edition: (edition: string) => `law as of ${edition}`,
  seatsOfKenesh: (n: number) => `${n} ${s(n, "seat", "seats")}`,
  status: {
    final: "FINAL",
    blocked: "BLOCKED",
    incomplete: "INCOMPLETE",
    failed: "FAILED",
    "lot-required": "LOT REQUIRED"
  },
  statusWord: "Status",
  statusExplain: {
    final: "The result is final: no error findings, every precinct is in, and every seat is allocated.",
    blocked: "The result is not final: error findings must be corrected (or the precincts annulled) first. The figures and seats shown are provisional.",
    incomplete: "The result is not final: a precinct has no protocol counted by hand yet (missing, or the automatic count only), a district has no protocol, or a seat is left vacant. The figures and seats shown are provisional.",
    failed: "No seats can be allocated: a repeat election is needed.",
    "lot-required": "Equal claims to the last seat(s): the commission must draw lots and record them in the election's lots."
  },
  provisional: "provisional",
  headings: {
    precincts: "Precincts",
    summary: "Summary table",
    districts: "Districts",
    votesSeats: "Votes and seats",
    derivation: "How the seats were allocated",
    elected: "Elected deputies",
    women: "Women's reserve",
    margins: "Margins: votes that would change a list's seats",
    findings: "Findings",
    sensitivity: "Could the precincts not counted change the seats?",
    inputs: "Input files",
    signatures: "Signatures"
  },
  precincts: {
    registered: "registered",
    counted: "counted",
    annulled: "annulled",
    missing: "missing (no protocol)",
    preliminary: "preliminary (automatic count only)",
    versions: "counted from a later version",
    none: "none"
  },
  version: (precinct: string, version: number, source: string | null) =>
    `${precinct}: version ${version}${source === "asu" ? " (automatic count)" : ""}`,
  lines: {
    voters: "Voters on the list",
    received: "Ballots received",
    issued_premises: "Ballots issued in the polling station",
    issued_outside: "Ballots issued outside the premises",
    cancelled: "Unused ballots cancelled",
    spoiled: "Spoiled ballots replaced",
    found_stationary: "Ballots found in stationary boxes",
    found_mobile: "Ballots found in mobile boxes",
    invalid: "Invalid ballots",
    valid: "Valid ballots",
    against_all: "Against all",
    participants: "Voters who took part"
  },
  columns: {
    line: "Protocol line",
    total: "Total",
    territory: "Territory",
    district: "District",
    precincts: "Precincts",
    party: "Party list",
    candidate: "Candidate",
    gender: "Gender",
    votes: "Votes",
    share: "Share",
    admitted: "Admitted",
    seats: "Seats",
    seat: "Seat",
    elected: "Elected",
    whole: "Whole seats",
    remainder: "Remainder",
    claim: "Claim",
    gain: "Votes to gain a seat",
    lose: "Votes it can lose and keep its seats",
    file: "File",
    sha256: "SHA-256",
    severity: "Severity",
    finding: "Finding",
    detail: "Detail",
    where: "Where",
    reserved: "Reserved for women",
    womenElected: "Women elected",
    unfilled: "Not filled",
    precinct: "Precinct",
    why: "Why not counted",
    voters: "Voters",
    answer: "Answer"
  },
  yes: "yes",
  no: "no",
  gender: { F: "woman", M: "man" },
  votesChoice: "Votes",
  legendVotes: "share of the votes",
  legendSeats: "share of the seats",
  seatsWhole: "The seats",
  seatsOfDistrict: (n: number) => `${n} ${s(n, "seat", "seats")}`,
  reason: {
    "no-list-admitted": "no list passed the threshold",
    "against-all-exceeds-leader": "\"against all\" received more votes than the leader"
  },
  allocationStatus: {
    allocated: "allocated",
    "lot-required": "lot required",
    failed: "failed (repeat election)"
  },
  method: (method: string) => (method === "hare" ? "Hare quota, largest remainders" : method === "most-votes" ? "most votes" : method),
  threshold: (op: "gt" | "ge", percent: string, base: string, baseVotes: string, needed: string) =>
    `Threshold: ${op === "gt" ? "more than" : "at least"} ${percent}% of ${baseVotes} ${base === "valid" ? "valid ballots" : "voters who took part"} = ${needed} votes`,
  quota: (votes: string, seats: string, quota: string) =>
    `Hare quota: ${votes} votes of the admitted lists / ${seats} seats = ${quota} votes per seat`,
  wholeSeats: (whole: number, left: number) =>
    `Whole quotas give ${whole} ${s(whole, "seat", "seats")}; ${left} ${s(left, "seat", "seats")} left for the largest remainders`,
  remainderClaim: (r: string) => `remainder ${r}`,
  votesClaim: (v: string) => `${v} votes`,
  tie: (seats: number, among: ReadonlyArray<string>) => `Tie: ${seats} ${s(seats, "seat", "seats")} among ${list(among)}: the commission draws lots`,
  lot: (among: ReadonlyArray<string>, winners: ReadonlyArray<string>) => `Lots drawn among ${list(among)}: won by ${list(winners)}`,
  tieBreak: (among: ReadonlyArray<string>, winners: ReadonlyArray<string>) => `Equal claims among ${list(among)}: more votes first, ${list(winners)}`,
  reserve: (reserved: number, unfilled: number) =>
    `Seats reserved for women: ${reserved}${unfilled > 0 ? `; ${unfilled} could not be filled (too few women candidates with votes)` : ""}`,
  giveWay: (man: string, woman: string) => `${man} gives way to ${woman} (women's reserve)`,
  divisors: (ds: ReadonlyArray<string>) => `Divisors: ${ds.join(", ")}`,
  quotients: (party: string, qs: ReadonlyArray<string>) => `${party}: ${qs.join(", ")}`,
  failedStep: (reason: string) => `The election fails: ${reason}`,
  noList: (seats: number) => `${seats} ${s(seats, "seat", "seats")}; the election file gives no list of candidates`,
  nobodyElected: "nobody elected",
  vacant: (n: number) => `${n} ${s(n, "seat", "seats")} left vacant: too few candidates received votes`,
  noReserve: "No seats are reserved for women in this election.",
  womenLine: (reserved: number, elected: number, unfilled: number) =>
    `${reserved} reserved, ${elected} ${s(elected, "woman", "women")} elected${unfilled > 0 ? `, ${unfilled} reserved ${s(unfilled, "seat", "seats")} not filled` : ""}`,
  gainNone: "no number of votes",
  loseNone: "cannot lose a seat",
  severity: { error: "error", warning: "warning" },
  findingsCount: (errors: number, warnings: number) => `${errors} ${s(errors, "error", "errors")}, ${warnings} ${s(warnings, "warning", "warnings")}`,
  noFindings: "No findings: every protocol adds up.",
  electionTotal: "Election total",
  unknownTerritory: "Territory not known",
  moreFindings: (shown: number, total: number, flag: string) => `Showing ${shown} of ${total} findings; ${flag} shows them all.`,
  expectedActual: (expected: string, actual: string) => `expected ${expected}, found ${actual}`,
  /** What each finding code means (SPEC §4), in a clerk's words. */
  codes: {
    "ballot-balance": "Ballots received do not equal ballots issued, cancelled and spoiled",
    "found-vs-sorted": "Ballots found do not equal valid and invalid ballots",
    "valid-vs-votes": "Valid ballots do not equal the votes for the lists and against all",
    "marks-out-of-range": "The marks do not fit the valid ballots and the marks allowed per voter",
    "candidate-over-ballots": "A candidate has more votes than there are valid ballots",
    "found-over-issued": "More ballots found than issued",
    "mobile-over-issued": "More ballots in the mobile boxes than issued outside the premises",
    "issued-over-voters": "More ballots issued than voters on the list",
    "reserve-exceeded": "Ballots received exceed the voters by more than 0.1%",
    "duplicate-protocol": "The same protocol twice",
    "unknown-precinct": "A precinct that is not in the registry",
    "registry-mismatch": "Territory or district differs from the registry",
    "missing-precinct": "No protocol from a registered precinct",
    "ballots-unaccounted": "Fewer ballots found than issued",
    "voters-mismatch": "Voters on the list differ from the registry",
    "high-invalid-share": "Invalid ballots over 5% of the ballots found",
    "asu-mismatch": "The automatic count differs from the hand count"
  },
  why: { annulled: "annulled", missing: "missing", preliminary: "automatic count only", errors: "blocked by errors" },
  answer: {
    cannot: "A repeat vote here cannot change the seats.",
    can: "A repeat vote here can change the seats.",
    undetermined: "Not determined."
  },
  together: (precincts: number, voters: string) => `All ${precincts} ${s(precincts, "precinct", "precincts")} together (${voters} voters)`,
  witness: (ballots: string) => `For example, ${ballots} ballots cast there as follows:`,
  witnessSeats: "would give these seats:",
  witnessElected: "would elect:",
  sensitivityNone: "Every precinct is counted: nothing to ask.",
  inputsNote: "Anyone can check that these are the files counted: their SHA-256 must match.",
  signatures: ["Chair of the commission", "Secretary of the commission", "Members of the commission"],
  seeTable: "Seats",
  districtLine: (name: string, seats: number) => `${name} (${seats} ${s(seats, "seat", "seats")})`,
  outWritten: (dir: string, files: ReadonlyArray<string>) => `Written to ${dir}: ${files.join(", ")}`,
  valid: "VALID: no error findings.",
  notValid: (errors: number) => `NOT VALID: ${errors} error ${s(errors, "finding", "findings")}.`,
  precinctsLine: (registered: number, counted: number, annulled: number, missing: number, preliminary: number) =>
    `Precincts: ${registered} registered, ${counted} counted, ${annulled} annulled, ${missing} missing, ${preliminary} preliminary`,
  footer: "Made by kenesh-tally from the input files listed above; the same files always give the same report."
}

/** The shape every language's table has. */
export type Labels = typeof en
