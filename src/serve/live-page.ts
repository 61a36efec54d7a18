/**
 * The live page at `/` (SPEC §6): the status board, the totals, the provisional seats with their derivation,
 * and the findings. The body is rendered on the server by `renderLiveBody`, the one function to switch to the
 * report's shared renderer; the page's script swaps in a freshly rendered body on every `change` event.
 */
import type { Election } from "../ballot/election.js"
import { lineFields } from "../ballot/protocol.js"
import type { TallyResult } from "../result/tally-result.js"
import type { StatusJson } from "./live-tally.js"

/** Languages of human-facing output (SPEC §2). */
export type Lang = "en" | "ru" | "ky"

/** The page's words, one table per language. */
const labels = {
  en: {
    live: "Live results", status: "Status", seq: "change", board: "Precincts", registered: "registered", reported: "reported",
    missing: "missing", errors: "with errors", preliminary: "preliminary (ASU only)", annulled: "annulled", totals: "Totals",
    line: "protocol line", value: "total", seats: "Provisional seats", list: "list", votes: "votes", admitted: "admitted",
    seatsCol: "seats", elected: "elected", candidate: "candidate", district: "district", derivation: "Derivation",
    findings: "Findings", none: "none", code: "code", severity: "severity", precinct: "precinct", where: "line",
    message: "what", provisional: "Provisional: the count is not final until every precinct is in and no error stands.",
    yes: "yes", no: "no", territories: "Territories", territory: "territory", precincts: "precincts", participants: "participants",
    statusWords: { final: "final", blocked: "blocked by error findings", incomplete: "incomplete", "lot-required": "a drawing of lots is required", failed: "failed: a repeat election" } as Record<string, string>
  },
  ru: {
    live: "Результаты в реальном времени", status: "Статус", seq: "изменение", board: "Участки", registered: "зарегистрировано", reported: "получено",
    missing: "не поступило", errors: "с ошибками", preliminary: "предварительно (только АСУ)", annulled: "признано недействительными", totals: "Итоги",
    line: "строка протокола", value: "итого", seats: "Предварительное распределение мандатов", list: "список", votes: "голоса", admitted: "допущен",
    seatsCol: "мандаты", elected: "избраны", candidate: "кандидат", district: "округ", derivation: "Расчёт",
    findings: "Замечания", none: "нет", code: "код", severity: "вид", precinct: "участок", where: "строка",
    message: "что", provisional: "Предварительно: итоги не окончательны, пока не поступили все участки и есть ошибки.",
    yes: "да", no: "нет", territories: "Территории", territory: "территория", precincts: "участки", participants: "приняли участие",
    statusWords: { final: "окончательно", blocked: "заблокировано ошибками", incomplete: "не все данные", "lot-required": "требуется жеребьёвка", failed: "выборы не состоялись: повторные выборы" } as Record<string, string>
  },
  ky: {
    live: "Түз убакыттагы жыйынтыктар", status: "Абалы", seq: "өзгөрүү", board: "Участоктор", registered: "катталган", reported: "келген",
    missing: "келе элек", errors: "катасы бар", preliminary: "алдын ала (АСУ гана)", annulled: "жараксыз деп табылган", totals: "Жыйынтыктар",
    line: "протоколдун сабы", value: "бардыгы", seats: "Мандаттардын алдын ала бөлүштүрүлүшү", list: "тизме", votes: "добуштар", admitted: "киргизилди",
    seatsCol: "мандаттар", elected: "шайланды", candidate: "талапкер", district: "округ", derivation: "Эсептөө",
    findings: "Эскертүүлөр", none: "жок", code: "код", severity: "түрү", precinct: "участок", where: "сап",
    message: "эмне", provisional: "Алдын ала: бардык участоктор келмейинче жана каталар турганда жыйынтык акыркы эмес.",
    yes: "ооба", no: "жок", territories: "Аймактар", territory: "аймак", precincts: "участоктор", participants: "катышкандар",
    statusWords: { final: "акыркы", blocked: "каталар менен бөгөттөлгөн", incomplete: "толук эмес", "lot-required": "чүчүкулак керек", failed: "шайлоо болгон жок: кайра шайлоо" } as Record<string, string>
  }
} as const

