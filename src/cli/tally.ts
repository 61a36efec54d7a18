/** `kenesh validate` and `kenesh tally` (SPEC §2): decode, check, add up, allocate, print and write. */
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Option from "effect/Option"
import { readElectionSteps, type Election } from "../ballot/election.js"
import { sniffCsv } from "../ballot/csv-sniff.js"
import { checkInputFile, maxStreamedFileBytes } from "../ballot/input-file.js"
import { InputError, UsageError } from "../ballot/problem.js"
import { findingsCsv, seatsCsv, summaryCsv } from "../report/csv.js"
import { reportDocument } from "../report/html.js"
import { labelsFor, type Lang } from "../report/language.js"
import { findingsTable, tallyTable, terminalSafe, validityLine } from "../report/table.js"
import { tallyResult, type InputRef } from "../result/tally-result.js"
import { sha256File } from "../ballot/file-hash.js"
import { ingest, type Reader } from "../tally/ingest.js"
import { WorkerPool } from "../tally/parallel.js"
import { FileChanged } from "../tally/protocol-files.js"
import { noStages, type Stages } from "../tally/stages.js"
import { stagesFromEnv } from "./stages.js"
import type { TallyFlags, ValidateFlags } from "./commands.js"
import { printOut, progressDone, progressFd, resolveFormat, setExitCode, toJson } from "./common.js"
import { ExitCode } from "./exit-code.js"
import { jsonPieces } from "../report/json-pieces.js"
import { writeOutputDir } from "./output-dir.js"

/** The language asked for: `--lang`, else the election's `lang`, else English (SPEC §2). */
const resolveLang = (flag: Option.Option<Lang>, e: Election): Lang => Option.getOrElse(flag, () => e.lang ?? "en")

/**
 * Reads the election and protocols; unusable input fails with every problem found. The protocol files are
 * taken in the order of their names, so the result does not depend on the order they were given in.
 */
const load = (electionFile: string, given: ReadonlyArray<string>, reader: Reader, stages: Stages = noStages) =>
  Effect.gen(function* () {
    stages.lap("start-up to the command")
    const files = [...new Set(given)].sort()
    const unusable = files.flatMap((f) => checkInputFile(f, f, "the protocols file", maxStreamedFileBytes) ?? sniffCsv(f, f) ?? [])
    if (unusable.length > 0) return yield* Effect.fail(new InputError({ problems: unusable }))
    const pool = reader === "fast" ? WorkerPool.start(files) : null
    const steps = readElectionSteps(electionFile, { reader })
    if (pool !== null) {
      // The threads read the protocols while this thread reads the registry.
      const quick = steps.withoutRegistry()
      if (Either.isRight(quick)) pool.begin(quick.right, files, progressFd())
    }
    stages.lap("election.json decoded, threads started")
    const election = steps.whole()
    stages.lap("registry read, election checked with it")
    if (Either.isLeft(election)) {
      yield* Effect.promise(async () => pool?.close())
      progressDone()
      return yield* Effect.fail(new InputError(election.left))
    }
    const e = election.right
    const outcome = yield* Effect.promise(() =>
      ingest(e, files, reader, progressFd(), pool, stages)
    )
    progressDone()
    if (!outcome.ok) return yield* Effect.fail(new InputError({ problems: outcome.problems, more: outcome.more }))
    const inputs: Array<InputRef> = [{ file: electionFile, sha256: sha256File(electionFile) }]
    // A registry CSV was hashed as it was read.
    if (e.registry?.sha256 != null) inputs.push({ file: e.registry.source, sha256: e.registry.sha256 })
    files.forEach((f, i) => inputs.push({ file: f, sha256: outcome.hashes[i] }))
    stages.lap("SHA-256 of election.json")
    return { election: e, tally: outcome.tally, data: outcome.data, inputs }
  })

/** The result of what a `serve` store holds: its election, protocols, annulments and lots (`tally --store`). */
const storeTally = (file: string, extra: boolean) =>
  Effect.gen(function* () {
    if (extra) return yield* Effect.fail(new UsageError({ message: "--store tallies the store's own election and protocols: give no --election and no PROTOCOLS.csv with it" }))
    // The store (SQLite) is loaded only for --store.
    const { openNight } = yield* Effect.promise(() => import("../serve/night.js"))
    const night = openNight(file, null)
    if (Either.isLeft(night)) return yield* Effect.fail("problems" in night.left ? new InputError(night.left) : new UsageError({ message: night.left.message }))
    const { store, live } = night.right
    const result = live.result()
    store.close()
    return { e: live.election, result }
  })

