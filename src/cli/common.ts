/** Shared pieces of every command: the format, the exit code, output and progress. */
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import { UsageError } from "../ballot/problem.js"
import type { Pieces } from "../report/pieces.js"
import { jsonChunks, type JsonChunks } from "../report/json-pieces.js"

/** How a command prints its result. */
export type Format = "table" | "json" | "csv"

/** The format asked for, or the default for where stdout goes. */
export const resolveFormat = (format: Option.Option<Format>): Format =>
  Option.getOrElse(format, () => (process.stdout.isTTY ? "table" : "json"))

/** Records the process exit code; the runner exits with it once all output is flushed. */
export const setExitCode = (code: number): Effect.Effect<void> =>
  Effect.sync(() => {
    process.exitCode = code
  })

/** Writes text to stdout: a string (with a line end after it, if it has none), or a text in pieces (src/report/pieces.ts). */
export const printOut = (text: string | Pieces): Effect.Effect<void> =>
  Effect.sync(() => {
    if (typeof text !== "string") for (const piece of text) process.stdout.write(piece)
    else process.stdout.write(text.endsWith("\n") ? text : text + "\n")
  })

/** Pretty JSON as printed by every command, in pieces (a large result is never one string: src/report/json-pieces.ts). */
export const toJson = (value: unknown): JsonChunks => jsonChunks(value)

/** Parses a flag's whole number strictly (digits only), or fails with a usage error naming the flag. */
export const parseCountFlag = (flag: string, text: string): Effect.Effect<number, UsageError> =>
  /^[0-9]+$/.test(text) && Number.isSafeInteger(Number(text))
    ? Effect.succeed(Number(text))
    : Effect.fail(new UsageError({ message: `--${flag} must be a whole number of 0 or more, got "${text}"` }))

/** Whether to show progress: only when a person watches stderr (SPEC §2). */
const showProgress = (): boolean => process.stderr.isTTY === true

/** The file descriptor to show a reader's progress on (stderr's), or null when stderr is not a terminal. */
export const progressFd = (): number | null => (showProgress() ? 2 : null)

/** Writes a one-line progress message over the previous one on a terminal's stderr. */
export const progress = (text: string): void => {
  if (showProgress()) process.stderr.write(`\r\x1b[K${text}`)
}

/** Clears the progress line. */
export const progressDone = (): void => {
  if (showProgress()) process.stderr.write("\r\x1b[K")
}
