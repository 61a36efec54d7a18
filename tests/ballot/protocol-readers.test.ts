/**
 * The two protocols readers are interchangeable: on random small files, valid or slightly corrupted, the
 * byte scanner and csv-parse hand the sink the same rows and report the same problems; and the byte
 * scanner gives the same whatever its chunk size (records straddle chunk boundaries).
 */
import fc from "fast-check"
import { describe, expect, it } from "vitest"
import { Interner } from "../../src/ballot/interner.js"
import { lineFields, type ProtocolRow } from "../../src/ballot/protocol.js"
import { readProtocolsCsvParse } from "../../src/ballot/protocol-csv-parse.js"
import { readProtocolsFast } from "../../src/ballot/protocol-scan.js"
import { csv, maj, prop, propCells, propHeader, readFast, readSlow, recordingSink, tempFile } from "./readers.js"

/** propCells(precinct) with cell `i` replaced. */
const withCellText = (i: number, text: string, precinct: string) => propCells(precinct).map((c, j) => (j === i ? text : c))

/** A cell as written: its text and whether it is quoted. */
const quote = (text: string) => `"${text.replace(/"/g, '""')}"`

const badCount = fc.constantFrom("", "-1", "+2", "1.5", "1 000", "1,000", "x", "12a", " 7", "99999999999999999999", "9007199254740992", "1'000")
const ids = fc.constantFrom("P1", "P2", "5101", "Уч-7", 'P "q"', "P,3", "P\n4", "P1", "P2", "")
const territories = fc.constantFrom("T1", "T2", "Т-юг", "T1", "T2", "T1", "")

