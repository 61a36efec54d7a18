/** Unusable input: a problem found at a file position, and the tagged error that carries all of them. */
import { Data } from "effect"

/** One reason a file cannot be used, at a 1-based line and column. */
export interface Problem {
  readonly file: string
  readonly line: number
  readonly column: number
  readonly message: string
}

/** Renders a problem the way compilers and clerks' tools do: `file:line:column: message`. */
export const formatProblem = (p: Problem): string => `${p.file}:${p.line}:${p.column}: ${p.message}`

/** Orders problems by file, then line, then column, so every report reads top to bottom. */
export const sortProblems = (problems: ReadonlyArray<Problem>): Array<Problem> =>
  [...problems].sort((a, b) =>
    a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || a.column - b.column
  )

/** The input cannot be used: every problem found in it, not just the first (exit code 2). */
export class InputError extends Data.TaggedError("InputError")<{
  readonly problems: ReadonlyArray<Problem>
  /** Problems found beyond those listed (a file with thousands of bad rows lists only the first). */
  readonly more?: number
}> {
  override get message(): string {
    return sortProblems(this.problems).map(formatProblem).join("\n")
  }
}

/** The command line itself is wrong (an unknown method, a bad number in a flag): exit code 2. */
export class UsageError extends Data.TaggedError("UsageError")<{ readonly message: string }> {}
