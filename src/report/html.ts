/**
 * report.html (SPEC §7) and the body of the live page of `kenesh serve`: the result as one self-contained HTML
 * document, inline CSS and SVG, no script and no request of any kind, printable on A4, the same bytes for the
 * same result. Every id and name is escaped.
 */
import { lineFields } from "../ballot/protocol.js"
import type { Step } from "../allocation/steps.js"
import { colour, districtSeatsChart, districtVotesChart, genderColour, hemicycle, votesSeatsChart, type SeatMark } from "./charts.js"
import { esc } from "./escape.js"
import { codeText, labelsFor, type Labels, type Lang } from "./language.js"
import { inPieces, type Pieces } from "./pieces.js"
import { claimText, stepText } from "./step-text.js"
import {
  count,
  groupFindings,
  isDistricts,
  namesOf,
  percent,
  type DistrictsAllocationView,
  type FindingView,
  type ListsAllocationView,
  type Names,
  type ReportInput,
  type ResultView,
  type SensitivityAnswer,
  type TotalsView,
  type WitnessView
} from "./view.js"

/** What every section is made from. */
interface Ctx {
  readonly input: ReportInput
  readonly r: ResultView
  readonly L: Labels
  readonly names: Names
}

/** What a section yields: its text, or its fragments when it can be long (a row per finding or precinct). */
type Fragments = string | Iterable<string>

/** A table up to its first row; `tableEnd` closes it. */
const tableStart = (head: ReadonlyArray<string>, cls = ""): string =>
  `<table${cls ? ` class="${cls}"` : ""}><thead><tr>${head.map((h) => h.replace(/^<th([^>]*)>(.*)<\/th>$/s, '<th$1><span class="h">$2</span></th>')).join("")}</tr></thead><tbody>`
const tableEnd = "</tbody></table>"
const table = (head: ReadonlyArray<string>, rows: ReadonlyArray<string>, cls = ""): string => `${tableStart(head, cls)}${rows.join("")}${tableEnd}`
const th = (text: string, cls = "") => `<th${cls ? ` class="${cls}"` : ""}>${esc(text)}</th>`
const td = (text: string, cls = "") => `<td${cls ? ` class="${cls}"` : ""}>${esc(text)}</td>`
const num = (n: unknown) => td(count(n), "n")
/** A section up to its body; `sectionEnd` closes it. */
const sectionStart = (name: string, heading: string) => `<section class="${name}"><h2>${esc(heading)}</h2>`
const sectionEnd = "</section>"
const section = (name: string, heading: string, body: string) => `${sectionStart(name, heading)}${body}${sectionEnd}`
const p = (text: string, cls = "") => `<p${cls ? ` class="${cls}"` : ""}>${esc(text)}</p>`

/** The election, its status in words and what stands in its way. */
const header = ({ input, r, L, names }: Ctx): string => {
  const e = input.election
  const meta = [L.system[e.system], L.edition(e.edition), L.seatsOfKenesh(e.seats), e.id]
  const reason =
    !isDistricts(r.allocation) && r.allocation.reason !== null
      ? p(L.reason[r.allocation.reason])
      : isDistricts(r.allocation)
        ? r.allocation.districts
            .filter((d) => d.reason !== null)
            .map((d) => p(`${names.district(d.district)}: ${L.reason[d.reason!]}`))
            .join("")
        : ""
  return (
    `<header><h1>${esc(e.name)}</h1><p class="meta">${meta.map(esc).join(" · ")}</p>` +
    `<div class="status status-${esc(r.status)}"><p class="word">${esc(L.statusWord)}: <strong>${esc(L.status[r.status])}</strong></p>` +
    `${p(L.statusExplain[r.status])}${reason}</div></header>`
  )
}

/** How many ids of a list are joined into one fragment (a registry can have a million precincts missing). */
const idsPerFragment = 4096