/** One random protocols file for `system`, and its text with the chosen line end, quoting and faults. */
const protocolFile = (system: "proportional" | "majoritarian") => {
  const choices = system === "proportional" ? ["a", "b"] : ["x1", "x2", "y1"]
  const base = ["precinct", "territory", ...(system === "majoritarian" ? ["district"] : []), ...lineFields, ...choices]
  const cell = fc.record({
    n: fc.nat({ max: 2000 }),
    quoted: fc.boolean()
  })
  const row = fc.record({
    fault: fc.option(fc.record({ at: fc.nat(), bad: badCount }), { freq: 3 }),
    precinct: ids,
    territory: territories,
    district: fc.constantFrom("D1", "D2", "D1", "D2", "D1", "D2", "D1", "D2", "D9", ""),
    version: fc.constantFrom("1", "2", "3", "1", "2", "3", "1", "2", "3", "0", "", "x"),
    cells: fc.array(cell, { minLength: base.length + 2, maxLength: base.length + 2 }),
    ragged: fc.constantFrom(0, 0, 0, 0, 0, 0, 0, 0, -1, 1),
    blankBefore: fc.constantFrom(0, 0, 0, 1, 2),
    quoteIds: fc.boolean()
  })
  return fc
    .record({
      order: fc.shuffledSubarray(base, { minLength: base.length, maxLength: base.length }),
      version: fc.boolean(),
      extraColumn: fc.constantFrom(null, null, null, null, null, null, "c", "a", "voters"),
      dropColumn: fc.constantFrom(-1, -1, -1, -1, -1, -1, -1, 0, 5, base.length - 1),
      quoteHeader: fc.boolean(),
      crlf: fc.boolean(),
      bom: fc.boolean(),
      finalBreak: fc.constantFrom(true, true, false),
      rows: fc.array(row, { maxLength: 6 }),
      unterminated: fc.constantFrom(-1, -1, -1, -1, -1, -1, -1, -1, 0, 1)
    })
    .map((f) => {
      const eol = f.crlf ? "\r\n" : "\n"
      let header = [...f.order, ...(f.version ? ["version"] : [])]
      if (f.dropColumn >= 0) header = header.filter((_, i) => i !== f.dropColumn)
      if (f.extraColumn !== null) header.push(f.extraColumn)
      const lines = [header.map((h) => (f.quoteHeader ? quote(h) : h)).join(",")]
      f.rows.forEach((r, ri) => {
        for (let i = 0; i < r.blankBefore; i++) lines.push("")
        const district = r.district
        let cells = header.map((h, i) => {
          const c = r.cells[i]
          const id = (text: string) => (r.quoteIds || /[",\n]/.test(text) ? quote(text.replace(/\n/g, eol)) : text)
          if (h === "precinct") return id(r.precinct)
          if (h === "territory") return id(r.territory)
          if (h === "district") return id(district)
          if (h === "version") return r.version
          const otherDistrict = system === "majoritarian" && choices.includes(h) && (h.startsWith("x") ? district !== "D1" : district !== "D2")
          const fault = r.fault !== null && r.fault.at % header.length === i
          let text = fault ? r.fault!.bad : otherDistrict !== (fault && r.fault!.bad === "") ? "" : String(c.n)
          if (/[",\n]/.test(text) || c.quoted) text = quote(text)
          return text
        })
        if (r.ragged < 0) cells = cells.slice(0, -1)
        if (r.ragged > 0) cells.push("0")
        let line = cells.join(",")
        if (ri === f.unterminated) line = line.replace(/,/, ',"')
        lines.push(line)
      })
      return (f.bom ? "\ufeff" : "") + lines.join(eol) + (f.finalBreak ? eol : "")
    })
}

describe("the byte scanner and csv-parse read every file alike", () => {
  for (const [system, layout] of [["proportional", prop], ["majoritarian", maj]] as const) {
    it(`${system}: same rows, same problems; any chunk size gives the same`, async () => {
      let withProblems = 0
      let withRows = 0
      await fc.assert(
        fc.asyncProperty(protocolFile(system), async (text) => {
          const file = tempFile(text)
          const fast = readFast(file, layout)
          const slow = await readSlow(file, layout)
          expect(slow.problems).toEqual(fast.problems)
          expect(slow.rows).toEqual(fast.rows)
          expect(slow.count).toBe(fast.count)
          for (const chunkSize of [7, 64]) expect(readFast(file, layout, chunkSize)).toEqual(fast)
          if (fast.problems.length > 0) withProblems++
          if (fast.rows.length > 0) withRows++
        }),
        { numRuns: 300 }
      )
      // The generator must exercise both sides: usable rows and problems.
      expect(withProblems).toBeGreaterThan(30)
      expect(withRows).toBeGreaterThan(30)
    })
  }
})

describe("the csv-parse reader is an independent reading, not a copy of the byte scanner", () => {
  it("an exception of the sink reaches the caller from either reader; no row is lost silently", async () => {
    const file = tempFile(csv(propHeader, propCells("P1"), propCells("P2"), propCells("P3")))
    const seen: Array<string> = []
    const sink = {
      row: (r: ProtocolRow) => {
        if (r.line === 3) throw new Error("the store is full")
        seen.push(r.precinct)
      }
    }
    expect(() => readProtocolsFast(file, { name: "p.csv", fileIndex: 0, layout: prop, sink })).toThrow("the store is full")
    await expect(readProtocolsCsvParse(file, { name: "p.csv", fileIndex: 0, layout: prop, sink })).rejects.toThrow("the store is full")
    expect(seen).toEqual(["P1", "P1"])
  })

  it("a quoted header is read as names, also with a table of precincts: no internal marker reaches a message or the table", async () => {
    const text = csv(propHeader.map((h) => `"${h}"`), propCells("P1"), ['"P2"', ...propCells().slice(1)])
    const file = tempFile(text)
    for (const reader of ["fast", "csv-parse"] as const) {
      const ids = new Interner()
      const sink = recordingSink()
      const options = { name: "p.csv", fileIndex: 0, layout: prop, sink, precincts: ids, addPrecincts: true }
      const report = reader === "fast" ? readProtocolsFast(file, options) : await readProtocolsCsvParse(file, options)
      expect(report.problems, reader).toEqual([])
      expect(sink.rows.map((r) => r.line), reader).toEqual([2, 3])
      expect(Array.from({ length: ids.size }, (_, i) => ids.string(i)), reader).toEqual(["P1", "P2"])
    }
  })

  it("a precinct id of spaces only is empty for both readers, with or without a table of precincts; it never enters the table", async () => {
    for (const space of ["\t", "   ", "\u00a0", '"  "', '"\t"']) {
      const file = tempFile(csv(propHeader, propCells("P1"), propCells(space), propCells("P2")))
      for (const known of ["none", "find", "add"] as const)
        for (const reader of ["fast", "csv-parse"] as const) {
          const ids = new Interner()
          ids.add("P1")
          const options = { name: "p.csv", fileIndex: 0, layout: prop, sink: recordingSink(), ...(known === "none" ? {} : { precincts: ids, addPrecincts: known === "add" }) }
          const report = reader === "fast" ? readProtocolsFast(file, options) : await readProtocolsCsvParse(file, options)
          const at = `${JSON.stringify(space)} ${known} ${reader}`
          expect(report.problems.map((p) => `${p.line}:${p.column}: ${p.message}`), at).toEqual(["3:1: the precinct id is empty"])
          expect(options.sink.rows.map((r) => r.line), at).toEqual([2, 4])
          expect(Array.from({ length: ids.size }, (_, i) => ids.string(i)), at).toEqual(known === "add" ? ["P1", "P2"] : ["P1"])
        }
    }
  })

  it("a row found unusable adds no precinct to the table (the registry's line numbers stay right)", async () => {
    const text = csv(propHeader, propCells("P1"), propCells("P9").slice(0, 14), withCellText(3, "x", "P8"), propCells("P2"))
    for (const reader of ["fast", "csv-parse"] as const) {
      const ids = new Interner()
      const file = tempFile(text)
      const options = { name: "p.csv", fileIndex: 0, layout: prop, sink: recordingSink(), precincts: ids, addPrecincts: true }
      const report = reader === "fast" ? readProtocolsFast(file, options) : await readProtocolsCsvParse(file, options)
      expect(report.problems.length, reader).toBe(2)
      expect(Array.from({ length: ids.size }, (_, i) => ids.string(i)), reader).toEqual(["P1", "P2"])
    }
  })
})
