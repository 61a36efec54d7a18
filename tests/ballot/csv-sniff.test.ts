/**
 * Files saved by a spreadsheet (issue 10): a file that is not UTF-8, one separated by semicolons, rows of only
 * commas. Each gets one message that says so and what to do, instead of a problem per cell.
 */
import * as fs from "node:fs"
import * as path from "node:path"
import { describe, expect, it } from "vitest"
import { sniffCsv, sniffUtf8 } from "../../src/ballot/csv-sniff.js"
import { formatProblem } from "../../src/ballot/problem.js"
import { tempDir } from "./readers.js"

const header = "precinct,territory,voters\n"

/** The message for a file of these bytes, or null. */
const sniffed = (bytes: Buffer | string): string | null => {
  const file = path.join(tempDir(), "p.csv")
  fs.writeFileSync(file, bytes)
  const p = sniffCsv(file, "p.csv")
  return p === null ? null : formatProblem(p)
}

describe("sniffCsv", () => {
  it("a clean file, with or without a BOM, LF or CRLF: nothing to say", () => {
    expect(sniffed(`${header}5101,T1,100\n`)).toBe(null)
    expect(sniffed(`\ufeff${header.replace("\n", "\r\n")}5101,T1,100\r\n`)).toBe(null)
    expect(sniffed(`${header}5101,"Бишкек, 1",100\n`)).toBe(null)
  })

  it("Windows-1251 text: where the first byte is, and how to save it as UTF-8", () => {
    const cp1251 = Buffer.concat([Buffer.from(`${header}5101,`), Buffer.from([0xc1, 0xe8, 0xf8]), Buffer.from(",100\n")])
    expect(sniffed(cp1251)).toBe(
      'p.csv:2:6: the file is not UTF-8 text (byte 0xC1 here): it was probably saved in a code page such as Windows-1251; save it from the spreadsheet as "CSV UTF-8 (comma delimited)", or convert it (iconv -f cp1251 -t utf-8)'
    )
  })

  it("UTF-16 (a spreadsheet's Unicode text)", () => {
    expect(sniffed(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(header, "utf16le")]))).toBe(
      'p.csv:1:1: the file is UTF-16 text (a spreadsheet\'s "Unicode text"), not UTF-8; save it from the spreadsheet as "CSV UTF-8 (comma delimited)"'
    )
  })

  it("semicolons for commas: one message, not a missing column each", () => {
    expect(sniffed("precinct;territory;voters\n5101;T1;100\n")).toMatch(/^p\.csv:1:1: the file is separated by semicolons \(;\)/)
  })

  it("rows of only commas: one message at the first, counting the others", () => {
    expect(sniffed(`${header}5101,T1,100\n,,\n,,\r\n,,\n`)).toBe(
      "p.csv:3:1: this line and 2 others hold only commas: a spreadsheet writes them for empty rows; delete those rows and save the file again"
    )
    expect(sniffed(`${header},,\n5101,T1,100\n`)).toBe("p.csv:2:1: this line holds only commas: a spreadsheet writes them for empty rows; delete those rows and save the file again")
  })

  it("a large file: its last rows are looked at too, with their line numbers", () => {
    const rows = Array.from({ length: 200000 }, (_, i) => `${i},T1,100\n`).join("")
    expect(sniffed(`${header}${rows},,\n`)).toBe("p.csv:200002:1: this line holds only commas: a spreadsheet writes them for empty rows; delete those rows and save the file again")
    expect(sniffed(Buffer.concat([Buffer.from(`${header}${rows}`), Buffer.from([0xe9, 0x0a])]))).toMatch(/^p\.csv:200002:1: the file is not UTF-8 text \(byte 0xE9 here\)/)
  })
})

describe("sniffUtf8 (election.json)", () => {
  it("UTF-8 passes; another code page is named with its position", () => {
    const dir = tempDir()
    fs.writeFileSync(path.join(dir, "a.json"), '{"name": "Жогорку"}')
    expect(sniffUtf8(path.join(dir, "a.json"), "a.json")).toBe(null)
    fs.writeFileSync(path.join(dir, "b.json"), Buffer.concat([Buffer.from('{\n"name": "'), Buffer.from([0xc6]), Buffer.from('"}')]))
    expect(formatProblem(sniffUtf8(path.join(dir, "b.json"), "b.json")!)).toBe("b.json:2:10: the file is not UTF-8 text (byte 0xC6 here); save it as UTF-8")
  })
})