/** Precincts counted, annulled, missing, preliminary, and the versions that counted. */
function* precincts({ r, L }: Ctx): Generator<string> {
  const pr = r.precincts
  const countRow = (label: string, n: number) => `<tr><th>${esc(label)}</th>${num(n)}<td></td></tr>`
  /** A row of a list: its label, its length and its items, each shown by `show`, in fragments. */
  function* listRow<T>(label: string, list: ReadonlyArray<T>, show: (item: T) => string) {
    yield `<tr><th>${esc(label)}</th>${num(list.length)}<td>`
    if (list.length > 0) {
      yield '<span class="ids">'
      for (let from = 0; from < list.length; from += idsPerFragment)
        yield `${from === 0 ? "" : ", "}${list.slice(from, from + idsPerFragment).map((x) => esc(show(x))).join(", ")}`
      yield "</span>"
    }
    yield "</td></tr>"
  }
  const id = (x: string) => x
  yield `${sectionStart("precincts", L.headings.precincts)}<table class="facts"><tbody>${countRow(L.precincts.registered, pr.registered)}${countRow(L.precincts.counted, pr.counted)}`
  yield* listRow(L.precincts.annulled, pr.annulled, id)
  yield* listRow(L.precincts.missing, pr.missing, id)
  yield* listRow(L.precincts.preliminary, pr.preliminary ?? [], id)
  yield* listRow(L.precincts.versions, pr.versions, (v) => L.version(v.precinct, v.version, v.source ?? null))
  yield `</tbody></table>${sectionEnd}`
}

/** The choices in election order: the lists, or each district's candidates after the district's name. */
const choiceRows = ({ input }: Ctx): ReadonlyArray<{ readonly group: string | null; readonly ids: ReadonlyArray<string> }> =>
  input.election.system === "proportional"
    ? [{ group: null, ids: input.election.parties.map((x) => x.id) }]
    : input.election.districts.map((d) => ({ group: d.name.trim() === "" ? d.id : d.name, ids: d.candidates.map((c) => c.id) }))

/** A choice's votes in totals; an own property only, so that an id such as `__proto__` reads as any other. */
const votesOf = (t: TotalsView, id: string): unknown => {
  const votes = t.votes as Readonly<Record<string, number>> | undefined
  return votes !== undefined && Object.hasOwn(votes, id) ? votes[id] : 0
}

/** How many territories one summary table shows side by side, so that it fits an A4 page. */
const territoriesPerTable = 6

/**
 * The summary table: every protocol line in protocol order, participants and every choice, per territory and in
 * total; with many territories, one table per group of them, the total in the last.
 */
const summary = (c: Ctx): string => {
  const { r, L, names } = c
  const columns: ReadonlyArray<{ readonly head: string; readonly precincts: number; readonly totals: TotalsView }> = [
    ...r.territories.map((t) => ({ head: names.territory(t.territory), precincts: t.precincts, totals: t.totals })),
    { head: L.columns.total, precincts: r.precincts.counted, totals: r.totals }
  ]
  const tables: Array<string> = []
  for (let from = 0, to = 0; from < columns.length; from = to) {
    to = Math.min(columns.length, from + territoriesPerTable)
    // The total never stands alone in a table of its own.
    if (columns.length - to === 1) to = columns.length
    const cols = columns.slice(from, to)
    const rows: Array<string> = [`<tr><th>${esc(L.columns.precincts)}</th>${cols.map((x) => num(x.precincts)).join("")}</tr>`]
    for (const f of [...lineFields, "participants"] as const) rows.push(`<tr><th>${esc(L.lines[f])}</th>${cols.map((x) => num(x.totals[f])).join("")}</tr>`)
    for (const g of choiceRows(c)) {
      if (g.group !== null) rows.push(`<tr class="group"><th colspan="${cols.length + 1}">${esc(g.group)}</th></tr>`)
      for (const id of g.ids) rows.push(`<tr><th>${esc(names.choice(id))}</th>${cols.map((x) => num(votesOf(x.totals, id))).join("")}</tr>`)
    }
    tables.push(`<div class="wide">${table([th(L.columns.line), ...cols.map((x) => th(x.head, "n"))], rows, "figures")}</div>`)
  }
  return section("summary", L.headings.summary, tables.join(""))
}

/** Majoritarian: each district's totals, against all included. */
const districtTotals = ({ r, L, names, input }: Ctx): string => {
  if (r.districts === undefined || r.districts.length === 0) return ""
  const seats = new Map(input.election.districts.map((d) => [d.id, d.seats]))
  const head = [th(L.columns.district), th(L.columns.seats, "n"), th(L.columns.precincts, "n"), th(L.lines.participants, "n"), th(L.lines.valid, "n"), th(L.lines.invalid, "n"), th(L.lines.against_all, "n")]
  const rows = r.districts.map(
    (d) => `<tr><th>${esc(names.district(d.district))}</th>${num(seats.get(d.district) ?? "")}${num(d.precincts)}${num(d.totals.participants)}${num(d.totals.valid)}${num(d.totals.invalid)}${num(d.totals.against_all)}</tr>`
  )
  return section("districts", L.headings.districts, `<div class="wide">${table(head, rows, "figures")}</div>`)
}

