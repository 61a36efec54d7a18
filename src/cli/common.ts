/** Shared pieces of every command: the --format option, exit codes, output and atomic file writes. */
import { Options } from "@effect/cli"
import { Effect, Option } from "effect"
import * as fs from "node:fs"
import * as path from "node:path"
import { UsageError } from "../ballot/problem.js"

/** How a command prints its result. */
export type Format = "table" | "json" | "csv"

/** `--format table|json|csv`; absent, it is `table` on a terminal and `json` otherwise (SPEC §2). */
export const formatOption = Options.choice("format", ["table", "json", "csv"] as const).pipe(
  Options.withDescription("Output format (default: table on a terminal, json otherwise)"),
  Options.optional
)

/** The format asked for, or the default for where stdout goes. */
export const resolveFormat = (format: Option.Option<Format>): Format =>
  Option.getOrElse(format, () => (process.stdout.isTTY ? "table" : "json"))

/** Exit codes of SPEC §5. */
export const ExitCode = { final: 0, notFinal: 1, unusable: 2 } as const

/** Records the process exit code; the runner exits with it once all output is flushed. */
export const setExitCode = (code: number): Effect.Effect<void> =>
  Effect.sync(() => {
    process.exitCode = code
  })

/** Writes text to stdout. */
export const printOut = (text: string): Effect.Effect<void> =>
  Effect.sync(() => {
    process.stdout.write(text.endsWith("\n") ? text : text + "\n")
  })

/** Pretty JSON as printed by every command. */
export const toJson = (value: unknown): string => JSON.stringify(value, null, 2) + "\n"

/** Parses a flag's whole number strictly (digits only), or fails with a usage error naming the flag. */
export const parseCountFlag = (flag: string, text: string): Effect.Effect<number, UsageError> =>
  /^[0-9]+$/.test(text) && Number.isSafeInteger(Number(text))
    ? Effect.succeed(Number(text))
    : Effect.fail(new UsageError({ message: `--${flag} must be a whole number of 0 or more, got "${text}"` }))

/**
 * Writes several files into `dir` atomically: each goes to a temporary file first, and only when all
 * are written are they renamed into place; on failure the temporaries are removed and nothing is left.
 */
export const writeFilesAtomic = (
  dir: string,
  files: ReadonlyArray<{ readonly name: string; readonly content: string | Uint8Array }>
): Effect.Effect<void, UsageError> =>
  Effect.try({
    try: () => {
      fs.mkdirSync(dir, { recursive: true })
      const temps: Array<[string, string]> = []
      try {
        for (const f of files) {
          const target = path.join(dir, f.name)
          const temp = path.join(dir, `.${f.name}.${process.pid}.tmp`)
          temps.push([temp, target])
          fs.writeFileSync(temp, f.content)
        }
        for (const [temp, target] of temps) fs.renameSync(temp, target)
      } catch (e) {
        for (const [temp] of temps) fs.rmSync(temp, { force: true })
        throw e
      }
    },
    catch: (e) => new UsageError({ message: `cannot write to ${dir}: ${(e as Error).message}` })
  })

/** Whether to show progress: only when a person watches stderr (SPEC §2). */
const showProgress = (): boolean => process.stderr.isTTY === true

/** Writes a one-line progress message over the previous one on a terminal's stderr. */
export const progress = (text: string): void => {
  if (showProgress()) process.stderr.write(`\r\x1b[K${text}`)
}

/** Clears the progress line. */
export const progressDone = (): void => {
  if (showProgress()) process.stderr.write("\r\x1b[K")
}
