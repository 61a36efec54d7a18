/**
 * Positions in a text file, the one rule for every message: a line ends at LF, at CR LF or at a lone CR (each
 * one line break), and a column counts characters (Unicode code points), not bytes, from 1.
 */

/** A 1-based line and column. */
export interface Position {
  readonly line: number
  readonly column: number
}

const LF = 10
const CR = 13

/**
 * Where byte `to` of UTF-8 `bytes` is, given that byte `from` is at `at`.
 * @example advance(Buffer.from("ab\r\nсд"), 0, 6, { line: 1, column: 1 }) // { line: 2, column: 2 }
 */
export const advance = (bytes: Uint8Array, from: number, to: number, at: Position): Position => {
  let line = at.line
  let column = at.column
  for (let i = from; i < to; i++) {
    const b = bytes[i]
    if (b === LF || (b === CR && bytes[i + 1] !== LF)) {
      line++
      column = 1
    } else if (b !== CR && (b & 0xc0) !== 0x80) column++
  }
  return { line, column }
}

const start: Position = { line: 1, column: 1 }

/**
 * Where character offset `offset` (a UTF-16 index, as JavaScript strings count) of `text` is.
 * @example lineColumn("a\nbc", 3) // { line: 2, column: 2 }
 */
export const lineColumn = (text: string, offset: number): Position => {
  const head = Buffer.from(text.slice(0, Math.max(0, Math.min(offset, text.length))), "utf8")
  return advance(head, 0, head.length, start)
}
