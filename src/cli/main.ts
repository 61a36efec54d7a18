/** The `kenesh` command: its subcommands, and how failures become messages and exit codes (SPEC §5). */
import { Command, ValidationError } from "@effect/cli"
import { Cause, Effect, Exit, Layer } from "effect"
import { formatProblem, InputError, sortProblems, UsageError } from "../ballot/problem.js"
import { commandSpec, nearest, readArgv, shownToken } from "./arguments.js"
import { allocateCommand, generateCommand, serveCommand, submitCommand, tallyCommand, validateCommand } from "./commands.js"
import { ExitCode } from "./common.js"
import { commandHelp, overview } from "./help.js"

const version = "0.1.0"

const root = Command.make("kenesh").pipe(
  Command.withDescription("Vote tabulation for Kyrgyz local kenesh elections: protocol checks, totals and seats"),
  Command.withSubcommands([validateCommand, tallyCommand, allocateCommand, generateCommand, serveCommand, submitCommand])
)

const cli = Command.run(root, { name: "kenesh", version })

/** Prints an expected failure plainly on stderr and returns its exit code; never a stack trace. */
const report = (error: unknown): number => {
  if (error instanceof InputError) {
    for (const p of sortProblems(error.problems)) process.stderr.write(formatProblem(p) + "\n")
    const n = error.problems.length + (error.more ?? 0)
    if (error.more) process.stderr.write(`... and ${error.more} more problems\n`)
    process.stderr.write(`kenesh: ${n} problem${n === 1 ? "" : "s"} in the input; nothing was written\n`)
  } else if (error instanceof UsageError) {
    process.stderr.write(`kenesh: ${error.message}\n`)
  } else if (!ValidationError.isValidationError(error)) {
    process.stderr.write(`kenesh: ${String(error)}\n`)
  }
  return ExitCode.unusable
}

/** What the arguments ask for before any command runs: text to print, errors (exit 2), or the arguments to run. */
const route = (tokens: ReadonlyArray<string>): { print: string } | { errors: ReadonlyArray<string> } | { run: ReadonlyArray<string> } => {
  const specs = [commandSpec(validateCommand), commandSpec(tallyCommand), commandSpec(allocateCommand), commandSpec(generateCommand), commandSpec(serveCommand), commandSpec(submitCommand)]
  const first = tokens[0]
  if (first === undefined || first === "--help" || first === "-h" || first === "help") return { print: overview(specs, version) }
  if (first === "--version") return { print: `kenesh ${version}\n` }
  const spec = specs.find((s) => s.name === first)
  if (spec === undefined) {
    const names = specs.map((s) => s.name)
    const near = nearest(first.replace(/^-+/, ""), names)
    const what = first.startsWith("-") ? `${shownToken(first)}: a command comes first` : `${shownToken(first)}: kenesh has no such command`
    return { errors: [`${what}; ${near !== null ? `did you mean ${near}? ` : ""}the commands are ${names.join(", ")} (kenesh alone describes them)`] }
  }
  const read = readArgv(spec, tokens.slice(1))
  if (read._tag === "help") return { print: commandHelp(spec) }
  if (read._tag === "errors") return { errors: [...read.errors, `see kenesh ${spec.name} --help`] }
  return { run: [first, ...read.argv] }
}

/** Runs the command line and sets the process exit code. */
export const main = async (argv: ReadonlyArray<string>): Promise<void> => {
  let routed: ReturnType<typeof route>
  try {
    routed = route(argv.slice(2))
  } catch (e) {
    process.stderr.write(`kenesh: internal error, please report it: ${e instanceof Error ? e.message : String(e)}\n`)
    process.exitCode = 3
    return
  }
  if ("print" in routed) {
    process.stdout.write(routed.print)
    return
  }
  if ("errors" in routed) {
    for (const e of routed.errors) process.stderr.write(`kenesh: ${e}\n`)
    process.exitCode = ExitCode.unusable
    return
  }
  // What @effect/cli needs of Node (its file system, paths and terminal), loaded only for a command that runs.
  const [fileSystem, paths, terminal] = await Promise.all([
    import("@effect/platform-node/NodeFileSystem"),
    import("@effect/platform-node/NodePath"),
    import("@effect/platform-node/NodeTerminal")
  ])
  const node = Layer.mergeAll(fileSystem.layer, paths.layer, terminal.layer)
  return Effect.runPromiseExit(cli([...argv.slice(0, 2), ...routed.run]).pipe(Effect.provide(node))).then((exit) => {
    if (Exit.isSuccess(exit)) return
    const failure = Cause.failureOption(exit.cause)
    if (failure._tag === "Some") {
      process.exitCode = report(failure.value)
      return
    }
    const defect = Cause.squash(exit.cause)
    process.stderr.write(`kenesh: internal error, please report it: ${defect instanceof Error ? defect.message : String(defect)}\n`)
    process.exitCode = 3
  })
}