/** Text made safe for HTML. */
const esc = (s: string | number): string => String(s).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)

/** A count with groups of three digits. */
const n = (x: number): string => x.toLocaleString("en-US").replace(/,/g, "\u202f")

/** A name for an id: the election's name where it has one. */
const namer = (election: Election): ((id: string) => string) => {
  const names = new Map<string, string>()
  for (const p of election.parties) names.set(p.id, p.name)
  for (const d of election.districts) {
    names.set(d.id, d.name)
    for (const c of d.candidates) names.set(c.id, c.name)
  }
  return (id) => names.get(id) ?? id
}

const table = (head: ReadonlyArray<string>, rows: ReadonlyArray<ReadonlyArray<string>>): string =>
  `<table><thead><tr>${head.map((h) => `<th>${h}</th>`).join("")}</tr></thead><tbody>${rows.map((r) => `<tr>${r.map((c) => `<td>${c}</td>`).join("")}</tr>`).join("")}</tbody></table>`

/** The status board as a bar: reported, preliminary, with errors, annulled and missing, as shares of the registered precincts. */
const bar = (s: StatusJson, t: (typeof labels)[Lang]): string => {
  const p = s.precincts
  const total = Math.max(1, p.registered)
  const parts: Array<[string, number, string]> = [
    ["ok", Math.max(0, p.reported - p.preliminary - p.errors), t.reported],
    ["prelim", p.preliminary, t.preliminary],
    ["err", p.errors, t.errors],
    ["annul", p.annulled, t.annulled],
    ["miss", p.missing, t.missing]
  ]
  return `<div class="bar" role="img" aria-label="${esc(t.board)}">${parts
    .filter(([, k]) => k > 0)
    .map(([cls, k, label]) => `<span class="${cls}" style="width:${((100 * k) / total).toFixed(2)}%" title="${esc(label)}: ${k}"></span>`)
    .join("")}</div>`
}

/** The body of the live page for the current result: what changes on every `change` event. */
export const renderLiveBody = (election: Election, result: TallyResult, status: StatusJson, lang: Lang): string => {
  const t = labels[lang]
  const name = namer(election)
  const p = status.precincts
  const out: Array<string> = []
  out.push(`<p class="status status-${esc(result.status)}" data-seq="${status.seq}">${esc(t.status)}: <strong>${esc(t.statusWords[result.status] ?? result.status)}</strong> · ${esc(t.seq)} ${status.seq}</p>`)
  if (result.status !== "final") out.push(`<p class="note">${esc(t.provisional)}</p>`)
  out.push(`<h2>${esc(t.board)}</h2>`)
  out.push(
    `<dl class="board">${(
      [
        ["registered", t.registered, p.registered],
        ["reported", t.reported, p.reported],
        ["missing", t.missing, p.missing],
        ["errors", t.errors, p.errors],
        ["preliminary", t.preliminary, p.preliminary],
        ["annulled", t.annulled, p.annulled]
      ] as const
    )
      .map(([key, label, k]) => `<div><dt>${esc(label)}</dt><dd id="board-${key}">${n(k)}</dd></div>`)
      .join("")}</dl>`
  )
  out.push(bar(status, t))
  out.push(`<h2>${esc(t.totals)}</h2>`)
  const totals = result.totals as Record<string, number> & { votes: Record<string, number> }
  const lineRows = [...lineFields, "participants"].map((f) => [esc(f), n(totals[f])])
  out.push(table([esc(t.line), esc(t.value)], lineRows))
  if (result.territories.length > 0)
    out.push(
      `<h3>${esc(t.territories)}</h3>` +
        table(
          [esc(t.territory), esc(t.precincts), esc(t.participants), esc(t.votes)],
          result.territories.map((tr) => {
            const tt = tr.totals as Record<string, number>
            return [esc(tr.territory), n(tr.precincts), n(tt.participants), n(tt.valid)]
          })
        )
    )
  out.push(`<h2>${esc(t.seats)}</h2>`)
  const a = result.allocation
  if ("parties" in a) {
    out.push(
      table(
        [esc(t.list), esc(t.votes), esc(t.admitted), esc(t.seatsCol), esc(t.elected)],
        a.parties.map((x) => [esc(name(x.party)), n(x.votes), x.admitted ? esc(t.yes) : esc(t.no), n(x.seats), esc(x.elected.join(", "))])
      )
    )
    out.push(`<details open><summary>${esc(t.derivation)}</summary><ol class="steps">${a.steps.map((s) => `<li>${esc(s.text)}</li>`).join("")}</ol></details>`)
  } else {
    for (const d of a.districts) {
      out.push(`<h3>${esc(t.district)} ${esc(name(d.district))}</h3>`)
      out.push(table([esc(t.candidate), esc(t.votes), esc(t.elected)], d.candidates.map((c) => [esc(name(c.candidate)), n(c.votes), c.elected ? esc(t.yes) : ""])))
      out.push(`<details><summary>${esc(t.derivation)}</summary><ol class="steps">${d.steps.map((s) => `<li>${esc(s.text)}</li>`).join("")}</ol></details>`)
    }
  }
  out.push(`<h2>${esc(t.findings)} (${result.findings.length})</h2>`)
  const shown = [...result.findings].sort((x, y) => (x.severity === y.severity ? 0 : x.severity === "error" ? -1 : 1)).slice(0, 1000)
  out.push(
    result.findings.length === 0
      ? `<p>${esc(t.none)}</p>`
      : table(
          [esc(t.severity), esc(t.code), esc(t.precinct), esc(t.where), esc(t.message)],
          shown.map((f) => [`<span class="${f.severity}">${esc(f.severity)}</span>`, esc(f.code), esc(f.precinct ?? ""), esc(f.line ?? ""), esc(f.message)])
        ) + (result.findings.length > shown.length ? `<p>… ${n(result.findings.length - shown.length)}</p>` : "")
  )
  return out.join("\n")
}