/** `kenesh validate --election E.json PROTOCOLS.csv...`: the findings; exit 1 when any is an error. */
export const runValidate = ({ election, protocols, format, reader, lang, all }: ValidateFlags) =>
  Effect.gen(function* () {
    const stages = stagesFromEnv()
    const { election: e, data, inputs } = yield* load(election, protocols, reader, stages ?? noStages)
    const errors = data.findings.filter((f) => f.severity === "error").length
    const fmt = resolveFormat(format)
    if (fmt === "json")
      yield* printOut(toJson({ election: e.id, valid: errors === 0, errors, warnings: data.findings.length - errors, inputs, precincts: data.precincts, findings: data.findings }))
    else if (fmt === "csv") yield* printOut(findingsCsv(data.findings))
    else {
      const l = resolveLang(lang, e)
      yield* printOut(terminalSafe(`${e.name} (${e.id})\n${findingsTable(data.findings, e, l, { all })}\n${validityLine(errors, l)}`))
    }
    stages?.lap("output")
    stages?.print()
    yield* setExitCode(errors === 0 ? ExitCode.final : ExitCode.notFinal)
  })

/** The result of a tally (its analyses read protocols kept in the files again: a file changed since is unusable input). */
const resultOf = (...[e, inputs, data, tally]: Parameters<typeof tallyResult>) =>
  Effect.suspend(() => {
    try {
      return Effect.succeed({ e, result: tallyResult(e, inputs, data, tally) })
    } catch (error) {
      if (error instanceof FileChanged) return Effect.fail(new InputError({ problems: [error.problem] }))
      throw error
    }
  })

/** The files `tally --out` writes (SPEC §2). */
const outFiles = ["result.json", "summary.csv", "seats.csv", "findings.csv", "report.html"]

/** `kenesh tally --election E.json PROTOCOLS.csv... [--out DIR]` or `kenesh tally --store FILE`: the whole result. */
export const runTally = ({ election, protocols, store, out, format, reader, lang, all }: TallyFlags) =>
  Effect.gen(function* () {
    const stages = stagesFromEnv()
    const { e, result } = yield* store._tag === "Some"
      ? storeTally(store.value, election._tag === "Some" || protocols.length > 0)
      : election._tag === "None" || protocols.length === 0
        ? Effect.fail(new UsageError({ message: election._tag === "None" ? "tally needs --election E.json (or --store FILE)" : "tally needs at least one PROTOCOLS.csv file (or --store FILE)" }))
        : Effect.flatMap(load(election.value, protocols, reader, stages ?? noStages), ({ election: e, tally, data, inputs }) => resultOf(e, inputs, data, tally))
    stages?.lap("allocation and result")
    const fmt = resolveFormat(format)
    // Made once and kept when it is printed and written; otherwise made piece by piece as it is printed or written.
    const json = fmt === "json" ? (out._tag === "Some" ? toJson(result) : jsonPieces(result)) : null
    stages?.lap("result JSON")
    const l = resolveLang(lang, e)
    if (out._tag === "Some") {
      // findings.csv and report.html are made piece by piece as they are written (src/report/pieces.ts).
      yield* writeOutputDir(out.value, [
        { name: "result.json", content: json ?? jsonPieces(result) },
        { name: "summary.csv", content: summaryCsv(result) },
        { name: "seats.csv", content: seatsCsv(result) },
        { name: "findings.csv", content: findingsCsv(result.findings) },
        { name: "report.html", content: reportDocument({ result, election: e }, l) }
      ])
      stages?.lap("--out files written")
    }
    const written = out._tag === "Some" ? `\n\n${labelsFor(l).outWritten(out.value, outFiles)}` : ""
    yield* printOut(json !== null ? json : fmt === "csv" ? summaryCsv(result) : tallyTable({ result, election: e }, l, { all }) + written)
    stages?.lap("output")
    stages?.print()
    yield* setExitCode(result.status === "final" ? ExitCode.final : ExitCode.notFinal)
  })