/** A list's share as its admission step wrote it, else its votes over the allocation's base. */
const shareOf = (a: ListsAllocationView, party: string, votes: number): string => {
  const step = a.steps.find((s): s is Extract<Step, { kind: "admission" }> => s.kind === "admission" && s.party === party)
  return step !== undefined ? step.share : percent(votes, a.base)
}

/** Proportional: the lists' votes and seats, votes against seats, the hemicycle and the margins. */
const listsVotesSeats = (c: Ctx, a: ListsAllocationView): string => {
  const { L, names, input } = c
  const index = new Map(input.election.parties.map((x, i) => [x.id, i]))
  const col = (party: string) => colour(index.get(party) ?? 0)
  const head = [th(L.columns.party), th(L.columns.votes, "n"), th(L.columns.share, "n"), th(L.columns.admitted), th(L.columns.seats, "n")]
  const rows = a.parties.map(
    (x) =>
      `<tr><th><span class="key" style="background:${col(x.party)}"></span>${esc(names.choice(x.party))}</th>${num(x.votes)}${td(`${shareOf(a, x.party, x.votes)}%`, "n")}${td(x.admitted ? L.yes : L.no)}${num(x.seats)}</tr>`
  )
  rows.push(`<tr class="sum"><th>${esc(L.lines.against_all)}</th>${num(c.r.totals.against_all)}<td></td><td></td><td></td></tr>`)
  const tie = a.tie !== null ? p(L.tie(a.tie.seats, a.tie.among.map(names.choice)), "tie") : ""
  const bars = votesSeatsChart(
    a.parties.map((x) => ({ label: names.choice(x.party), votes: shareOf(a, x.party, x.votes), seats: percent(x.seats, a.seats), colour: col(x.party) })),
    { votes: L.legendVotes, seats: L.legendSeats },
    L.headings.votesSeats
  )
  const marks: Array<SeatMark> = a.parties.flatMap((x) => Array.from({ length: x.seats }, () => ({ colour: col(x.party), label: names.choice(x.party) })))
  while (marks.length < a.seats) marks.push({ colour: "#dddddd", label: a.tie !== null ? L.allocationStatus["lot-required"] : L.allocationStatus[a.status] })
  const seatsChart = `<figure>${hemicycle(marks, L.seatsWhole)}<figcaption>${esc(L.seatsWhole)}: ${esc(L.seatsOfKenesh(a.seats))} · ${esc(L.method(a.method))}</figcaption></figure>`
  return `${table(head, rows, "figures")}${tie}<div class="charts"><figure>${bars}</figure>${seatsChart}</div>${margins(c, a)}`
}

/** Margins per list (SPEC §3 `allocation.margins`), when the engine gives them. */
const margins = ({ L, names }: Ctx, a: ListsAllocationView): string => {
  if (a.margins === undefined || a.margins.length === 0) return ""
  const seats = new Map(a.parties.map((x) => [x.party, x.seats]))
  const head = [th(L.columns.party), th(L.columns.seats, "n"), th(L.columns.gain, "n"), th(L.columns.lose, "n")]
  const rows = a.margins.map(
    (m) =>
      `<tr><th>${esc(names.choice(m.party))}</th>${num(seats.get(m.party) ?? 0)}${m.gain === null ? td(L.gainNone) : num(m.gain)}${m.lose === null ? td(L.loseNone) : num(m.lose)}</tr>`
  )
  return `<h3>${esc(L.headings.margins)}</h3>${table(head, rows, "figures")}`
}

/** The colour of a candidate by gender. */
const genderCol = (g: "F" | "M" | null) => (g === null ? genderColour.unknown : genderColour[g])

