/**
 * A look at the first and last bytes of a CSV file for the ways a spreadsheet saves one that kenesh cannot read:
 * text that is not UTF-8 (UTF-16, or a code page such as Windows-1251), semicolons for commas, rows of only
 * commas. Each gives one problem that says so and what to do, instead of a problem per cell.
 */
import * as fs from "node:fs"
import { readChunkBytes } from "./input-file.js"
import type { Problem } from "./problem.js"

/** Bytes looked at from each end of the file. */
const window = 1 << 20

const saveAs = 'save it from the spreadsheet as "CSV UTF-8 (comma delimited)"'

/** The first and (for a large file) last bytes of a file, and where the last part starts. */
const ends = (file: string): { head: Buffer; tail: Buffer | null; tailStart: number } => {
  const fd = fs.openSync(file, "r")
  try {
    const size = fs.fstatSync(fd).size
    const read = (at: number, length: number) => {
      const buf = Buffer.alloc(length)
      let got = 0
      while (got < length) {
        const n = fs.readSync(fd, buf, got, length - got, at + got)
        if (n === 0) break
        got += n
      }
      return buf.subarray(0, got)
    }
    if (size <= 2 * window) return { head: read(0, size), tail: null, tailStart: 0 }
    return { head: read(0, window), tail: read(size - window, window), tailStart: size - window }
  } finally {
    fs.closeSync(fd)
  }
}

/** The offset of the first byte that breaks UTF-8 in `b`, or -1; a sequence cut by the end of `b` is not a break when `cut`. */
const firstNonUtf8 = (b: Uint8Array, cut: boolean): number => {
  let i = 0
  while (i < b.length) {
    const c = b[i]
    if (c < 0x80) {
      i++
      continue
    }
    const need = c >= 0xc2 && c <= 0xdf ? 1 : c >= 0xe0 && c <= 0xef ? 2 : c >= 0xf0 && c <= 0xf4 ? 3 : -1
    if (need < 0) return i
    if (i + need >= b.length) return cut ? -1 : i
    for (let k = 1; k <= need; k++) if ((b[i + k] & 0xc0) !== 0x80) return i
    const second = b[i + 1]
    if ((c === 0xe0 && second < 0xa0) || (c === 0xed && second > 0x9f) || (c === 0xf0 && second < 0x90) || (c === 0xf4 && second > 0x8f)) return i
    i += need + 1
  }
  return -1
}

/** Line and column (characters) of byte `at` of `b`, whose first byte is on line `firstLine`. */
const positionOf = (b: Uint8Array, at: number, firstLine = 1): { line: number; column: number } => {
  let line = firstLine
  let column = 1
  for (let i = 0; i < at; i++) {
    if (b[i] === 10) (line++, (column = 1))
    else if ((b[i] & 0xc0) !== 0x80) column++
  }
  return { line, column }
}

/** The lines of `b` that hold only commas (a CR at the end allowed), as offsets of their starts. */
const commaOnlyLines = (b: Uint8Array, from: number, to: number): Array<number> => {
  const out: Array<number> = []
  let start = from
  while (start < to) {
    let end = b.indexOf(10, start)
    if (end < 0 || end >= to) end = to
    let stop = end
    if (stop > start && b[stop - 1] === 13) stop--
    let only = stop > start
    for (let i = start; i < stop && only; i++) if (b[i] !== 44) only = false
    if (only) out.push(start)
    start = end + 1
  }
  return out
}

/** The number of line breaks in the file before byte `at`. */
const linesBefore = (file: string, at: number): number => {
  const fd = fs.openSync(file, "r")
  try {
    const buf = Buffer.allocUnsafe(readChunkBytes)
    let lines = 0
    for (let pos = 0; pos < at; ) {
      const n = fs.readSync(fd, buf, 0, Math.min(buf.length, at - pos), pos)
      if (n === 0) break
      for (let i = buf.indexOf(10, 0); i >= 0 && i < n; i = buf.indexOf(10, i + 1)) lines++
      pos += n
    }
    return lines
  } finally {
    fs.closeSync(fd)
  }
}

