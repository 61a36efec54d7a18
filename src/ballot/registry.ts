/** The precinct registry: which precincts exist, their territory, district and voters (SPEC §1.1). */
import { Either } from "effect"
import * as fs from "node:fs"
import { Interner } from "./interner.js"
import { shown as shownCell, type Problem } from "./problem.js"
import { resolveColumns, Role, type HeaderCell } from "./csv-header.js"
import { emptyText, type CellProblem } from "./protocol-row.js"
import { readCsvCsvParse } from "./protocol-csv-parse.js"
import { readCsvFast, type CsvSchema } from "./protocol-scan.js"

/** The registry's rows in columns, with where each row was written (for messages). */
export interface Registry {
  readonly source: string
  /** The precinct ids by their bytes: precinct `i` of the registry is entry `i`. */
  readonly interner: Interner
  readonly size: number
  /** Territory of each precinct, as an index into `territoryNames`. */
  readonly territoryIndex: Int32Array
  readonly territoryNames: ReadonlyArray<string>
  /** District of each precinct, as an index into `districtNames` ("" for proportional elections). */
  readonly districtIndex: Int32Array
  readonly districtNames: ReadonlyArray<string>
  readonly voters: Float64Array
  readonly position: (i: number) => { file: string; line: number; column: number }
}

/** Names to indexes, for a column of repeated strings. */
export class NameColumn {
  readonly names: Array<string> = []
  private readonly seen = new Map<string, number>()
  private index = new Int32Array(1024)
  private size = 0

  private last = -1

  /** Appends a name. */
  push(name: string): void {
    let k = this.last >= 0 && this.names[this.last] === name ? this.last : this.seen.get(name)
    if (k === undefined) {
      k = this.names.length
      this.seen.set(name, k)
      this.names.push(name)
    }
    this.last = k
    if (this.size === this.index.length) {
      const grown = new Int32Array(this.index.length * 2)
      grown.set(this.index)
      this.index = grown
    }
    this.index[this.size++] = k
  }

  /** The indexes pushed so far. */
  indexes(): Int32Array {
    return this.index.subarray(0, this.size)
  }
}

const none: ReadonlyArray<CellProblem> = []

/**
 * The registry CSV's columns: `id,territory,district,voters` in any order; `district` may be left out.
 * Each row's district text is handed to `onDistrict` (a row carries only numbers and ids).
 */
const registrySchema = (onDistrict: (district: string) => void): CsvSchema => ({
  width: 1,
  blankFrom: 1,
  resolve: (cells: ReadonlyArray<HeaderCell>) => {
    const known = new Map<string, number>([["id", Role.precinct], ["territory", Role.territory], ["district", Role.district], ["voters", 0]])
    const { roles, problems } = resolveColumns(cells, {
      known,
      required: ["id", "territory", "voters"],
      unknownHint: "the registry's columns are id, territory, district, voters"
    })
    const idCol = roles.indexOf(Role.precinct)
    const territoryCol = roles.indexOf(Role.territory)
    const districtCol = roles.indexOf(Role.district)
    return {
      roles,
      problems,
      check: (texts, _values, row) => {
        row.precinct = texts[idCol]
        row.territory = texts[territoryCol]
        onDistrict(districtCol >= 0 ? texts[districtCol] : "")
        if (!emptyText(row.precinct) && !emptyText(row.territory)) return none
        const out: Array<CellProblem> = []
        if (emptyText(row.precinct)) out.push({ col: idCol, message: "the precinct id is empty" })
        if (emptyText(row.territory)) out.push({ col: territoryCol, message: "the territory id is empty" })
        return out
      }
    }
  }
})

/** Reads a registry CSV with the byte scanner (or csv-parse, the reference); `shown` is its name in messages. */
export const readRegistryCsv = (file: string, shown: string, reader: "fast" | "csv-parse" = "fast"): Either.Either<Registry, ReadonlyArray<Problem>> => {
  try {
    fs.accessSync(file, fs.constants.R_OK)
  } catch (e) {
    return Either.left([{ file: shown, line: 1, column: 1, message: `cannot read the precinct registry: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}` }])
  }
  const territory = new NameColumn()
  const district = new NameColumn()
  const lines: Array<number> = []
  const twice: Array<Problem> = []
  let voters = new Float64Array(1024)
  let rowDistrict = ""
  const interner = new Interner()
  const report = (reader === "fast" ? readCsvFast : readCsvCsvParse)(file, registrySchema((d) => (rowDistrict = d)), {
    name: shown,
    fileIndex: 0,
    precincts: interner,
    addPrecincts: true,
    sink: {
      row: (row) => {
        const i = lines.length
        if (row.precinctIndex !== i) {
          twice.push({ file: shown, line: row.line, column: 1, message: `precinct "${shownCell(interner.string(row.precinctIndex))}" is registered twice (first at line ${lines[row.precinctIndex]})` })
          return
        }
        if (i === voters.length) {
          const grown = new Float64Array(voters.length * 2)
          grown.set(voters)
          voters = grown
        }
        voters[i] = row.values[0]
        territory.push(row.territory)
        district.push(rowDistrict)
        lines.push(row.line)
      }
    }
  })
  const problems = [...report.problems, ...twice]
  if (problems.length > 0) return Either.left(problems)
  return Either.right({
    source: shown,
    interner,
    size: lines.length,
    territoryIndex: territory.indexes(),
    territoryNames: territory.names,
    districtIndex: district.indexes(),
    districtNames: district.names,
    voters: voters.subarray(0, lines.length),
    position: (i) => ({ file: shown, line: lines[i], column: 1 })
  })
}
