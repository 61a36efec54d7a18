/** Maps a protocols file's header onto the layout: any column order, every unknown or missing column reported. */
import { firstChoice, lineFields, type ProtocolLayout } from "./protocol.js"

/** Column roles other than a value slot (value slots are >= 0). */
export const Role = { precinct: -1, territory: -2, district: -3, version: -4, ignored: -5, source: -6 } as const

/** A header cell's text and where it starts. */
export interface HeaderCell {
  readonly name: string
  readonly column: number
}

/** The role of each column of a file, or the problems with its header. */
export interface ResolvedHeader {
  readonly roles: Int32Array
  readonly problems: ReadonlyArray<{ readonly column: number; readonly message: string }>
}

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
  const problems: Array<{ column: number; message: string }> = []
  const roles = new Int32Array(cells.length)
  const seen = new Map<string, number>()
  cells.forEach((cell, i) => {
    const role = known.get(cell.name)
    roles[i] = role ?? Role.ignored
    if (role === undefined) {
      const what = layout.system === "proportional" ? "party" : "candidate"
      problems.push({
        column: cell.column,
        message:
          cell.name.trim() === ""
            ? "a column has no name in the header"
            : `unknown column "${cell.name}": it is not a protocol line nor a ${what} of this election`
      })
    } else if (seen.has(cell.name)) {
      problems.push({ column: cell.column, message: `the column "${cell.name}" appears twice in the header` })
      roles[i] = Role.ignored
    }
    seen.set(cell.name, i)
  })
  const required = ["precinct", "territory", ...(layout.system === "majoritarian" ? ["district"] : []), ...lineFields]
  if (layout.system === "proportional") required.push(...layout.choices)
  const missing = required.filter((name) => !seen.has(name))
  if (missing.length > 0) {
    const names = missing.map((m) => `"${m}"`).join(", ")
    problems.push({
      column: 1,
      message: missing.length === 1 ? `the header has no column ${names}` : `the header has no columns ${names}`
    })
  }
  return { roles, problems }
}
