/** `kenesh allocate RESULTS.csv --seats N [...]` (SPEC §2): seats from vote totals, for commissions and analysts. */
import { Args, Command, Options } from "@effect/cli"
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
import { InputError, UsageError } from "../ballot/problem.js"
import { readResults } from "../ballot/results-csv.js"
import { defaultEdition, editions, type Edition, type ThresholdOp, type TieRule } from "../ballot/rules.js"
import { columns } from "../report/table.js"
import { ExitCode, formatOption, parseCountFlag, printOut, resolveFormat, setExitCode, toJson, type Format } from "./common.js"

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
        try: () => fs.readFileSync(flags.results),
        catch: (e) => new UsageError({ message: `cannot read ${flags.results}: ${(e as Error).message}` })
      })
      const decoded = readResults(flags.results, text)
      if (decoded instanceof InputError) return yield* Effect.fail(decoded)
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
