/**
 * Positions in a text file, the one rule for every message: a line ends at LF, at CR LF or at a lone CR (each
 * one line break), and a column counts characters (Unicode code points, as the text decodes), not bytes, from 1.
 */

/** A 1-based line and column. */
export interface Position {
  readonly line: number
  readonly column: number
}

const LF = 10
const CR = 13

/**
 * Where the end of `text` is, when its start is at `at`.
 * @example advance("ab\r\nсд", { line: 1, column: 1 }) // { line: 2, column: 3 }
 */
export const advance = (text: string, at: Position): Position => {
  let line = at.line
  let column = at.column
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (c === LF || (c === CR && text.charCodeAt(i + 1) !== LF)) {
      line++
      column = 1
    } else if (c !== CR && !(c >= 0xdc00 && c <= 0xdfff && i > 0 && isHigh(text.charCodeAt(i - 1)))) column++
  }
  return { line, column }
}

/** Whether a UTF-16 unit starts a surrogate pair. */
const isHigh = (c: number): boolean => c >= 0xd800 && c <= 0xdbff

/**
 * Where byte `to` of UTF-8 `bytes` is, when byte `from` (a character boundary) is at `at`: the bytes between
 * are decoded (an invalid sequence counts as the replacement characters it decodes to).
 * @example advanceBytes(Buffer.from("ab,сд,x"), 0, 8, { line: 1, column: 1 }) // { line: 1, column: 7 }
 */
export const advanceBytes = (bytes: Uint8Array, from: number, to: number, at: Position): Position =>
  advance(Buffer.from(bytes.buffer, bytes.byteOffset + from, to - from).toString("utf8"), at)

const start: Position = { line: 1, column: 1 }

/**
 * Where character offset `offset` (a UTF-16 index, as JavaScript strings count) of `text` is.
 * @example lineColumn("a\nbc", 3) // { line: 2, column: 2 }
 */
export const lineColumn = (text: string, offset: number): Position => advance(text.slice(0, Math.max(0, offset)), start)