/**
 * Looks at the ends of a CSV file (already checked to be a regular file) for a spreadsheet's way of saving it.
 * @example sniffCsv("p.csv", "p.csv") // null for a comma-separated UTF-8 file
 */
export const sniffCsv = (file: string, shown: string): Problem | null => {
  const { head, tail, tailStart } = ends(file)
  const at = (p: { line: number; column: number }, message: string): Problem => ({ file: shown, ...p, message })
  if ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff))
    return at({ line: 1, column: 1 }, `the file is UTF-16 text (a spreadsheet's "Unicode text"), not UTF-8; ${saveAs}`)
  const bom = head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf ? 3 : 0
  const notUtf8 = (where: { line: number; column: number }, byte: number) =>
    at(
      where,
      `the file is not UTF-8 text (byte 0x${byte.toString(16).toUpperCase()} here): it was probably saved in a code page such as Windows-1251; ${saveAs}, or convert it (iconv -f cp1251 -t utf-8)`
    )
  const badHead = firstNonUtf8(head.subarray(bom), tail !== null)
  if (badHead >= 0) return notUtf8(positionOf(head, bom + badHead), head[bom + badHead])
  let skip = 0
  if (tail !== null) while (skip < 3 && skip < tail.length && (tail[skip] & 0xc0) === 0x80) skip++
  const badTail = tail === null ? -1 : firstNonUtf8(tail.subarray(skip), false)
  if (tail !== null && badTail >= 0) {
    const lineStart = tail.lastIndexOf(10, skip + badTail) + 1
    const line = linesBefore(file, tailStart + lineStart) + 1
    return notUtf8(positionOf(tail.subarray(lineStart), skip + badTail - lineStart, line), tail[skip + badTail])
  }
  let headerEnd = head.indexOf(10, bom)
  if (headerEnd < 0) headerEnd = head.length
  const header = head.subarray(bom, headerEnd)
  if (header.indexOf(44) < 0 && header.indexOf(59) >= 0)
    return at(
      { line: 1, column: 1 },
      'the file is separated by semicolons (;), as a spreadsheet saves CSV in some regional settings; kenesh reads commas: save it with commas as separators (set the list separator to "," or use "CSV UTF-8 (comma delimited)")'
    )
  const headLimit = tail === null ? head.length : head.lastIndexOf(10) + 1
  const inHead = commaOnlyLines(head, headerEnd + 1, headLimit)
  const tailFrom = tail === null ? 0 : tail.indexOf(10) + 1
  const inTail = tail === null || tailFrom === 0 ? [] : commaOnlyLines(tail, tailFrom, tail.length)
  if (inHead.length + inTail.length === 0) return null
  const first = inHead.length > 0 ? positionOf(head, inHead[0]) : { line: linesBefore(file, tailStart + inTail[0]) + 1, column: 1 }
  const others = inHead.length + inTail.length - 1
  return at(
    first,
    `this line${others > 0 ? ` and ${others} other${others === 1 ? "" : "s"}${tail === null ? "" : " near the start and the end"}` : ""} hold${others > 0 ? "" : "s"} only commas: a spreadsheet writes them for empty rows; delete those rows and save the file again`
  )
}

/**
 * Looks at the first bytes of a text file (election.json) for an encoding other than UTF-8.
 * @example sniffUtf8("e.json", "e.json") // null for UTF-8
 */
export const sniffUtf8 = (file: string, shown: string): Problem | null => {
  const { head, tail } = ends(file)
  if ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff))
    return { file: shown, line: 1, column: 1, message: "the file is UTF-16 text, not UTF-8; save it as UTF-8" }
  const bad = firstNonUtf8(head, tail !== null)
  return bad < 0
    ? null
    : { file: shown, ...positionOf(head, bad), message: `the file is not UTF-8 text (byte 0x${head[bad].toString(16).toUpperCase()} here); save it as UTF-8` }
}
