/** The stored protocols as a protocols file (SPEC §1.2 with `source` and `version`), the text `GET /api/protocols.csv` serves, in pieces. */
import type { Election } from "../ballot/election.js"
import { blank, firstChoice, lineFields } from "../ballot/protocol.js"
import { inPieces, type Pieces } from "../report/pieces.js"
import type { StoredProtocol } from "../store/store.js"

/** Compares protocols by precinct, then source, then version: the order of the export. */
export const compareProtocols = (a: StoredProtocol, b: StoredProtocol): number =>
  a.precinct < b.precinct ? -1 : a.precinct > b.precinct ? 1 : a.source < b.source ? -1 : a.source > b.source ? 1 : a.version - b.version

/** A CSV cell, quoted (RFC 4180) when it holds a comma, a quote or a line break. */
const cell = (text: string): string => (/[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text)

/** A line break inside a quoted id makes a record span more lines (the readers count LF only). */
const breaks = (p: StoredProtocol): number => (p.precinct.includes("\n") || p.territory.includes("\n") || p.district.includes("\n") ? (p.precinct + p.territory + p.district).split("\n").length : 1)

/** The line of the export each protocol starts on (the header is line 1), without writing the export. */
export const exportLines = (protocols: ReadonlyArray<StoredProtocol>): Int32Array => {
  const lines = new Int32Array(protocols.length)
  let line = 2
  protocols.forEach((p, i) => {
    lines[i] = line
    line += breaks(p)
  })
  return lines
}

/** Each protocol's line of the export, made once: a stored protocol never changes. */
const rowText = new WeakMap<StoredProtocol, string>()

/** A protocol's record in the export (without its line end). */
const row = (p: StoredProtocol, majoritarian: boolean): string => {
  let text = rowText.get(p)
  if (text === undefined) {
    const cells = [cell(p.precinct), p.source, String(p.version), cell(p.territory)]
    if (majoritarian) cells.push(cell(p.district))
    p.values.forEach((v, j) => cells.push(v === blank && j >= firstChoice ? "" : String(v)))
    text = cells.join(",")
    rowText.set(p, text)
  }
  return text
}

/**
 * The protocols (sorted by `compareProtocols`) as a protocols file of the election, in pieces of about a megabyte
 * (src/report/pieces.ts) made anew at each reading from the rows' kept text: millions of protocols are never one string.
 */
export const exportProtocols = (election: Election, protocols: ReadonlyArray<StoredProtocol>): Pieces => {
  const majoritarian = election.system === "majoritarian"
  const header = ["precinct", "source", "version", "territory", ...(majoritarian ? ["district"] : []), ...lineFields, ...election.layout.choices]
  return inPieces(function* () {
    yield `${header.map(cell).join(",")}\n`
    for (const p of protocols) yield `${row(p, majoritarian)}\n`
  })
}
