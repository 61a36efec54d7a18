/** The stored protocols as a protocols file (SPEC §1.2 with `source` and `version`), the text `GET /api/protocols.csv` serves. */
import type { Election } from "../ballot/election.js"
import { blank, firstChoice, lineFields } from "../ballot/protocol.js"
import type { StoredProtocol } from "../store/store.js"

/** Compares protocols by precinct, then source, then version: the order of the export. */
export const compareProtocols = (a: StoredProtocol, b: StoredProtocol): number =>
  a.precinct < b.precinct ? -1 : a.precinct > b.precinct ? 1 : a.source < b.source ? -1 : a.source > b.source ? 1 : a.version - b.version

/** A CSV cell, quoted (RFC 4180) when it holds a comma, a quote or a line break. */
const cell = (text: string): string => (/[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text)

/** The export of protocols already in `compareProtocols` order, with the line each protocol starts on. */
export interface ProtocolsExport {
  readonly text: string
  /** Per protocol (same index), the line of the export where it starts. */
  readonly lines: Int32Array
}

/** Writes the protocols (sorted by `compareProtocols`) as a protocols file of the election. */
export const exportProtocols = (election: Election, protocols: ReadonlyArray<StoredProtocol>): ProtocolsExport => {
  const majoritarian = election.system === "majoritarian"
  const header = ["precinct", "source", "version", "territory", ...(majoritarian ? ["district"] : []), ...lineFields, ...election.layout.choices]
  const parts: Array<string> = [header.map(cell).join(",") + "\n"]
  let line = parts[0].split("\n").length
  const lines = new Int32Array(protocols.length)
  protocols.forEach((p, i) => {
    let row = `${cell(p.precinct)},${p.source},${p.version},${cell(p.territory)}`
    if (majoritarian) row += `,${cell(p.district)}`
    const v = p.values
    for (let j = 0; j < v.length; j++) row += v[j] === blank && j >= firstChoice ? "," : `,${v[j]}`
    row += "\n"
    lines[i] = line
    // A line break inside a quoted id makes the record span more lines (the readers count LF only).
    line += p.precinct.includes("\n") || p.territory.includes("\n") || p.district.includes("\n") ? row.split("\n").length - 1 : 1
    parts.push(row)
  })
  return { text: parts.join(""), lines }
}
