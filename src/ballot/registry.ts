/** The precinct registry: which precincts exist, their territory, district and voters (SPEC §1.1). */
import { parse } from "csv-parse/sync"
import { Either } from "effect"
import * as fs from "node:fs"
import { readCount } from "./count-cell.js"
import type { Problem } from "./problem.js"

/** The registry's rows in columns, with where each row was written (for messages). */
export interface RegistryRows {
  readonly source: string
  readonly ids: ReadonlyArray<string>
  readonly territory: ReadonlyArray<string>
  /** District id per precinct ("" for proportional elections). */
  readonly district: ReadonlyArray<string>
  readonly voters: Float64Array
  readonly position: (i: number) => { file: string; line: number; column: number }
}

/** The registry with an index from precinct id to row. */
export interface Registry extends RegistryRows {
  readonly index: ReadonlyMap<string, number>
}

const columns = ["id", "territory", "district", "voters"] as const

/** Reads a registry CSV with columns `id,territory,district,voters` in any order (`district` may be absent for proportional). */
export const readRegistryCsv = (file: string, shown: string): Either.Either<RegistryRows, ReadonlyArray<Problem>> => {
  let text: string
  try {
    text = fs.readFileSync(file, "utf8")
  } catch (e) {
    return Either.left([{ file: shown, line: 1, column: 1, message: `cannot read the precinct registry: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}` }])
  }
  const problems: Array<Problem> = []
  let records: Array<{ record: Array<string>; info: { lines: number } }>
  try {
    records = parse(text, { bom: true, relax_column_count: true, skip_empty_lines: true, info: true }) as unknown as typeof records
  } catch (e) {
    const err = e as { lines?: number; message: string }
    return Either.left([{ file: shown, line: err.lines ?? 1, column: 1, message: `the registry is not well-formed CSV: ${err.message}` }])
  }
  if (records.length === 0) return Either.left([{ file: shown, line: 1, column: 1, message: "the registry is empty; it needs a header row id,territory,district,voters" }])
  const header = records[0].record
  const col = new Map(header.map((h, i) => [h, i]))
  header.forEach((h) => {
    if (!(columns as ReadonlyArray<string>).includes(h)) problems.push({ file: shown, line: 1, column: 1, message: `unknown column "${h}" in the registry; expected id, territory, district, voters` })
  })
  for (const c of ["id", "territory", "voters"]) {
    if (!col.has(c)) problems.push({ file: shown, line: 1, column: 1, message: `the registry has no column "${c}"` })
  }
  if (problems.length > 0) return Either.left(problems)
  const ids: Array<string> = []
  const territory: Array<string> = []
  const district: Array<string> = []
  const lines: Array<number> = []
  const voters = new Float64Array(records.length - 1)
  for (let r = 1; r < records.length; r++) {
    const { record, info } = records[r]
    const line = info.lines
    if (record.length !== header.length) {
      problems.push({ file: shown, line, column: 1, message: `this row has ${record.length} cells but the header has ${header.length}` })
      continue
    }
    const id = record[col.get("id")!]
    if (id === "") problems.push({ file: shown, line, column: 1, message: "the precinct id is empty" })
    const v = readCount(record[col.get("voters")!])
    if (typeof v === "string") problems.push({ file: shown, line, column: 1, message: `voters: ${v}` })
    else voters[ids.length] = v
    ids.push(id)
    territory.push(record[col.get("territory")!])
    district.push(col.has("district") ? record[col.get("district")!] : "")
    lines.push(line)
  }
  if (problems.length > 0) return Either.left(problems)
  return Either.right({
    source: shown,
    ids,
    territory,
    district,
    voters: voters.subarray(0, ids.length),
    position: (i) => ({ file: shown, line: lines[i], column: 1 })
  })
}
