/** `kenesh allocate RESULTS.csv --seats N [...]` (SPEC §2): seats from vote totals, for commissions and analysts. */
import { Args, Command, Options } from "@effect/cli"
import { parse } from "csv-parse/sync"
import { stringify } from "csv-stringify/sync"
import { Effect, Option } from "effect"
import * as fs from "node:fs"
import { parseDecimal } from "../allocation/exact.js"
import { allocateDistrict } from "../allocation/majoritarian.js"
import { allocateProportional } from "../allocation/proportional.js"
import { stepsTable } from "../allocation/steps.js"
import {
  methods,
  type CandidateVotes,
  type DistrictResult,
  type Lot,
  type Method,
  type ProportionalResult,
  type ProportionalRules
} from "../allocation/types.js"
import { readCount } from "../ballot/count-cell.js"
import { InputError, UsageError, type Problem } from "../ballot/problem.js"
import { defaultEdition, editions, type Edition, type ThresholdOp, type TieRule } from "../ballot/rules.js"
import { columns } from "../report/table.js"
import { ExitCode, formatOption, parseCountFlag, printOut, resolveFormat, setExitCode, toJson, type Format } from "./common.js"

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

const usage = (message: string) => Effect.fail(new UsageError({ message }))

/** An optional whole-number flag, parsed strictly. */
const countFlag = (name: string, value: Option.Option<string>) =>
  Option.isNone(value) ? Effect.succeed(Option.none<number>()) : Effect.map(parseCountFlag(name, value.value), Option.some)

/** `--lot ID,...` (repeatable): each occurrence is one drawing of lots, naming its winners. */
const readLots = (values: ReadonlyArray<string>, ids: ReadonlyArray<string>) =>
  Effect.forEach(values, (value) => {
    const winners = value.split(",")
    const unknown = winners.filter((w) => !ids.includes(w))
    if (unknown.length > 0)
      return usage(`--lot ${value}: ${unknown.map((u) => (u === "" ? "an empty name" : `"${u}"`)).join(", ")} ${unknown.length === 1 ? "is" : "are"} not in the results`)
    return Effect.succeed<Lot>({ winners })
  })

/** The table view: the seats, the tie if any, then the derivation step by step and the status in one line. */
const table = (result: ProportionalResult | DistrictResult, title: string): string => {
  const out = [title, ""]
  if ("parties" in result) {
    out.push(columns([["party", "votes", "admitted", "seats", "elected"], ...result.parties.map((p) => [p.party, p.votes, p.admitted ? "yes" : "no", p.seats, p.elected.join(", ")])]))
  } else {
    out.push(columns([["candidate", "gender", "votes", "elected"], ...result.candidates.map((c) => [c.candidate, c.gender ?? "", c.votes, c.elected ? "yes" : ""])]))
    if (result.women !== null) out.push("", `Reserved for women: ${result.women.reserved}; women elected: ${result.women.elected}${result.women.unfilled > 0 ? `; NOT FILLED: ${result.women.unfilled}` : ""}`)
    if (result.vacant > 0) out.push(`Seats left empty: ${result.vacant}`)
  }
  if (result.tie !== null) out.push("", `Tie: ${result.tie.seats} seat${result.tie.seats === 1 ? "" : "s"} among ${result.tie.among.join(", ")}: draw lots, then run again with --lot WINNER,...`)
  for (const lot of result.lots) out.push(`Lot drawn among ${lot.among.join(", ")}: ${lot.winners.join(", ")}`)
  out.push("", "How the seats were allocated:", columns(stepsTable(result.steps)), "")
  out.push(
    result.status === "allocated"
      ? "STATUS: ALLOCATED"
      : result.status === "lot-required"
        ? "STATUS: LOT REQUIRED - equal claims to the last seat(s); the seats shown are the certain ones."
        : `STATUS: FAILED (${result.reason}) - a repeat election is needed.`
  )
  return out.join("\n")
}

/** The CSV view: one row per list or candidate. */
const csv = (result: ProportionalResult | DistrictResult): string =>
  "parties" in result
    ? stringify([["party", "votes", "admitted", "seats", "elected"], ...result.parties.map((p) => [p.party, p.votes, String(p.admitted), p.seats, p.elected.join("; ")])])
    : stringify([["candidate", "gender", "votes", "elected"], ...result.candidates.map((c) => [c.candidate, c.gender ?? "", c.votes, String(c.elected)])])

const render = (format: Format, result: ProportionalResult | DistrictResult, title: string): string =>
  format === "json" ? toJson(result) : format === "csv" ? csv(result) : table(result, title)

const methodOption = Options.choice("method", methods).pipe(
  Options.withDescription("Analyst's method (without it, the statutory rules of --edition apply: threshold, Hare, against-all and reserve rules)"),
  Options.optional
)

