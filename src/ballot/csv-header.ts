/**
 * The header of any CSV file we read (protocols, registry, results.csv): each column's role by its name, and
 * every unknown, nameless, repeated or missing column reported where it is.
 */
import type { Position } from "./position.js"
import { shown } from "./problem.js"

/** Column roles other than a value slot (value slots are >= 0); text roles are the negative ones but `ignored`. */
export const Role = { precinct: -1, territory: -2, district: -3, version: -4, ignored: -5, source: -6 } as const

/** Whether a role is a text column (an id or a version), as opposed to a value slot or an ignored column. */
export const isTextRole = (role: number): boolean => role < 0 && role !== Role.ignored

/** A header cell's text and where it starts. */
export interface HeaderCell extends Position {
  readonly name: string
}

/** A problem of the header, at a cell or at the header's start. */
export interface HeaderProblem extends Position {
  readonly message: string
}

/** What a kind of file's header may hold. */
export interface HeaderSpec {
  /** The role of each known column name. */
  readonly known: ReadonlyMap<string, number>
  /** The names that must be there. */
  readonly required: ReadonlyArray<string>
  /** Why a name is not a column of this kind of file (after `unknown column "NAME"`). */
  readonly unknownHint: string
}

/** The role of each column of a file (unknown and repeated columns are `Role.ignored`), and the header's problems. */
export interface ResolvedHeader {
  readonly roles: Int32Array
  readonly problems: ReadonlyArray<HeaderProblem>
  /** The column index of each name found (its first occurrence). */
  readonly index: ReadonlyMap<string, number>
}

/**
 * Resolves header cells against a spec: columns in any order, every problem reported.
 * @example resolveColumns([{ name: "votes", line: 1, column: 1 }], { known: new Map([["votes", 0]]), required: ["votes"], unknownHint: "" }).roles // Int32Array [0]
 */
export const resolveColumns = (cells: ReadonlyArray<HeaderCell>, spec: HeaderSpec): ResolvedHeader => {
  const problems: Array<HeaderProblem> = []
  const roles = new Int32Array(cells.length).fill(Role.ignored)
  const index = new Map<string, number>()
  cells.forEach((cell, i) => {
    const role = spec.known.get(cell.name)
    if (role === undefined) {
      const message = cell.name.trim() === "" ? "a column has no name in the header" : `unknown column "${shown(cell.name)}": ${spec.unknownHint}`
      problems.push({ line: cell.line, column: cell.column, message })
    } else if (index.has(cell.name)) {
      problems.push({ line: cell.line, column: cell.column, message: `the column "${cell.name}" appears twice in the header` })
    } else {
      index.set(cell.name, i)
      roles[i] = role
    }
  })
  const missing = spec.required.filter((name) => !index.has(name))
  if (missing.length > 0) {
    const names = missing.map((m) => `"${m}"`).join(", ")
    const at = cells[0] ?? { line: 1, column: 1 }
    problems.push({ line: at.line, column: 1, message: missing.length === 1 ? `the header has no column ${names}` : `the header has no columns ${names}` })
  }
  return { roles, problems, index }
}
