/** The `--format table` views for people: totals, findings grouped by code, seats, and the status in one line. */
import { grouped } from "../ballot/count-cell.js"
import { lineFields } from "../ballot/protocol.js"
import type { Finding } from "../reconciliation/finding.js"
import type { TallyResult } from "../result/tally-result.js"

const g = (n: unknown) => (typeof n === "number" ? grouped(n) : String(n))

/** Lays out rows as aligned columns; numbers are right-aligned. */
export const columns = (rows: ReadonlyArray<ReadonlyArray<unknown>>): string => {
  const text = rows.map((r) => r.map((c) => (typeof c === "number" ? g(c) : String(c))))
  const widths = text[0].map((_, i) => Math.max(...text.map((r) => (r[i] ?? "").length)))
  return text
    .map((r) => r.map((c, i) => (typeof rows[0][i] === "number" || /^[0-9 .%]+$/.test(c) ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join("  ").trimEnd())
    .join("\n")
}

/** Findings grouped by code: how many, and the first few precincts with their file and line. */
export const findingsTable = (findings: ReadonlyArray<Finding>): string => {
  if (findings.length === 0) return "Findings: none"
  const errors = findings.filter((f) => f.severity === "error").length
  const groups = new Map<string, Array<Finding>>()
  for (const f of findings) groups.set(f.code, [...(groups.get(f.code) ?? []), f])
  const lines = [`Findings: ${errors} error${errors === 1 ? "" : "s"}, ${findings.length - errors} warning${findings.length - errors === 1 ? "" : "s"}`]
  for (const [code, fs] of [...groups].sort(([a], [b]) => (a < b ? -1 : 1))) {
    lines.push(`  ${code} (${fs[0].severity}) x${fs.length}`)
    for (const f of fs.slice(0, 5)) {
      const where = f.file !== null ? ` [${f.file}${f.line !== null ? `:${f.line}` : ""}]` : ""
      lines.push(`    ${f.precinct ?? "election total"}: ${f.message}${where}`)
    }
    if (fs.length > 5) lines.push(`    ... and ${fs.length - 5} more`)
  }
  return lines.join("\n")
}

const statusLine = (r: TallyResult): string => {
  const errors = r.findings.filter((f) => f.severity === "error").length
  switch (r.status) {
    case "final":
      return "STATUS: FINAL - no error findings; every seat is allocated."
    case "incomplete":
      return "STATUS: INCOMPLETE - not every precinct is counted by hand (missing or ASU only), or a seat is vacant: the figures and seats are provisional."
    case "blocked":
      return `STATUS: BLOCKED - ${errors} error finding${errors === 1 ? "" : "s"} must be corrected (or the precincts annulled) before the result is final.`
    case "lot-required":
      return "STATUS: LOT REQUIRED - equal claims to the last seat(s); the commission must draw lots and record them in the election's lots."
    case "failed":
      return "STATUS: FAILED - no seats can be allocated; a repeat election is needed (see the allocation's reason)."
  }
}

/** The whole tally for a person. */
export const tallyTable = (r: TallyResult, title: string): string => {
  const t = r.totals as Record<string, unknown>
  const out: Array<string> = [title, statusLine(r), ""]
  const p = r.precincts
  out.push(`Precincts: ${p.registered} registered, ${p.counted} counted, ${p.annulled.length} annulled, ${p.missing.length} missing${p.preliminary.length > 0 ? `, ${p.preliminary.length} preliminary (ASU only)` : ""}`)
  out.push("")
  out.push(columns([["line", "total"], ...lineFields.map((f) => [f, t[f]]), ["participants", t.participants]]))
  out.push("")
  out.push(columns([["territory", "precincts", "participants", "valid", "against_all"], ...r.territories.map((x) => [x.territory, x.precincts, x.totals.participants, x.totals.valid, x.totals.against_all])]))
  out.push("", findingsTable(r.findings), "")
  const a = r.allocation
  if ("parties" in a) {
    out.push(`Seats (${a.method}, ${a.seats} seats${a.threshold ? `, threshold ${a.threshold.op === "gt" ? "more than" : "at least"} ${a.threshold.percent}% of ${a.threshold.base}` : ""}): ${a.status}${a.reason ? ` (${a.reason})` : ""}`)
    out.push(columns([["party", "votes", "admitted", "seats"], ...a.parties.map((x) => [x.party, x.votes, x.admitted ? "yes" : "no", x.seats])]))
    if (a.tie) out.push(`Tie: ${a.tie.seats} seat(s) among ${a.tie.among.join(", ")}: draw lots`)
    out.push("", "How the seats were allocated:", ...a.steps.map((s) => `  ${s.text}`))
  } else {
    for (const d of a.districts) {
      out.push(`District ${d.district} (${d.seats} seat${d.seats === 1 ? "" : "s"}): ${d.status}${d.reason ? ` (${d.reason})` : ""}`)
      out.push(columns([["candidate", "gender", "votes", "elected"], ...d.candidates.map((c) => [c.candidate, c.gender ?? "", c.votes, c.elected ? "yes" : ""])]))
      if (d.women !== null) out.push(`Women's reserve: ${d.women.reserved} seat(s), ${d.women.elected} woman/women elected${d.women.unfilled > 0 ? `, ${d.women.unfilled} reserved seat(s) could not be filled` : ""}`)
      if (d.vacant > 0) out.push(`${d.vacant} seat(s) left vacant: too few candidates with votes`)
      if (d.tie) out.push(`Tie: ${d.tie.seats} seat(s) among ${d.tie.among.join(", ")}: draw lots`)
      out.push("How:", ...d.steps.map((s) => `  ${s.text}`), "")
    }
  }
  out.push("", statusLine(r))
  return out.join("\n")
}
