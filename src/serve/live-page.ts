/**
 * The live page at `/` (SPEC §6): the status board, then the report's own sections (`reportBody` of
 * src/report/html.ts: status, precincts, totals, votes and seats with charts, the derivation, findings), so it
 * has the content and the languages of report.html. The body is rendered on the server by `renderLiveBody`;
 * the page's script swaps in a freshly rendered body on every `change` event. Both come in pieces of about a
 * megabyte (src/report/pieces.ts), made as they are sent: a million findings are never one string.
 */
import type { Election } from "../ballot/election.js"
import { esc } from "../report/escape.js"
import { reportBody, reportCss } from "../report/html.js"
import { labelsFor, type Lang } from "../report/language.js"
import { inPieces, type Pieces } from "../report/pieces.js"
import { count as n } from "../report/view.js"
import type { TallyResult } from "../result/tally-result.js"
import type { StatusJson } from "./live-tally.js"

export type { Lang }

/** The status board's words: the report's (src/report/labels), and the few of its own, one table per language. */
const own = {
  en: { live: "Live results", seq: "change", reported: "reported", errors: "with errors" },
  ru: { live: "Результаты в реальном времени", seq: "изменение", reported: "получено", errors: "с ошибками" },
  ky: { live: "Түз убакыттагы жыйынтыктар", seq: "өзгөрүү", reported: "келген", errors: "катасы бар" }
} as const

/** The words of the board in a language. */
const boardWords = (lang: Lang) => {
  const L = labelsFor(lang)
  return { ...own[lang], board: L.headings.precincts, registered: L.precincts.registered, missing: L.precincts.missing, preliminary: L.precincts.preliminary, annulled: L.precincts.annulled }
}

/** The status board as a bar: reported, preliminary, with errors, annulled and missing, as shares of the registered precincts. */
const bar = (s: StatusJson, t: ReturnType<typeof boardWords>): string => {
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

/** The body of the live page in fragments: the status board, then the report's own sections (src/report/html.ts), the same content and words as report.html. */
function* liveBody(election: Election, result: TallyResult, status: StatusJson, lang: Lang): Generator<string> {
  const t = boardWords(lang)
  const p = status.precincts
  const board = (
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
    .join("")
  yield `<section class="live-board" data-seq="${status.seq}"><h2>${esc(t.board)} · ${esc(t.seq)} ${n(status.seq)}</h2><dl class="board">${board}</dl>${bar(status, t)}</section>\n`
  yield* reportBody({ result, election }, lang)
}

/** The body of the live page for the current result, in pieces: what changes on every `change` event (`/?part=body`). */
export const renderLiveBody = (election: Election, result: TallyResult, status: StatusJson, lang: Lang): Pieces => inPieces(() => liveBody(election, result, status, lang))

const style = `${reportCss}
.board{display:flex;flex-wrap:wrap;gap:1.5em;margin:0}.board dt{font-size:.85em;color:#555}.board dd{margin:0;font-size:1.6em;font-weight:600}
.bar{display:flex;height:1.2em;background:#eee;margin:.8em 0;border:1px solid #999}.bar span{display:block}
.ok{background:#2e7d32}.prelim{background:#f9a825}.err{background:#c62828}.annul{background:#616161}.miss{background:#e0e0e0}`

/** The page's script: on every `change` event (and on reconnecting) it fetches the new body and swaps it in. */
const script = `(function(){var busy=false,again=false,live=document.getElementById("live");
function refresh(){if(busy){again=true;return}busy=true;fetch(location.pathname+"?part=body&lang="+document.documentElement.lang,{cache:"no-store"})
.then(function(r){if(!r.ok)throw new Error(r.status);return r.text()}).then(function(h){live.innerHTML=h}).catch(function(){})
.then(function(){busy=false;if(again){again=false;refresh()}})}
var es=new EventSource("/api/events");es.addEventListener("change",refresh);var first=true;es.onopen=function(){if(!first)refresh();first=false}})();`

/** The whole live page, in pieces: readable as it is, and kept up to date by its script. */
export const livePage = (election: Election, result: TallyResult, status: StatusJson, lang: Lang): Pieces =>
  inPieces(function* () {
    yield `<!doctype html>
<html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><link rel="icon" href="data:,">
<title>${esc(election.name)}: ${esc(own[lang].live)}</title><style>${style}</style></head>
<body><main id="live" class="kenesh-report" aria-live="polite">`
    yield* liveBody(election, result, status, lang)
    yield `</main>
<script>${script}</script></body></html>
`
  })
