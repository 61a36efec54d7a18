/** The `kenesh` command: its subcommands, and how failures become messages and exit codes (SPEC §5). */
import { Command, ValidationError } from "@effect/cli"
import * as NodeContext from "@effect/platform-node/NodeContext"
import { Cause, Effect, Exit } from "effect"
import { formatProblem, InputError, sortProblems, UsageError } from "../ballot/problem.js"
import { ExitCode } from "./common.js"
import { allocateCommand } from "./allocate.js"
import { generateCommand } from "./generate.js"
import { serveCommand } from "./serve.js"
import { submitCommand } from "./submit.js"
import { validateCommand, tallyCommand } from "./tally.js"

const root = Command.make("kenesh").pipe(
  Command.withDescription("Vote tabulation for Kyrgyz local kenesh elections: protocol checks, totals and seats"),
  Command.withSubcommands([validateCommand, tallyCommand, allocateCommand, generateCommand, serveCommand, submitCommand])
)

const cli = Command.run(root, { name: "kenesh", version: "0.1.0" })

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

/** Runs the command line and sets the process exit code. */
export const main = (argv: ReadonlyArray<string>): Promise<void> =>
  Effect.runPromiseExit(cli(argv).pipe(Effect.provide(NodeContext.layer))).then((exit) => {
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
