/** `kenesh allocate RESULTS.csv --seats N [...]` (SPEC §2): seats from vote totals, for commissions and analysts. */
import { Args, Command, Options } from "@effect/cli"
import { parse } from "csv-parse/sync"
import { Effect, Option } from "effect"
import * as fs from "node:fs"
import { compareMethods } from "../allocation/compare.js"
import { allocateDistrict } from "../allocation/majoritarian.js"
import { allocateProportional } from "../allocation/proportional.js"
import { assembleRequest } from "../allocation/request.js"
import { methods } from "../allocation/types.js"
import { readCount } from "../ballot/count-cell.js"
import { InputError, UsageError, type Problem } from "../ballot/problem.js"
import { allocationCsv, allocationTable, comparisonCsv, comparisonTable } from "../report/allocation-view.js"
import { ExitCode, formatOption, printOut, resolveFormat, setExitCode, toJson } from "./common.js"

// ---- The results.csv decoder (SPEC §1.3) --------------------------------------------------------------------

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

/** 1-based line and column where each cell of a raw record starts (quote-aware). */
const cellStarts = (raw: string, firstLine: number): Array<{ line: number; column: number }> => {
  const starts = [{ line: firstLine, column: 1 }]
  let line = firstLine
  let column = 1
  let quoted = false
  for (const ch of raw) {
    if (ch === '"') quoted = !quoted
    if (ch === "\n") {
      line++
      column = 1
      continue
    }
    column++
    if (ch === "," && !quoted) starts.push({ line, column })
  }
  return starts
}

interface RawRecord {
  readonly record: Array<string>
  readonly raw: string
  readonly info: { readonly lines: number }
}

/**
 * Decodes `results.csv` (SPEC §1.3): header `party,votes` or `candidate,votes[,gender]` in any order, counts in
 * decimal digits only, every problem reported at its `file:line:column`.
 * @example readResults("r.csv", "party,votes\nsdpk,4854\n") // { system: "proportional", hasGender: false, rows: [...] }
 */
