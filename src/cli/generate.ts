/** `kenesh generate` (SPEC §2): a synthetic election written to a directory, with a short summary printed. */
import { Command, Options } from "@effect/cli"
import { Effect, Either, Option } from "effect"
import { grouped } from "../ballot/count-cell.js"
import { UsageError } from "../ballot/problem.js"
import { generate, type GenerateSummary } from "../generate/generate.js"
import { resolveOptions } from "../generate/options.js"
import { outputTargetProblem } from "./output-dir.js"
import { ExitCode, formatOption, parseCountFlag, printOut, progress, progressDone, resolveFormat, setExitCode, toJson } from "./common.js"

const countOption = (name: string, pseudo: string, description: string) =>
  Options.text(name).pipe(Options.withPseudoName(pseudo), Options.withDescription(description), Options.optional)

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
export const generateCommand = Command.make(
  "generate",
  {
    system: Options.choice("system", ["proportional", "majoritarian"] as const).pipe(
      Options.withDescription("proportional (city kenesh, party lists) or majoritarian (ayil kenesh, districts)")
    ),
    precincts: Options.text("precincts").pipe(Options.withPseudoName("N"), Options.withDescription("Number of precincts")),
    seed: Options.text("seed").pipe(Options.withPseudoName("S"), Options.withDescription("Any text or number; the same seed gives the same files")),
    out: Options.text("out").pipe(Options.withPseudoName("DIR"), Options.withDescription("Directory for election.json, precincts.csv, protocols.csv (and faults.json)")),
    parties: countOption("parties", "K", "Party lists (proportional; default 15)"),
    territories: countOption("territories", "T", "Territorial commissions (default min(50, ceil(N/20)))"),
    districts: countOption("districts", "D", "Districts (majoritarian; default min(50, ceil(N/3)))"),
    faultRate: Options.text("fault-rate").pipe(
      Options.withPseudoName("R"),
      Options.withDescription("Share of protocols that break one rule each, 0 to 1 (default 0); listed in faults.json"),
      Options.optional
    ),
    format: formatOption
  },
  (flags) =>
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
).pipe(Command.withDescription("Write a synthetic election (election.json, precincts.csv, protocols.csv, faults.json), deterministic for a seed"))
