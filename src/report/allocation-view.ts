/** `kenesh allocate`'s views: one allocation, or methods side by side (SPEC §3.1), as a terminal table or CSV. */
import { stringify } from "csv-stringify/sync"
import type { Comparison } from "../allocation/compare.js"
import { stepsTable } from "../allocation/steps.js"
import type { DistrictResult, ProportionalResult } from "../allocation/types.js"
import { columns } from "./table.js"

/** A margin in the table: votes, or a dash where no count of votes does it. */
const marginCell = (votes: number | null): string => (votes === null ? "-" : String(votes))

/** The status of one allocation in one line. */
const statusLine = (result: ProportionalResult | DistrictResult): string =>
  result.status === "allocated"
    ? "STATUS: ALLOCATED"
    : result.status === "lot-required"
      ? "STATUS: LOT REQUIRED - equal claims to the last seat(s); the seats shown are the certain ones."
      : `STATUS: FAILED (${result.reason}) - a repeat election is needed.`

/**
 * The table view of one allocation: the seats (with each list's margins), the tie if any, the derivation step by
 * step and the status in one line.
 * @example allocationTable(result, "r.csv: 31 seats, statutory rules of edition 2011")
 */
export const allocationTable = (result: ProportionalResult | DistrictResult, title: string): string => {
  const out = [title, ""]
  if ("parties" in result) {
    out.push(
      columns([
        ["party", "votes", "admitted", "seats", "votes to gain a seat", "votes to lose one", "elected"],
        ...result.parties.map((p, i) => [p.party, p.votes, p.admitted ? "yes" : "no", p.seats, marginCell(result.margins[i].gain), marginCell(result.margins[i].lose), p.elected.join(", ")])
      ])
    )
  } else {
    out.push(columns([["candidate", "gender", "votes", "elected"], ...result.candidates.map((c) => [c.candidate, c.gender ?? "", c.votes, c.elected ? "yes" : ""])]))
    if (result.women !== null) out.push("", `Reserved for women: ${result.women.reserved}; women elected: ${result.women.elected}${result.women.unfilled > 0 ? `; NOT FILLED: ${result.women.unfilled}` : ""}`)
    if (result.vacant > 0) out.push(`Seats left empty: ${result.vacant}`)
  }
  if (result.tie !== null) out.push("", `Tie: ${result.tie.seats} seat${result.tie.seats === 1 ? "" : "s"} among ${result.tie.among.join(", ")}: draw lots, then run again with --lot WINNER,...`)
  for (const lot of result.lots) out.push(`Lot drawn among ${lot.among.join(", ")}: ${lot.winners.join(", ")}`)
  out.push("", "How the seats were allocated:", columns(stepsTable(result.steps)), "", statusLine(result))
  return out.join("\n")
}

/**
 * The CSV view of one allocation: one row per list (with its margins, empty where there is none) or per candidate.
 * @example allocationCsv(result) // "party,votes,admitted,seats,gain,lose,elected\nsdpk,4854,true,12,211,183,\n..."
 */
export const allocationCsv = (result: ProportionalResult | DistrictResult): string =>
  "parties" in result
    ? stringify([
        ["party", "votes", "admitted", "seats", "gain", "lose", "elected"],
        ...result.parties.map((p, i) => [p.party, p.votes, String(p.admitted), p.seats, result.margins[i]?.gain ?? "", result.margins[i]?.lose ?? "", p.elected.join("; ")])
      ])
    : stringify([["candidate", "gender", "votes", "elected"], ...result.candidates.map((c) => [c.candidate, c.gender ?? "", c.votes, String(c.elected)])])

/** The rows shared by the table and CSV of a comparison: a header, one row per list, then status and the two indices. */
const comparisonRows = (comparison: Comparison, labels: { status: string; gallagher: string; loosemoreHanby: string }): Array<Array<string | number>> => [
  ["party", "votes", "share", ...comparison.methods.map((m) => m.method)],
  ...comparison.lists.map((l, i) => [l.party, l.votes, l.share, ...comparison.methods.map((m) => m.allocation.parties[i].seats)]),
  [labels.status, "", "", ...comparison.methods.map((m) => m.status)],
  [labels.gallagher, "", "", ...comparison.methods.map((m) => m.gallagher)],
  [labels.loosemoreHanby, "", "", ...comparison.methods.map((m) => m.loosemoreHanby)]
]

/**
 * The table view of `--compare`: one column per method, one row per list (its certain seats), then each method's
 * status and its Gallagher and Loosemore-Hanby indices, and the tie of every method that has one.
 * @example comparisonTable(comparison, "r.csv: 45 seats, 9 methods side by side")
 */
export const comparisonTable = (comparison: Comparison, title: string): string => {
  const out = [title, "", columns(comparisonRows(comparison, { status: "status", gallagher: "Gallagher index", loosemoreHanby: "Loosemore-Hanby index" }))]
  const ties = comparison.methods.filter((m) => m.allocation.tie !== null)
  if (ties.length > 0) out.push("")
  for (const m of ties) out.push(`${m.method}: ${m.allocation.tie!.seats} seat(s) tied among ${m.allocation.tie!.among.join(", ")}; the seats shown are the certain ones`)
  out.push("", "Shares are of the sum of the rows; the indices are in percentage points over every row. --format json has each method's full allocation.")
  return out.join("\n")
}

/**
 * The CSV view of `--compare`: the table's rows; the status and index rows have their label in brackets in the
 * party column and empty votes and share, so that no party id can be mistaken for them.
 * @example comparisonCsv(comparison) // "party,votes,share,hare,dhondt\na,41200,0.2871,13,14\n...\n[status],,,allocated,allocated\n..."
 */
export const comparisonCsv = (comparison: Comparison): string =>
  stringify(comparisonRows(comparison, { status: "[status]", gallagher: "[gallagher]", loosemoreHanby: "[loosemoreHanby]" }))