/** `kenesh allocate RESULTS.csv --seats N [...]`: allocates seats from totals; exit 0 when allocated, 1 when a lot is required or the election failed. */
export const allocateCommand = Command.make(
  "allocate",
  {
    results: Args.text({ name: "RESULTS.csv" }).pipe(Args.withDescription("Totals: party,votes or candidate,votes[,gender]")),
    seats: Options.text("seats").pipe(Options.withPseudoName("N"), Options.withDescription("Seats to allocate")),
    system: Options.choice("system", ["proportional", "majoritarian"] as const).pipe(
      Options.withDescription("Default: from the results header (party or candidate)"),
      Options.optional
    ),
    method: methodOption,
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
      const seats = yield* parseCountFlag("seats", flags.seats)
      if (seats < 1) return yield* usage("--seats must be 1 or more")
      const againstAll = Option.getOrElse(yield* countFlag("against-all", flags.againstAll), () => 0)
      const invalid = yield* countFlag("invalid", flags.invalid)
      const participantsFlag = yield* countFlag("participants", flags.participants)
      const reservedFlag = yield* countFlag("reserved-for-women", flags.reservedForWomen)
      const edition: Edition = Option.getOrElse(flags.edition, () => defaultEdition)
      const rules = editions[edition]
      const tie: TieRule = Option.getOrElse(flags.tie, () => rules.tie)

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
      const ids = decoded.rows.map((r) => r.id)
      const lots = yield* readLots(flags.lot, ids)
      const format = resolveFormat(flags.format)

      if (system === "majoritarian") {
        const misplaced = [
          ["method", flags.method],
          ["threshold", flags.threshold],
          ["threshold-op", flags.thresholdOp],
          ["participants", flags.participants],
          ["invalid", flags.invalid]
        ].filter(([, v]) => Option.isSome(v as Option.Option<unknown>))
        if (misplaced.length > 0) return yield* usage(`--${misplaced[0][0]} applies to proportional allocations only`)
        if (Option.isSome(reservedFlag) && reservedFlag.value > seats) return yield* usage(`--reserved-for-women ${reservedFlag.value} is more than the ${seats} seats`)
        if (Option.isSome(reservedFlag) && reservedFlag.value > 0 && !decoded.hasGender)
          return yield* usage("--reserved-for-women needs a gender column in the results (candidate,votes,gender)")
        if (!decoded.hasGender && rules.womenReserve !== null && Option.isNone(reservedFlag))
          process.stderr.write(`kenesh: ${flags.results} has no gender column, so the women's reserve is not applied\n`)
        const candidates: Array<CandidateVotes> = decoded.rows.map((r) => ({ id: r.id, votes: r.votes, gender: r.gender }))
        const result = allocateDistrict({
          seats,
          candidates,
          againstAll,
          rules,
          reservedForWomen: decoded.hasGender ? Option.getOrNull(reservedFlag) : 0,
          lots
        })
        yield* printOut(render(format, result, `${flags.results}: ${seats} seat${seats === 1 ? "" : "s"}, most votes (edition ${edition})`))
        return yield* setExitCode(result.status === "allocated" ? ExitCode.final : ExitCode.notFinal)
      }

      if (Option.isSome(reservedFlag)) return yield* usage("--reserved-for-women applies to majoritarian allocations only")
      let percent: string | null = null
      if (Option.isSome(flags.threshold)) {
        percent = flags.threshold.value
        const exact = parseDecimal(percent)
        if (exact === null) return yield* usage(`--threshold must be a decimal percent such as 7 or 0.5, got "${percent}"`)
        if (exact.num > 100n * exact.den) return yield* usage(`--threshold ${percent} is more than 100 percent`)
      } else if (Option.isSome(flags.method) && Option.isSome(flags.thresholdOp)) return yield* usage("--threshold-op needs --threshold when --method is given")
      const op: ThresholdOp = Option.getOrElse(flags.thresholdOp, () => rules.threshold.op)
      const method: Method = Option.getOrElse(flags.method, () => "hare" as const)
      const proportional: ProportionalRules = Option.isSome(flags.method)
        ? { threshold: percent === null ? null : { percent, op, base: "participants" }, tie, againstAll: "ignore" }
        : { threshold: { ...rules.threshold, percent: percent ?? rules.threshold.percent, op }, tie, againstAll: rules.againstAll }
      const invalidVotes = Option.getOrElse(invalid, () => 0)
      const participants = Option.getOrElse(participantsFlag, () => decoded.rows.reduce((sum, r) => sum + r.votes, 0) + againstAll + invalidVotes)
      if (!Number.isSafeInteger(participants)) return yield* usage("the totals are too large to add up exactly")
      const result = allocateProportional({
        seats,
        lists: decoded.rows.map((r) => ({ id: r.id, votes: r.votes })),
        participants,
        againstAll,
        invalid: invalidVotes,
        rules: proportional,
        method,
        lots
      })
      const how = Option.isSome(flags.method) ? `method ${method}` : `statutory rules of edition ${edition}`
      yield* printOut(render(format, result, `${flags.results}: ${seats} seat${seats === 1 ? "" : "s"}, ${how}`))
      return yield* setExitCode(result.status === "allocated" ? ExitCode.final : ExitCode.notFinal)
    })
).pipe(Command.withDescription("Allocate seats from vote totals (results.csv), by the statutory rules or an analyst's method"))
