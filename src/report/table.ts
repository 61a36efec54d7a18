/**
 * The `--format table` views for people, in the language asked for: the status in words, precincts, totals,
 * district totals, findings grouped by territory then precinct (errors first), the seats with names, the elected
 * deputies and the derivation. Digits are grouped one way only, by threes with a space.
 */
import { lineFields } from "../ballot/protocol.js"
import { codeText, labelsFor, type Labels, type Lang } from "./language.js"
import { stepText } from "./step-text.js"
import { count, groupFindings, isDistricts, namesOf, type ElectionNames, type FindingView, type Names, type ReportInput, type ResultView } from "./view.js"

/**
 * Text safe for a terminal: control characters from ids, names or messages (an escape sequence could recolour
 * or rewrite the screen) are shown as their code, like `\u{1b}`; line ends are kept.
 */
export const terminalSafe = (text: string): string =>
  text.replace(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/g, (c) => `\\u{${c.charCodeAt(0).toString(16)}}`)

/** Lays out rows as aligned columns; numbers are right-aligned. */
export const columns = (rows: ReadonlyArray<ReadonlyArray<unknown>>): string => {
  const text = rows.map((r) => r.map((c) => (typeof c === "number" ? count(c) : String(c))))
  const widths = text[0].map((_, i) => Math.max(...text.map((r) => (r[i] ?? "").length)))
  return text
    .map((r) => r.map((c, i) => (typeof rows[0][i] === "number" || /^[0-9 .%]+$/.test(c) ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join("  ").trimEnd())
    .join("\n")
}

/** How many findings the table shows without `--all`. */
export const findingsShown = 20

/** How many precinct ids a line lists without `--all`. */
const idsShown = 30

/** Options of the table views. */
export interface TableOptions {
  /** Every finding and every precinct id (`--all`), not only the first ones. */
  readonly all: boolean
}

/** A finding's words: the engine's message in English, the rule and the figures in another language. */
const findingText = (f: FindingView, L: Labels): string =>
  L.tag === "en"
    ? f.message
    : `${codeText(L, f.code)}${f.expected !== null && f.actual !== null ? `: ${L.expectedActual(count(f.expected), count(f.actual))}` : ""}`

/**
 * The findings grouped by territory then precinct, errors first, the territory in each row; the first
 * `findingsShown` unless `all`, with a line saying how to see the rest.
 */
export const findingsTable = (findings: ReadonlyArray<FindingView>, election: ElectionNames, lang: Lang, options: TableOptions): string => {
  const L = labelsFor(lang)
  if (findings.length === 0) return L.noFindings
  const names = namesOf(election)
  const errors = findings.filter((f) => f.severity === "error").length
  const rows: Array<Array<string>> = [[L.columns.territory, L.columns.precinct, L.columns.severity, L.columns.finding, L.columns.detail]]
  for (const g of groupFindings(findings, election, names)) {
    const territory = g.territory === "" ? L.electionTotal : g.territory === null ? L.unknownTerritory : names.territory(g.territory)
    for (const x of g.precincts)
      for (const f of x.findings) {
        const where = f.file !== null ? ` [${f.file}${f.line !== null ? `:${f.line}` : ""}]` : ""
        rows.push([territory, x.precinct ?? "", L.severity[f.severity], f.code, `${findingText(f, L)}${where}`])
      }
  }
  const shown = options.all ? rows : rows.slice(0, findingsShown + 1)
  const lines = [`${L.headings.findings}: ${L.findingsCount(errors, findings.length - errors)}`, columns(shown).replace(/^/gm, "  ")]
  if (shown.length < rows.length) lines.push(L.moreFindings(shown.length - 1, findings.length, "--all"))
  return terminalSafe(lines.join("\n"))
}

/** The status in one line, in words. */
const statusLine = (r: ResultView, L: Labels): string => {
  const errors = r.findings.filter((f) => f.severity === "error").length
  const count = r.status === "blocked" ? ` (${L.findingsCount(errors, r.findings.length - errors)})` : ""
  return `${L.statusWord.toUpperCase()}: ${L.status[r.status]}${count} - ${L.statusExplain[r.status]}`
}

/** Precinct ids for a line: all with `--all`, else the first ones and how many more. */
const idList = (ids: ReadonlyArray<string>, options: TableOptions): string =>
  options.all || ids.length <= idsShown ? ids.join(", ") : `${ids.slice(0, idsShown).join(", ")}, … (+${ids.length - idsShown}; --all)`

/** The precincts: how many of each kind, which ones were annulled, missing or preliminary, and which versions counted. */
const precinctLines = (r: ResultView, L: Labels, options: TableOptions): Array<string> => {
  const p = r.precincts
  const preliminary = p.preliminary ?? []
  const out = [L.precinctsLine(p.registered, p.counted, p.annulled.length, p.missing.length, preliminary.length)]
  const list = (label: string, ids: ReadonlyArray<string>) => {
    if (ids.length > 0) out.push(`  ${label}: ${idList(ids, options)}`)
  }
  list(L.precincts.annulled, p.annulled)
  list(L.precincts.missing, p.missing)
  list(L.precincts.preliminary, preliminary)
  list(L.precincts.versions, p.versions.map((v) => L.version(v.precinct, v.version, v.source ?? null)))
  return out
}

/** The seats of a proportional election: lists with names, the tie, the elected deputies and the derivation. */
const listsSeats = (r: ResultView, L: Labels, names: Names, provisional: string): Array<string> => {
  const a = r.allocation
  if (isDistricts(a)) return []
  const out = [`${L.columns.seats}${provisional}, ${L.method(a.method)}, ${L.seatsOfKenesh(a.seats)}: ${L.allocationStatus[a.status]}${a.reason ? ` (${L.reason[a.reason]})` : ""}`]
  out.push(columns([[L.columns.party, L.columns.votes, L.columns.admitted, L.columns.seats], ...a.parties.map((x) => [names.choice(x.party), x.votes, x.admitted ? L.yes : L.no, x.seats]), [L.lines.against_all, r.totals.against_all, "", ""]]))
  if (a.tie) out.push(L.tie(a.tie.seats, a.tie.among.map(names.choice)))
  out.push("", `${L.headings.elected}${provisional}:`)
  for (const x of a.parties.filter((x) => x.seats > 0))
    out.push(`  ${names.choice(x.party)} (${x.seats}): ${x.elected.length === 0 ? L.noList(x.seats) : x.elected.join(", ")}`)
  out.push("", `${L.headings.derivation}:`, ...a.steps.map((s) => `  ${stepText(s, L, names)}`))
  return out
}

/** The seats of a majoritarian election, district by district, with the district's totals and against all. */
const districtsSeats = (r: ResultView, L: Labels, names: Names, provisional: string): Array<string> => {
  const a = r.allocation
  if (!isDistricts(a)) return []
  const totals = new Map((r.districts ?? []).map((d) => [d.district, d]))
  const out: Array<string> = [`${L.columns.seats}${provisional}: ${L.allocationStatus[a.status]}`, ""]
  out.push(
    columns([
      [L.columns.district, L.columns.seats, L.columns.precincts, L.lines.participants, L.lines.valid, L.lines.against_all],
      ...a.districts.map((d) => {
        const t = totals.get(d.district)
        return [names.district(d.district), d.seats, t?.precincts ?? "", t?.totals.participants ?? "", t?.totals.valid ?? "", t?.totals.against_all ?? ""]
      })
    ]),
    ""
  )
  for (const d of a.districts) {
    out.push(`${L.districtLine(names.district(d.district), d.seats)}: ${L.allocationStatus[d.status]}${d.reason ? ` (${L.reason[d.reason]})` : ""}`)
    const sorted = [...d.candidates].sort((x, y) => y.votes - x.votes)
    out.push(
      columns([
        [L.columns.candidate, L.columns.gender, L.columns.votes, L.columns.elected],
        ...sorted.map((c) => [names.choice(c.candidate), c.gender === null ? "" : L.gender[c.gender], c.votes, c.elected ? L.yes : ""]),
        [L.lines.against_all, "", totals.get(d.district)?.totals.against_all ?? "", ""]
      ])
    )
    if (d.women !== null) out.push(`${L.headings.women}: ${L.womenLine(d.women.reserved, d.women.elected, d.women.unfilled)}`)
    if (d.vacant > 0) out.push(L.vacant(d.vacant))
    if (d.tie) out.push(L.tie(d.tie.seats, d.tie.among.map(names.choice)))
    const won = d.candidates.filter((c) => c.elected).map((c) => names.choice(c.candidate))
    out.push(`${L.headings.elected}${provisional}: ${won.length === 0 ? L.nobodyElected : won.join(", ")}`)
    out.push(`${L.headings.derivation}:`, ...d.steps.map((s) => `  ${stepText(s, L, names)}`), "")
  }
  return out
}

/** The whole tally for a person, in the language asked for. */
export const tallyTable = (input: ReportInput, lang: Lang, options: TableOptions): string => {
  const { result: r, election } = input
  const L = labelsFor(lang)
  const names = namesOf(election)
  const t = r.totals
  const provisional = r.status === "final" ? "" : ` (${L.provisional})`
  const out: Array<string> = [`${election.name} (${election.id})`, statusLine(r, L), ""]
  out.push(...precinctLines(r, L, options), "")
  out.push(columns([[L.columns.line, L.columns.total], ...[...lineFields, "participants" as const].map((f) => [L.lines[f], t[f]])]))
  out.push("")
  out.push(
    columns([
      [L.columns.territory, L.columns.precincts, L.lines.participants, L.lines.valid, L.lines.against_all],
      ...r.territories.map((x) => [names.territory(x.territory), x.precincts, x.totals.participants, x.totals.valid, x.totals.against_all])
    ])
  )
  out.push("", findingsTable(r.findings, election, lang, options), "")
  out.push(...(isDistricts(r.allocation) ? districtsSeats(r, L, names, provisional) : listsSeats(r, L, names, provisional)))
  out.push("", statusLine(r, L))
  return terminalSafe(out.join("\n"))
}

/** The end of `kenesh validate`'s table: valid or how many errors. */
export const validityLine = (errors: number, lang: Lang): string => {
  const L = labelsFor(lang)
  return errors === 0 ? L.valid : L.notValid(errors)
}