/** Majoritarian: the seats per district as a whole, then each district's candidates, votes and chart. */
const districtsVotesSeats = (c: Ctx, a: DistrictsAllocationView): string => {
  const { L, names } = c
  const overview = districtSeatsChart(
    a.districts.map((d) => ({
      label: L.districtLine(names.district(d.district), d.seats),
      seats: [
        ...d.candidates.filter((x) => x.elected).map((x) => ({ colour: genderCol(x.gender), label: names.choice(x.candidate), name: names.choice(x.candidate) })),
        ...Array.from({ length: Math.max(0, d.seats - d.candidates.filter((x) => x.elected).length) }, () => ({ colour: "#bbbbbb", label: L.allocationStatus[d.status], name: "—" }))
      ]
    })),
    L.seatsWhole
  )
  const legend = `<p class="legend"><span class="key" style="background:${genderColour.F}"></span>${esc(L.gender.F)} <span class="key" style="background:${genderColour.M}"></span>${esc(L.gender.M)}</p>`
  const perDistrict = a.districts.map((d) => {
    const head = [th(L.columns.candidate), th(L.columns.gender), th(L.columns.votes, "n"), th(L.columns.elected)]
    const sorted = [...d.candidates].sort((x, y) => y.votes - x.votes)
    const rows = sorted.map(
      (x) => `<tr${x.elected ? ' class="elected"' : ""}><th>${esc(names.choice(x.candidate))}</th>${td(x.gender === null ? "" : L.gender[x.gender])}${num(x.votes)}${td(x.elected ? L.yes : "")}</tr>`
    )
    rows.push(`<tr class="sum"><th>${esc(L.lines.against_all)}</th><td></td>${num(districtAgainstAll(c, d.district))}<td></td></tr>`)
    const chart = districtVotesChart(
      sorted.map((x) => ({ label: names.choice(x.candidate), votes: x.votes, shown: count(x.votes), elected: x.elected, colour: genderCol(x.gender) })),
      names.district(d.district)
    )
    const tie = d.tie !== null ? p(L.tie(d.tie.seats, d.tie.among.map(names.choice)), "tie") : ""
    const vacant = d.vacant > 0 ? p(L.vacant(d.vacant), "tie") : ""
    return `<div class="district"><h3>${esc(L.districtLine(names.district(d.district), d.seats))}: ${esc(L.allocationStatus[d.status])}</h3><div class="charts"><div>${table(head, rows, "figures")}${tie}${vacant}</div><figure>${chart}</figure></div></div>`
  })
  return `<figure>${overview}<figcaption>${esc(L.seatsWhole)}: ${esc(L.seatsOfKenesh(c.input.election.seats))}</figcaption></figure>${legend}${perDistrict.join("")}`
}

/** A district's "against all" from its totals. */
const districtAgainstAll = ({ r }: Ctx, district: string): unknown => r.districts?.find((t) => t.district === district)?.totals.against_all ?? ""

const votesSeats = (c: Ctx): string => {
  const a = c.r.allocation
  return section("votes-seats", `${c.L.headings.votesSeats}${c.r.status === "final" ? "" : ` (${c.L.provisional})`}`, isDistricts(a) ? districtsVotesSeats(c, a) : listsVotesSeats(c, a))
}

/** Steps as tables where they come in runs (admissions, whole parts, seats) and sentences otherwise. */
const stepsHtml = (steps: ReadonlyArray<Step>, { L, names }: Ctx): string => {
  const out: Array<string> = []
  for (let i = 0; i < steps.length; ) {
    const kind = steps[i].kind
    let j = i
    while (j < steps.length && steps[j].kind === kind) j++
    const run = steps.slice(i, j)
    if (kind === "admission")
      out.push(
        table(
          [th(L.columns.party), th(L.columns.votes, "n"), th(L.columns.share, "n"), th(L.columns.admitted)],
          run.map((s) => (s.kind === "admission" ? `<tr><th>${esc(names.choice(s.party))}</th>${num(s.votes)}${td(`${s.share}%`, "n")}${td(s.admitted ? L.yes : L.no)}</tr>` : "")),
          "figures"
        )
      )
    else if (kind === "whole")
      out.push(
        table(
          [th(L.columns.party), th(L.columns.votes, "n"), th(L.columns.whole, "n"), th(L.columns.remainder, "n")],
          run.map((s) => (s.kind === "whole" ? `<tr><th>${esc(names.choice(s.party))}</th>${num(s.votes)}${num(s.whole)}${td(s.remainder, "n")}</tr>` : "")),
          "figures"
        )
      )
    else if (kind === "seat")
      out.push(
        table(
          [th(L.columns.seat, "n"), th(L.columns.elected), th(L.columns.claim)],
          run.map((s) => (s.kind === "seat" ? `<tr>${num(s.seat)}<th>${esc(names.choice(s.to))}</th>${td(claimText(s.claim, L))}</tr>` : "")),
          "figures"
        )
      )
    else out.push(...run.map((s) => p(stepText(s, L, names))))
    i = j
  }
  return out.join("")
}