export const readResults = (file: string, text: string): ResultsFile | ReadonlyArray<Problem> => {
  const problems: Array<Problem> = []
  const problem = (line: number, column: number, message: string) => problems.push({ file, line, column, message })
  let records: Array<RawRecord>
  try {
    records = parse(text, { bom: true, relax_column_count: true, skip_empty_lines: true, info: true, raw: true }) as unknown as Array<RawRecord>
  } catch (e) {
    const lines = (e as { lines?: unknown }).lines
    problem(typeof lines === "number" ? lines : 1, 1, `the file is not valid CSV: ${(e as Error).message}`)
    return problems
  }
  if (records.length === 0) {
    problem(1, 1, "the file is empty; it needs the header party,votes or candidate,votes[,gender]")
    return problems
  }
  const positioned = records.map(({ record, raw, info }) => {
    const body = raw.replace(/\r?\n$|\r$/, "")
    const firstLine = info.lines - (body.match(/\n/g)?.length ?? 0)
    return { record, line: firstLine, at: cellStarts(body, firstLine) }
  })
  const header = positioned[0]
  const known = ["party", "candidate", "votes", "gender"]
  const index = new Map<string, number>()
  header.record.forEach((name, i) => {
    const at = header.at[i]
    if (!known.includes(name)) problem(at.line, at.column, name.trim() === "" ? "a column has no name in the header" : `unknown column "${name}": the header is party,votes or candidate,votes[,gender]`)
    else if (index.has(name)) problem(at.line, at.column, `the column "${name}" appears twice in the header`)
    else index.set(name, i)
  })
  if (index.has("party") && index.has("candidate")) problem(header.line, 1, 'the header names both "party" and "candidate"; a results file holds one or the other')
  else if (!index.has("party") && !index.has("candidate")) problem(header.line, 1, 'the header has no column "party" (lists) nor "candidate" (candidates)')
  if (!index.has("votes")) problem(header.line, 1, 'the header has no column "votes"')
  if (index.has("party") && index.has("gender")) problem(header.line, header.at[index.get("gender")!].column, 'a "gender" column belongs to candidates, not to party lists')
  if ((index.has("party") === index.has("candidate")) || !index.has("votes")) return problems
  const system = index.has("party") ? "proportional" : "majoritarian"
  const idName = system === "proportional" ? "party" : "candidate"
  const idCol = index.get(idName)!
  const votesCol = index.get("votes")!
  const genderCol = index.get("gender")
  const rows: Array<ResultRow> = []
  const seen = new Map<string, number>()
  for (const { record, line, at } of positioned.slice(1)) {
    if (record.length !== header.record.length) {
      problem(line, 1, `this row has ${record.length} cells but the header has ${header.record.length}`)
      continue
    }
    const id = record[idCol]
    const votes = readCount(record[votesCol])
    let ok = true
    if (id.trim() === "") {
      problem(line, at[idCol].column, `${idName}: the cell is empty; write the ${idName} id`)
      ok = false
    } else if (seen.has(id)) {
      problem(line, at[idCol].column, `${idName}: "${id}" appears twice (first on line ${seen.get(id)})`)
      ok = false
    } else seen.set(id, line)
    if (typeof votes === "string") {
      problem(line, at[votesCol].column, `votes: ${votes}`)
      ok = false
    }
    const gender = genderCol === undefined ? null : record[genderCol]
    if (gender !== null && gender !== "F" && gender !== "M") {
      problem(line, at[genderCol!].column, `gender: "${gender}" is not a gender; write F or M`)
      ok = false
    }
    if (ok) rows.push({ id, votes: votes as number, gender: gender as "F" | "M" | null })
  }
  if (problems.length === 0 && rows.length === 0) problem(header.line + 1, 1, `the file has a header but no rows; write one row per ${idName}`)
  return problems.length > 0 ? problems : { system, hasGender: genderCol !== undefined, rows }
}

// ---- The command -------------------------------------------------------------------------------------------

const methodOption = Options.choice("method", methods).pipe(
  Options.withDescription("Analyst's method (without it, the statutory rules of --edition apply: threshold, Hare, against-all and reserve rules)"),
  Options.optional
)

/**
 * The `--lot` values as typed. The command-line parser drops empty arguments, so `--lot ""` would vanish and the
 * allocation run as if no lot were given; an empty value is put back here so that it is refused (SPEC §2).
 */
const lotValues = (parsed: ReadonlyArray<string>, argv: ReadonlyArray<string>): ReadonlyArray<string> =>
  argv.some((arg, k) => arg === "--lot=" || (arg === "--lot" && argv[k + 1] === "")) ? ["", ...parsed] : parsed

/** The value of an optional flag, or null. */
const given = <A>(value: Option.Option<A>): A | null => Option.getOrNull(value)

