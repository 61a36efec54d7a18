/**
 * `results.csv` (SPEC §1.3), the vote totals `kenesh allocate` reads: header `party,votes` or
 * `candidate,votes[,gender]` in any order, counts in decimal digits only, read by the CSV core like every
 * other file, every problem at its `file:line:column`.
 */
import { maxCount } from "./count-cell.js"
import { resolveColumns, Role, type HeaderCell } from "./csv-header.js"
import { InputError, shown } from "./problem.js"
import { readCsvCsvParse } from "./protocol-csv-parse.js"
import type { CellProblem } from "./protocol-row.js"
import { readCsvFast, type CsvSchema } from "./protocol-scan.js"

/** One row of a results file: a list or candidate, its votes and, for candidates, the gender when the file has it. */
export interface ResultRow {
  readonly id: string
  readonly votes: number
  readonly gender: "F" | "M" | null
}

/** A decoded results file (SPEC §1.3): which kind of rows it holds, whether it has a gender column, and the rows. */
export interface ResultsFile {
  readonly system: "proportional" | "majoritarian"
  readonly hasGender: boolean
  readonly rows: ReadonlyArray<ResultRow>
}

/** What the header told: the system, the gender column, the header's line. */
interface ResultsHeader {
  system: "proportional" | "majoritarian"
  hasGender: boolean
  line: number
}

/**
 * The results file's columns, and the check of each row: an id, given once; a gender F or M; votes that still
 * add up exactly (the sum of every row stays at most 2^53 - 1). A good row's gender goes to `onGender`.
 */
const resultsSchema = (header: ResultsHeader, onGender: (gender: "F" | "M" | null) => void): CsvSchema => ({
  width: 1,
  blankFrom: 1,
  resolve: (cells: ReadonlyArray<HeaderCell>) => {
    // Text roles borrowed from protocols: the id column reads as `precinct` (no table of known ids is given, so it
    // is plain text), the gender as `district`; the votes are the one value slot.
    const known = new Map<string, number>([["party", Role.precinct], ["candidate", Role.precinct], ["votes", 0], ["gender", Role.district]])
    const resolved = resolveColumns(cells, { known, required: ["votes"], unknownHint: "the header is party,votes or candidate,votes[,gender]" })
    const { roles, index } = resolved
    const problems = [...resolved.problems]
    const start = cells[0] ?? { line: 1, column: 1 }
    header.line = start.line
    if (index.has("party") && index.has("candidate"))
      problems.push({ line: start.line, column: 1, message: 'the header names both "party" and "candidate"; a results file holds one or the other' })
    else if (!index.has("party") && !index.has("candidate"))
      problems.push({ line: start.line, column: 1, message: 'the header has no column "party" (lists) nor "candidate" (candidates)' })
    const genderCol = index.get("gender")
    if (index.has("party") && genderCol !== undefined)
      problems.push({ line: cells[genderCol].line, column: cells[genderCol].column, message: 'a "gender" column belongs to candidates, not to party lists' })
    header.system = index.has("party") ? "proportional" : "majoritarian"
    header.hasGender = genderCol !== undefined
    const idName = header.system === "proportional" ? "party" : "candidate"
    const idCol = roles.indexOf(Role.precinct)
    const seen = new Map<string, number>()
    let sum = 0
    let overflowed = false
    const out: Array<CellProblem> = []
    return {
      roles,
      problems,
      check: (texts, values, row) => {
        out.length = 0
        const id = texts[idCol]
        row.precinct = id
        if (id.trim() === "") out.push({ col: idCol, message: `${idName}: the cell is empty; write the ${idName} id` })
        else if (seen.has(id)) out.push({ col: idCol, message: `${idName}: "${shown(id)}" appears twice (first on line ${seen.get(id)})` })
        else seen.set(id, row.line)
        const gender = genderCol === undefined ? null : texts[genderCol]
        if (gender !== null && gender !== "F" && gender !== "M")
          out.push({ col: genderCol!, message: `gender: "${shown(gender)}" is not a gender; write F or M` })
        if (out.length > 0) return out
        // SPEC §5: a total beyond what can be counted exactly is unusable input.
        if (sum + values[0] > maxCount) {
          if (!overflowed) out.push({ col: index.get("votes")!, message: `votes: with this row the votes add up to more than ${maxCount}, too many to count exactly` })
          overflowed = true
          return out
        }
        sum += values[0]
        onGender(gender as "F" | "M" | null)
        return out
      }
    }
  }
})

/**
 * Decodes the bytes of `results.csv` (SPEC §1.3), named `file` in messages, with the byte scanner or csv-parse:
 * the rows, or every problem that makes the file unusable.
 * @example readResults("r.csv", Buffer.from("party,votes\nsdpk,4854\n")) // { system: "proportional", hasGender: false, rows: [...] }
 */
export const readResults = (file: string, bytes: Uint8Array, reader: "fast" | "csv-parse" = "fast"): ResultsFile | InputError => {
  const header: ResultsHeader = { system: "proportional", hasGender: false, line: 1 }
  const rows: Array<ResultRow> = []
  let gender: "F" | "M" | null = null
  const schema = resultsSchema(header, (g) => (gender = g))
  const report = (reader === "fast" ? readCsvFast : readCsvCsvParse)(bytes, schema, {
    name: file,
    fileIndex: 0,
    sink: { row: (row) => rows.push({ id: row.precinct, votes: row.values[0], gender }) }
  })
  if (report.problems.length > 0) return new InputError({ problems: report.problems, more: report.moreProblems })
  if (rows.length === 0) {
    const idName = header.system === "proportional" ? "party" : "candidate"
    return new InputError({ problems: [{ file, line: header.line + 1, column: 1, message: `the file has a header but no rows; write one row per ${idName}` }] })
  }
  return { system: header.system, hasGender: header.hasGender, rows }
}