/** The derivation: threshold, quota, remainders and each seat (per district for ayil keneshes). */
const derivation = (c: Ctx): string => {
  const a = c.r.allocation
  const { L, names } = c
  const body = isDistricts(a)
    ? a.districts.map((d) => `<h3>${esc(L.districtLine(names.district(d.district), d.seats))}</h3><p>${esc(L.method(d.method))}</p>${stepsHtml(d.steps, c)}`).join("")
    : `<p>${esc(L.method(a.method))}</p>${stepsHtml(a.steps, c)}`
  return section("derivation", L.headings.derivation, body)
}

/** The elected deputies: per list in list order, or per district. */
const elected = (c: Ctx): string => {
  const a = c.r.allocation
  const { L, names } = c
  const ol = (items: ReadonlyArray<string>) => `<ol>${items.map((x) => `<li>${x}</li>`).join("")}</ol>`
  const body = isDistricts(a)
    ? a.districts
        .map((d) => {
          const won = d.candidates.filter((x) => x.elected)
          return `<h3>${esc(L.districtLine(names.district(d.district), d.seats))}</h3>${
            won.length === 0 ? p(L.nobodyElected) : ol(won.map((x) => `${esc(names.choice(x.candidate))}${x.gender === null ? "" : ` <span class="muted">(${esc(L.gender[x.gender])})</span>`}`))
          }`
        })
        .join("")
    : a.parties.some((x) => x.seats > 0)
      ? table(
          [th(L.columns.party), th(L.columns.seats, "n"), th(L.headings.elected)],
          a.parties
            .filter((x) => x.seats > 0)
            .map((x) => `<tr><th>${esc(names.choice(x.party))}</th>${num(x.seats)}<td>${x.elected.length === 0 ? esc(L.noList(x.seats)) : ol(x.elected.map(esc))}</td></tr>`),
          "figures"
        )
      : p(L.nobodyElected)
  return section("elected", `${L.headings.elected}${c.r.status === "final" ? "" : ` (${L.provisional})`}`, body)
}

/** The women's reserve per district. */
const women = (c: Ctx): string => {
  const a = c.r.allocation
  const { L, names } = c
  if (!isDistricts(a) || a.districts.every((d) => d.women === null)) return section("women", L.headings.women, p(L.noReserve))
  const head = [th(L.columns.district), th(L.columns.seats, "n"), th(L.columns.reserved, "n"), th(L.columns.womenElected, "n"), th(L.columns.unfilled, "n")]
  const rows = a.districts.map(
    (d) => `<tr><th>${esc(names.district(d.district))}</th>${num(d.seats)}${num(d.women?.reserved ?? 0)}${num(d.women?.elected ?? d.candidates.filter((x) => x.elected && x.gender === "F").length)}${num(d.women?.unfilled ?? 0)}</tr>`
  )
  return section("women", L.headings.women, table(head, rows, "figures"))
}

/** A finding's words in the language: the engine's own message in English, the expected and found figures otherwise. */
const findingDetail = (f: FindingView, L: Labels): string =>
  L.tag === "en" ? f.message : f.expected !== null && f.actual !== null ? L.expectedActual(count(f.expected), count(f.actual)) : ""

/** Findings grouped by territory then precinct, errors first; a row per finding, in fragments. */
function* findings(c: Ctx): Generator<string> {
  const { r, L, names, input } = c
  if (r.findings.length === 0) {
    yield section("findings", L.headings.findings, p(L.noFindings))
    return
  }
  const errors = r.findings.filter((f) => f.severity === "error").length
  const groups = groupFindings(r.findings, input.election, names)
  const head = [th(L.columns.severity), th(L.columns.finding), th(L.columns.detail), th(L.columns.where)]
  yield sectionStart("findings", L.headings.findings) + p(L.findingsCount(errors, r.findings.length - errors))
  // Hot loop: a row per finding, a million for a registry of a million precincts with no protocol.
  for (const g of groups) {
    const title = g.territory === "" ? L.electionTotal : g.territory === null ? L.unknownTerritory : names.territory(g.territory)
    yield `<h3>${esc(title)}</h3>${tableStart(head, "findings")}`
    for (const x of g.precincts) {
      if (x.precinct !== null) yield `<tr class="group"><th colspan="4">${esc(L.columns.precinct)} ${esc(x.precinct)}</th></tr>`
      for (const f of x.findings)
        yield `<tr class="${f.severity}">${td(L.severity[f.severity], "sev")}<td>${esc(codeText(L, f.code))} <code>${esc(f.code)}</code></td>${td(findingDetail(f, L))}${td(f.file === null ? "" : `${f.file}${f.line === null ? "" : `:${f.line}`}`, "where")}</tr>`
    }
    yield tableEnd
  }
  yield sectionEnd
}