const style = `body{font:15px/1.4 system-ui,sans-serif;margin:1.5em auto;max-width:70em;padding:0 1em;color:#111}
table{border-collapse:collapse;margin:.5em 0}td,th{border:1px solid #bbb;padding:.2em .6em;text-align:left}td:nth-child(n+2){font-variant-numeric:tabular-nums}
.board{display:flex;flex-wrap:wrap;gap:1.5em;margin:0}.board dt{font-size:.85em;color:#555}.board dd{margin:0;font-size:1.6em;font-weight:600}
.bar{display:flex;height:1.2em;background:#eee;margin:.8em 0;border:1px solid #999}.bar span{display:block}
.ok{background:#2e7d32}.prelim{background:#f9a825}.err{background:#c62828}.annul{background:#616161}.miss{background:#e0e0e0}
.error{color:#c62828;font-weight:600}.warning{color:#8d6e00}.note{color:#555}.status-final strong{color:#2e7d32}`

/** The page's script: on every `change` event (and on reconnecting) it fetches the new body and swaps it in. */
const script = `(function(){var busy=false,again=false,live=document.getElementById("live");
function refresh(){if(busy){again=true;return}busy=true;fetch(location.pathname+"?part=body&lang="+document.documentElement.lang,{cache:"no-store"})
.then(function(r){if(!r.ok)throw new Error(r.status);return r.text()}).then(function(h){live.innerHTML=h}).catch(function(){})
.then(function(){busy=false;if(again){again=false;refresh()}})}
var es=new EventSource("/api/events");es.addEventListener("change",refresh);var first=true;es.onopen=function(){if(!first)refresh();first=false}})();`

/** The whole live page: readable as it is, and kept up to date by its script. */
export const livePage = (election: Election, result: TallyResult, status: StatusJson, lang: Lang): string =>
  `<!doctype html>
<html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><link rel="icon" href="data:,">
<title>${esc(election.name)}: ${esc(labels[lang].live)}</title><style>${style}</style></head>
<body><h1>${esc(election.name)}</h1><p>${esc(labels[lang].live)} · ${esc(election.id)}</p>
<main id="live" aria-live="polite">${renderLiveBody(election, result, status, lang)}</main>
<script>${script}</script></body></html>
`
