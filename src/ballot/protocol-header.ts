/** Maps a protocols file's header onto the layout: any column order, every unknown or missing column reported. */
import { resolveColumns, Role, type HeaderCell, type ResolvedHeader } from "./csv-header.js"
import { firstChoice, lineFields, type ProtocolLayout } from "./protocol.js"

/** Resolves header cells against the layout (SPEC §1.2). */
export const resolveHeader = (cells: ReadonlyArray<HeaderCell>, layout: ProtocolLayout): ResolvedHeader => {
  const known = new Map<string, number>([
    ["precinct", Role.precinct],
    ["territory", Role.territory],
    ["district", layout.system === "majoritarian" ? Role.district : Role.ignored],
    ["version", Role.version],
    ["source", Role.source]
  ])
  lineFields.forEach((f, i) => known.set(f, i))
  layout.choices.forEach((c, i) => {
    if (!known.has(c)) known.set(c, firstChoice + i)
  })
  const required = ["precinct", "territory", ...(layout.system === "majoritarian" ? ["district"] : []), ...lineFields]
  if (layout.system === "proportional") required.push(...layout.choices)
  const what = layout.system === "proportional" ? "party" : "candidate"
  return resolveColumns(cells, { known, required, unknownHint: `it is not a protocol line nor a ${what} of this election` })
}
