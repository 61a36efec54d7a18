/** What a protocol count cell may hold (SPEC §1.2): a non-negative integer in decimal digits, nothing else. */

import { shown } from "./problem.js"

/** The largest count we accept: beyond it a float could no longer hold every integer exactly. */
export const maxCount = Number.MAX_SAFE_INTEGER

/**
 * Reads a count cell strictly: digits only, at most 2^53 - 1. Returns the number, or the words that
 * tell a clerk what is wrong with it.
 * @example readCount("1834") // 1834
 * @example readCount("1 834") // "…thousands separators…"
 */
export const readCount = (cell: string): number | string => {
  if (cell.length === 0) return "the cell is empty; write 0 if there were none"
  let value = 0
  for (let i = 0; i < cell.length; i++) {
    const c = cell.charCodeAt(i) - 48
    if (c < 0 || c > 9) return countProblem(cell)
    value = value * 10 + c
  }
  return value > maxCount ? `"${shown(cell)}" is too large for a count (the largest is ${maxCount})` : value
}

/** Explains why a cell that is not all digits is not a count. */
const countProblem = (cell: string): string => {
  const s = shown(cell)
  if (cell.trim().length === 0) return "the cell is empty; write 0 if there were none"
  if (/^\s|\s$/.test(cell) && /^\s*[0-9]+\s*$/.test(cell)) return `"${s}" has spaces around the number; write digits only`
  if (/^\s*[-+]/.test(cell)) return `"${s}" has a sign; a count is a whole number of 0 or more, written without + or -`
  if (/^[0-9]*[.][0-9]*$/.test(cell) && /[0-9]/.test(cell)) return `"${s}" has a decimal point; a count is a whole number`
  if (/^[0-9]{1,3}([,.' \u00a0\u202f][0-9]{3})+$/.test(cell)) return `"${s}" has thousands separators; write the digits only, e.g. ${shown(cell.replace(/[^0-9]/g, ""))}`
  if (/^[0-9]*[,][0-9]*$/.test(cell) && /[0-9]/.test(cell)) return `"${s}" has a decimal comma; a count is a whole number`
  return `"${s}" is not a count; write a whole number in the digits 0-9`
}

/**
 * Writes a count with its thousands grouped by thin spaces, as a clerk reads it.
 * @example grouped(14722) // "14 722"
 */
export const grouped = (n: number | bigint): string => n.toString().replace(/\B(?=(\d{3})+(?!\d))/g, " ")
