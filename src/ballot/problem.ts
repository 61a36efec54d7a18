/** Unusable input: a problem found at a file position, and the tagged error that carries all of them. */
import * as Data from "effect/Data"

/** One reason a file cannot be used, at a 1-based line and column. */
export interface Problem {
  readonly file: string
  readonly line: number
  readonly column: number
  readonly message: string
}

/** How many problems of one file are kept for the report; the rest are only counted. */
export const problemLimit = 1000

/** Collects the problems of one file, in the order found: the first `problemLimit`, and a count of the rest. */
export class ProblemList {
  readonly problems: Array<Problem> = []
  more = 0
  constructor(readonly file: string) {}

  /** Records a problem at a 1-based line and column. */
  add(line: number, column: number, message: string): void {
    if (this.problems.length < problemLimit) this.problems.push({ file: this.file, line, column, message })
    else this.more++
  }
}

/** Unusable input as a value: the problems listed (at most `problemLimit` of each file) and how many more were found. */
export interface Problems {
  readonly problems: ReadonlyArray<Problem>
  readonly more: number
}

/** Characters of a cell (an id, a value, a key) shown in a message; a longer cell is cut, with an ellipsis. */
export const shownLength = 40

/**
 * Input text as every message shows it (a CSV cell, an id or a key of election.json): cut after `max` characters,
 * with an ellipsis, and control characters written as escapes, so that no message carries a line break, a
 * terminal escape or a megabyte of input.
 * @example shown("12\r") // "12\\r"
 * @example shown("x".repeat(50)) // "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx…"
 */
export const shown = (cell: string, max = shownLength): string => {
  const chars = Array.from(cell.length > 4 * max ? cell.slice(0, 4 * max) : cell)
  const cut = chars.length > max
  const text = (cut ? chars.slice(0, max) : chars).map(escaped).join("")
  return cut ? `${text}…` : text
}

const named: ReadonlyMap<string, string> = new Map([["\n", "\\n"], ["\r", "\\r"], ["\t", "\\t"]])

/** A character, or the escape that shows a control character (C0, DEL, C1, line and paragraph separators). */
const escaped = (ch: string): string => {
  const c = ch.codePointAt(0)!
  if (c >= 0x20 && c !== 0x7f && !(c >= 0x80 && c <= 0x9f) && c !== 0x2028 && c !== 0x2029) return ch
  return named.get(ch) ?? `\\u${c.toString(16).padStart(4, "0")}`
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
