/** Line and column of a byte or character offset, for `file:line:column` messages. */

/** Converts a 0-based offset in `text` into a 1-based line and column (a CRLF counts as one line break). */
export const lineColumn = (text: string, offset: number): { line: number; column: number } => {
  let line = 1
  let lineStart = 0
  const end = Math.min(offset, text.length)
  for (let i = 0; i < end; i++) {
    if (text.charCodeAt(i) === 10) {
      line++
      lineStart = i + 1
    }
  }
  return { line, column: end - lineStart + 1 }
}
