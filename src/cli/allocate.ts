/** `kenesh allocate RESULTS.csv --seats N [...]` (SPEC §2): seats from vote totals, for commissions and analysts. */
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as fs from "node:fs"
import { compareMethods } from "../allocation/compare.js"
import { allocateDistrict } from "../allocation/majoritarian.js"
import { allocateProportional } from "../allocation/proportional.js"
import { assembleRequest } from "../allocation/request.js"
import { sniffCsv } from "../ballot/csv-sniff.js"
import { checkInputFile } from "../ballot/input-file.js"
import { InputError, UsageError } from "../ballot/problem.js"
import { readResults } from "../ballot/results-csv.js"
import { allocationCsv, allocationTable, comparisonCsv, comparisonTable } from "../report/allocation-view.js"
import type { AllocateFlags } from "./commands.js"
import { printOut, resolveFormat, setExitCode, toJson } from "./common.js"
import { ExitCode } from "./exit-code.js"

/**
 * The `--lot` values as typed. The command-line parser drops empty arguments, so `--lot ""` would vanish and the
 * allocation run as if no lot were given; an empty value is put back here so that it is refused (SPEC §2).
 */
const lotValues = (parsed: ReadonlyArray<string>, argv: ReadonlyArray<string>): ReadonlyArray<string> =>
  argv.some((arg, k) => arg === "--lot=" || (arg === "--lot" && argv[k + 1] === "")) ? ["", ...parsed] : parsed

/** The value of an optional flag, or null. */
const given = <A>(value: Option.Option<A>): A | null => Option.getOrNull(value)

/** `kenesh allocate RESULTS.csv --seats N [...]`: allocates seats from totals; exit 0 when allocated, 1 when a lot is required or the election failed. */
export const runAllocate = (flags: AllocateFlags) =>
  Effect.gen(function* () {
    const unusable = checkInputFile(flags.results, flags.results, "the results file") ?? sniffCsv(flags.results, flags.results)
    if (unusable !== null) return yield* Effect.fail(new InputError({ problems: [unusable] }))
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