/** `kenesh allocate RESULTS.csv --seats N [...]`: allocates seats from totals; exit 0 when allocated, 1 when a lot is required or the election failed. */
export const allocateCommand = Command.make(
  "allocate",
  {
    results: Args.text({ name: "RESULTS.csv" }).pipe(Args.withDescription("Totals: party,votes or candidate,votes[,gender]")),
    seats: Options.text("seats").pipe(Options.withPseudoName("N"), Options.withDescription("Seats to allocate, 1 to 1000")),
    system: Options.choice("system", ["proportional", "majoritarian"] as const).pipe(
      Options.withDescription("Default: from the results header (party or candidate)"),
      Options.optional
    ),
    method: methodOption,
    compare: Options.text("compare").pipe(
      Options.withPseudoName("M1,M2,...|all"),
      Options.withDescription("Allocate by each of these methods and show them side by side (all: every method)"),
      Options.optional
    ),
    threshold: Options.text("threshold").pipe(Options.withPseudoName("PCT"), Options.withDescription("Threshold as a decimal percent, e.g. 7 or 0.5"), Options.optional),
    thresholdOp: Options.choice("threshold-op", ["gt", "ge"] as const).pipe(Options.withDescription("gt: more than; ge: at least"), Options.optional),
    participants: Options.text("participants").pipe(Options.withPseudoName("N"),
      Options.withDescription("Voters who took part, the threshold base (default: rows + --against-all + --invalid)"),
      Options.optional
    ),
    againstAll: Options.text("against-all").pipe(Options.withPseudoName("N"), Options.withDescription('Votes "against all" (default 0)'), Options.optional),
    invalid: Options.text("invalid").pipe(Options.withPseudoName("N"), Options.withDescription("Invalid ballots (default 0)"), Options.optional),
    edition: Options.choice("edition", ["2011", "2024"] as const).pipe(Options.withDescription("Text of the law (default 2024)"), Options.optional),
    tie: Options.choice("tie", ["lot", "votes"] as const).pipe(Options.withDescription("Equal claims: lot (default) or more votes first"), Options.optional),
    lot: Options.text("lot").pipe(Options.withPseudoName("IDS"), Options.withDescription("Winners of a drawing of lots, ID,... (repeat for several drawings)"), Options.repeated),
    reservedForWomen: Options.text("reserved-for-women").pipe(Options.withPseudoName("N"), Options.withDescription("Seats reserved for women (majoritarian)"), Options.optional),
    format: formatOption
  },
  (flags) =>
    Effect.gen(function* () {
      const text = yield* Effect.try({
        try: () => fs.readFileSync(flags.results, "utf8"),
        catch: (e) => new UsageError({ message: `cannot read ${flags.results}: ${(e as Error).message}` })
      })
      const decoded = readResults(flags.results, text)
      if (!("rows" in decoded)) return yield* Effect.fail(new InputError({ problems: decoded }))
      const system = Option.getOrElse(flags.system, () => decoded.system)
      if (system !== decoded.system)
        return yield* Effect.fail(
          new InputError({
            problems: [{ file: flags.results, line: 1, column: 1, message: `--system ${system} needs the header ${system === "proportional" ? "party,votes" : "candidate,votes[,gender]"}` }]
          })
        )
      const assembled = assembleRequest(
        {
          seats: flags.seats,
          system: given(flags.system),
          method: given(flags.method),
          compare: given(flags.compare),
          threshold: given(flags.threshold),
          thresholdOp: given(flags.thresholdOp),
          participants: given(flags.participants),
          againstAll: given(flags.againstAll),
          invalid: given(flags.invalid),
          edition: given(flags.edition),
          tie: given(flags.tie),
          lot: lotValues(flags.lot, process.argv.slice(2)),
          reservedForWomen: given(flags.reservedForWomen)
        },
        decoded
      )
      if (!assembled.ok) return yield* Effect.fail(new UsageError({ message: assembled.message }))
      const request = assembled.request
      for (const warning of request.warnings) process.stderr.write(`kenesh: ${flags.results}: ${warning}\n`)
      const format = resolveFormat(flags.format)
      const title = `${flags.results}: ${request.how}`
      if (request.system === "proportional" && request.compare !== null) {
        const comparison = compareMethods(request.input, request.compare)
        yield* printOut(format === "json" ? toJson(comparison) : format === "csv" ? comparisonCsv(comparison) : comparisonTable(comparison, title))
        return yield* setExitCode(comparison.methods.every((m) => m.status === "allocated") ? ExitCode.final : ExitCode.notFinal)
      }
      const result = request.system === "proportional" ? allocateProportional(request.input) : allocateDistrict(request.input)
      yield* printOut(format === "json" ? toJson(result) : format === "csv" ? allocationCsv(result) : allocationTable(result, title))
      return yield* setExitCode(result.status === "allocated" ? ExitCode.final : ExitCode.notFinal)
    })
).pipe(Command.withDescription("Allocate seats from vote totals (results.csv), by the statutory rules or an analyst's method"))