/** A witness in words: how the ballots are cast and the seats (or the elected) they would give. */
const witnessHtml = (w: WitnessView, c: Ctx): string => {
  const { L, names } = c
  const choice = (id: string) => (id === "against_all" ? L.lines.against_all : id === "invalid" ? L.lines.invalid : names.choice(id))
  const to = Object.entries(w.to).map(([id, n]) => `${choice(id)}: ${count(n)}`)
  const seats = w.seats !== undefined ? `${L.witnessSeats} ${Object.entries(w.seats).map(([id, n]) => `${names.choice(id)} ${count(n)}`).join(", ")}` : ""
  const chosen = w.elected !== undefined ? `${L.witnessElected} ${Object.entries(w.elected).map(([d, ids]) => `${names.district(d)}: ${ids.map(names.choice).join(", ")}`).join("; ")}` : ""
  return `<p class="witness">${esc(L.witness(count(w.ballots)))} ${esc(to.join(", "))}; ${esc([seats, chosen].filter((x) => x !== "").join(" "))}</p>`
}

const answerHtml = (a: SensitivityAnswer, c: Ctx): string => `<p class="answer answer-${esc(a.answer)}">${esc(c.L.answer[a.answer])}</p>${a.witness !== null ? witnessHtml(a.witness, c) : ""}`

/** The sensitivity answers (SPEC §3), when the result carries them; a row per precinct in question, in fragments. */
function* sensitivity(c: Ctx): Generator<string> {
  const s = c.r.sensitivity
  const { L } = c
  if (s === undefined) return
  if (s === null) {
    yield section("sensitivity", L.headings.sensitivity, p(L.sensitivityNone))
    return
  }
  const head = [th(L.columns.precinct), th(L.columns.why), th(L.columns.voters, "n"), th(L.columns.answer)]
  yield sectionStart("sensitivity", L.headings.sensitivity) + tableStart(head, "figures")
  for (const x of s.precincts) yield `<tr><th>${esc(x.precinct)}</th>${td(L.why[x.why])}${num(x.voters)}<td>${answerHtml(x, c)}</td></tr>`
  yield tableEnd
  if (s.together !== null) yield `<h3>${esc(L.together(s.together.precincts, count(s.together.voters)))}</h3>${answerHtml(s.together, c)}`
  yield sectionEnd
}

/** The SHA-256 of every input file. */
const inputs = ({ r, L }: Ctx): string =>
  section("inputs", L.headings.inputs, p(L.inputsNote) + table([th(L.columns.file), th(L.columns.sha256)], r.inputs.map((i) => `<tr>${td(i.file)}${td(i.sha256, "hash")}</tr>`)))

/** Lines for the commission's signatures on the printed copy. */
const signatures = ({ L }: Ctx): string =>
  section("signatures", L.headings.signatures, `<table class="sign"><tbody>${L.signatures.map((s) => `<tr><th>${esc(s)}</th><td></td></tr>`).join("")}</tbody></table>`)

/** The closing words. */
const footer = ({ L }: Ctx): string => `<footer>${p(L.footer)}</footer>`

/** The sections in their order. */
const sections: ReadonlyArray<(c: Ctx) => Fragments> = [header, precincts, summary, districtTotals, votesSeats, derivation, elected, women, findings, sensitivity, inputs, signatures, footer]

/**
 * The result's sections as an HTML fragment (no `<html>`, no styles), in fragments, a line end between two
 * sections: the live page of `kenesh serve` gathers them into its own pieces with `reportCss`; `reportDocument`
 * wraps the same text as report.html.
 */
export function* reportBody(input: ReportInput, lang: Lang): Generator<string> {
  const c: Ctx = { input, r: input.result, L: labelsFor(lang), names: namesOf(input.election) }
  for (const [i, make] of sections.entries()) {
    if (i > 0) yield "\n"
    const out = make(c)
    if (typeof out === "string") yield out
    else yield* out
  }
}

