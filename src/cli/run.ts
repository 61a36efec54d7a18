/**
 * Runs a command line that `route()` (`./main.ts`) let through: @effect/cli reads it against the commands'
 * definitions and runs the command; a failure becomes a message and an exit code (SPEC §5), never a stack trace.
 */
// Modules, not a package's index (`from "effect"`): an index loads every module of its package (README, "Start-up").
import * as Command from "@effect/cli/Command"
import * as ValidationError from "@effect/cli/ValidationError"
import * as NodeFileSystem from "@effect/platform-node/NodeFileSystem"
import * as NodePath from "@effect/platform-node/NodePath"
import * as NodeTerminal from "@effect/platform-node/NodeTerminal"
import * as Cause from "effect/Cause"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as Layer from "effect/Layer"
import { formatProblem, InputError, sortProblems, UsageError } from "../ballot/problem.js"
import { commands } from "./commands.js"
import { ExitCode } from "./exit-code.js"

/** Prints an expected failure plainly on stderr and returns its exit code. */
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

/** What @effect/cli needs of Node: its file system, paths and terminal. */
const node = Layer.mergeAll(NodeFileSystem.layer, NodePath.layer, NodeTerminal.layer)

/** Runs `argv` (`node kenesh COMMAND ...`) and sets the process exit code when the command fails. */
export const run = async (argv: ReadonlyArray<string>, version: string): Promise<void> => {
  const root = Command.make("kenesh").pipe(
    Command.withDescription("Vote tabulation for Kyrgyz local kenesh elections: protocol checks, totals and seats"),
    Command.withSubcommands(commands)
  )
  const exit = await Effect.runPromiseExit(Command.run(root, { name: "kenesh", version })(argv).pipe(Effect.provide(node)))
  if (Exit.isSuccess(exit)) return
  const failure = Cause.failureOption(exit.cause)
  if (failure._tag === "Some") {
    process.exitCode = report(failure.value)
    return
  }
  const defect = Cause.squash(exit.cause)
  process.stderr.write(`kenesh: internal error, please report it: ${defect instanceof Error ? defect.message : String(defect)}\n`)
  process.exitCode = ExitCode.internal
}
