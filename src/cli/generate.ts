/** `kenesh generate` (SPEC §2): a synthetic election written to a directory, with a short summary printed. */
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Option from "effect/Option"
import { grouped } from "../ballot/count-cell.js"
import { UsageError } from "../ballot/problem.js"
import { generate, type GenerateSummary } from "../generate/generate.js"
import { resolveOptions } from "../generate/options.js"
import { outputTargetProblem } from "./output-dir.js"
import type { GenerateFlags } from "./commands.js"
import { parseCountFlag, printOut, progress, progressDone, resolveFormat, setExitCode, toJson } from "./common.js"
import { ExitCode } from "./exit-code.js"

/** A flag's optional whole number, parsed strictly. */
const optionalCount = (flag: string, value: Option.Option<string>): Effect.Effect<number | undefined, UsageError> =>
  Option.match(value, { onNone: () => Effect.succeed(undefined), onSome: (text) => parseCountFlag(flag, text) })

/** `--fault-rate`: a decimal from 0 to 1 written in digits ("0.05", "1"), parsed strictly. */
const parseRate = (value: Option.Option<string>): Effect.Effect<number | undefined, UsageError> =>
  Option.match(value, {
    onNone: () => Effect.succeed(undefined),
    onSome: (text) =>
      /^[0-9]*\.?[0-9]+$/.test(text) && Number(text) <= 1
        ? Effect.succeed(Number(text))
        : Effect.fail(new UsageError({ message: `--fault-rate must be a decimal from 0 to 1, got "${text}"` }))
  })


/** The summary as a few lines for a person. */
const summaryTable = (s: GenerateSummary): string => {
  const kind = s.system === "proportional" ? `${s.choices} party lists` : `${s.districts} districts, ${s.choices} candidates`
  const lines = [
    `Synthetic ${s.system} election: ${grouped(s.precincts)} precincts in ${s.territories} territories, ${kind}, ${s.seats} seats`,
    `Protocols written: ${grouped(s.protocols)}`,
    `Faults: ${s.faults === 0 ? "none" : grouped(s.faults)}`,
    ...Object.entries(s.faultsByCode).map(([code, n]) => `  ${code.padEnd(24)}${grouped(n)}`),
    "Files:",
    ...s.files.map((f) => `  ${f}`)
  ]
  return lines.join("\n")
}

/** The summary as `field,value` rows. */
const summaryCsv = (s: GenerateSummary): string => {
  const rows: Array<[string, string | number]> = [
    ["system", s.system],
    ["precincts", s.precincts],
    ["protocols", s.protocols],
    ["territories", s.territories],
    ["districts", s.districts],
    ["choices", s.choices],
    ["seats", s.seats],
    ["faults", s.faults],
    ...Object.entries(s.faultsByCode).map(([code, n]): [string, number] => [`faults:${code}`, n]),
    ...s.files.map((f): [string, string] => ["file", f])
  ]
  return ["field,value", ...rows.map(([k, v]) => `${k},${v}`)].join("\n")
}

/** `kenesh generate --system S --precincts N --seed S --out DIR [--parties K] [--territories T] [--districts D] [--fault-rate R]`. */
export const runGenerate = (flags: GenerateFlags) =>
  Effect.gen(function* () {
    const target = outputTargetProblem(flags.out)
    if (target !== null) return yield* Effect.fail(new UsageError({ message: `--out ${flags.out}: ${target}; nothing was written` }))
    const precincts = yield* parseCountFlag("precincts", flags.precincts)
    const parties = yield* optionalCount("parties", flags.parties)
    const territories = yield* optionalCount("territories", flags.territories)
    const districts = yield* optionalCount("districts", flags.districts)
    const faultRate = yield* parseRate(flags.faultRate)
    const resolved = resolveOptions({ system: flags.system, precincts, seed: flags.seed, out: flags.out, parties, territories, districts, faultRate })
    if (Either.isLeft(resolved)) return yield* Effect.fail(resolved.left)
    const summary = yield* Effect.try({
      try: () =>
        generate(resolved.right, {
          progress: (done, total) => progress(`generating: ${grouped(done)} of ${grouped(total)} precincts`)
        }),
      catch: (e) => new UsageError({ message: `--out ${flags.out}: cannot write there: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}` })
    }).pipe(Effect.ensuring(Effect.sync(progressDone)))
    const format = resolveFormat(flags.format)
    yield* printOut(format === "json" ? toJson(summary) : format === "csv" ? summaryCsv(summary) : summaryTable(summary))
    yield* setExitCode(ExitCode.final)
  })