/** The style sheet of the report and the live page: screen and A4 print. */
export const reportCss = `
:root{color-scheme:light}
body{margin:0;background:#fff;color:#111;font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans","DejaVu Sans",sans-serif}
.kenesh-report{max-width:1100px;margin:0 auto;padding:16px 20px 40px}
h1{font-size:1.7em;margin:.2em 0}
h2{font-size:1.3em;margin:1.4em 0 .5em;padding-bottom:.2em;border-bottom:2px solid #333;break-after:avoid}
h3{font-size:1.05em;margin:1em 0 .4em;break-after:avoid}
.meta{color:#444;margin:.2em 0 .8em}
.status{border:2px solid #b7791f;background:#fffaf0;padding:.5em .9em;border-radius:4px}
.status p{margin:.3em 0}
.status .word{font-size:1.2em}
.status-final{border-color:#2f855a;background:#f0fff4}
.status-blocked,.status-failed{border-color:#c53030;background:#fff5f5}
table{border-collapse:collapse;margin:.4em 0 .8em;font-variant-numeric:tabular-nums}
th,td{border:1px solid #bbb;padding:.25em .5em;text-align:left;vertical-align:top}
thead th{background:#f0f0f0}
thead .h{display:inline-block;max-width:11em;white-space:normal}
tbody th{min-width:9em}
tbody th{font-weight:normal}
.n{text-align:right;white-space:nowrap}
tr.group th{background:#f7f7f7;font-weight:bold}
tr.sum th,tr.sum td{border-top:2px solid #666}
tr.elected th{font-weight:bold}
tr.error .sev{color:#c53030;font-weight:bold}
tr.warning .sev{color:#975a16}
.where,.hash,code{font-family:ui-monospace,"DejaVu Sans Mono",monospace;font-size:.85em}
.hash{word-break:break-all}
.ids{font-family:ui-monospace,"DejaVu Sans Mono",monospace;font-size:.9em}
.wide{overflow-x:auto}
.facts th{min-width:16em}
.facts td:empty{border:none}
.key{display:inline-block;width:.8em;height:.8em;margin-right:.4em;border-radius:2px;vertical-align:baseline}
.charts{display:flex;flex-wrap:wrap;gap:12px;align-items:flex-start}
figure{margin:.5em 0}
figcaption{color:#444;font-size:.9em}
.chart{max-width:100%;height:auto}
.chart text{font-size:13px;fill:#111}
.chart .small{font-size:11px}
.chart .big{font-size:30px;font-weight:bold}
.chart .on{fill:#fff;font-size:12px}
.tie{color:#975a16;font-weight:bold}
.muted{color:#555}
.answer-can{color:#c53030;font-weight:bold}
.answer-cannot{color:#2f855a;font-weight:bold}
.sign{width:100%}
.sign th{width:40%;height:2.6em;vertical-align:bottom}
footer{margin-top:2em;color:#555;font-size:.85em}
@page{size:A4;margin:14mm 12mm}
@media print{
body{font-size:10pt}
.kenesh-report{max-width:none;padding:0}
.wide{overflow:visible}
table{font-size:9pt}
tr,figure,.status,.district{break-inside:avoid}
section.signatures{break-before:auto;break-inside:avoid}
.status,thead th,tr.group th,.key,.chart{print-color-adjust:exact;-webkit-print-color-adjust:exact}
}
`.trim()

/**
 * The whole report.html: one self-contained document that fetches nothing and runs no script, in pieces of about
 * a megabyte (src/report/pieces.ts), made anew at each reading: a million findings are never one string.
 */
export const reportDocument = (input: ReportInput, lang: Lang): Pieces =>
  inPieces(function* () {
    const L = labelsFor(lang)
    yield (
      `<!DOCTYPE html>\n<html lang="${esc(L.tag)}">\n<head>\n<meta charset="utf-8">\n` +
      `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">\n` +
      `<meta name="viewport" content="width=device-width, initial-scale=1">\n` +
      `<title>${esc(input.election.name)}: ${esc(L.title)}</title>\n<style>\n${reportCss}\n</style>\n</head>\n` +
      `<body>\n<main class="kenesh-report">\n`
    )
    yield* reportBody(input, lang)
    yield "\n</main>\n</body>\n</html>\n"
  })
