/**
 * A protocol kept by its place in its file is read again as the reader first gave it: plain rows, quoted cells
 * (line ends inside too), CR LF, a byte order mark, empty lines, a last row without a line end, another district's
 * blank candidates; in any order. A file that changed after reading began is refused, never read as it is now.
 */
import fc from "fast-check"
import * as fs from "node:fs"
import { describe, expect, it, vi } from "vitest"
import { lineFields } from "../../src/ballot/protocol.js"
import { readProtocolsFast } from "../../src/ballot/protocol-scan.js"
import { ingest } from "../../src/tally/ingest.js"
import { FileChanged, filePlaces, ProtocolFiles } from "../../src/tally/protocol-files.js"
import { Tally } from "../../src/tally/tally.js"
import { maj, prop, recordingSink, tempFile } from "../ballot/readers.js"
import { cleanProtocol, electionOf, protocolsCsv, writeFiles } from "./elections.js"

/** A cell as written: plain, or in quotes (with its quotes doubled). */
const written = (cell: string, quoted: boolean): string => (quoted || /[",\r\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell)

/** A protocols text of the layout's columns, and its rows' cells; `shape` picks line ends, quotes, a BOM, empty lines. */
const fileOf = (majoritarian: boolean, rows: ReadonlyArray<ReadonlyArray<number>>, shape: { crlf: boolean; bom: boolean; quoteEvery: number; emptyEvery: number; finalBreak: boolean }): string => {
  const header = ["precinct", "territory", ...(majoritarian ? ["district"] : []), ...lineFields, ...(majoritarian ? ["x1", "x2", "y1"] : ["a", "b"])]
  const end = shape.crlf ? "\r\n" : "\n"
  // Some header cells quoted too: the header is read by the scanner, quotes and all.
  const lines = [header.map((h, i) => written(h, shape.quoteEvery > 0 && i % shape.quoteEvery === 1)).join(",")]
  rows.forEach((counts, k) => {
    const district = majoritarian ? [k % 2 === 0 ? "D1" : "D2"] : []
    // A majoritarian row leaves the other district's candidates blank.
    const choices = majoritarian ? (k % 2 === 0 ? [String(counts[11]), String(counts[12]), ""] : ["", "", String(counts[11])]) : [String(counts[11]), String(counts[12])]
    const id = k % 5 === 3 ? `P "${k}"\nnew` : `P${k}`
    const cells = [id, "T1", ...district, ...counts.slice(0, 11).map(String), ...choices]
    lines.push(cells.map((c, i) => written(c, shape.quoteEvery > 0 && (k + i) % shape.quoteEvery === 0)).join(","))
    if (shape.emptyEvery > 0 && k % shape.emptyEvery === 0) lines.push("")
  })
  return (shape.bom ? "\ufeff" : "") + lines.join(end) + (shape.finalBreak ? end : "")
}

describe("ProtocolFiles", () => {
  it("reads every protocol again at its place as the reader gave it, in any order", () => {
    fc.assert(
      fc.property(
        fc.boolean(),
        fc.array(fc.array(fc.integer({ min: 0, max: 70_000 }), { minLength: 13, maxLength: 13 }), { minLength: 1, maxLength: 30 }),
        fc.record({ crlf: fc.boolean(), bom: fc.boolean(), quoteEvery: fc.constantFrom(0, 0, 3, 7), emptyEvery: fc.constantFrom(0, 4), finalBreak: fc.boolean() }),
        fc.integer(),
        (majoritarian, rows, shape, seed) => {
          const layout = majoritarian ? maj : prop
          const file = tempFile(fileOf(majoritarian, rows, shape))
          const sink = recordingSink()
          const report = readProtocolsFast(file, { name: file, fileIndex: 0, layout, sink })
          expect(report.problems).toEqual([])
          expect(sink.rows.length).toBe(rows.length)
          const files = new ProtocolFiles(filePlaces([file])!, layout)
          // Asked for in an order of their own (a seeded shuffle), every row is read back whole.
          const order = sink.rows.map((r, k) => ({ r, key: Math.imul(k + 1, seed | 1) >>> 0 })).sort((a, b) => a.key - b.key)
          for (const { r } of order) expect([...files.read(files.placeOf(0, r.offset))]).toEqual(r.values)
        }
      ),
      { numRuns: 150 }
    )
  })

  it("reads protocols with quoted ids from a file of many windows, none cut short at a window's end", () => {
    // The ids are quoted (the whole reader reads them), the counts not: a window's end may fall inside a count.
    const header = ["precinct", "territory", ...lineFields, "a", "b"].join(",")
    const lines = Array.from({ length: 20_000 }, (_, k) => [`"P ${k}"`, "T1", ...Array.from({ length: 13 }, (_, i) => String((k * 7919 + i * 104_729) % 99_991))].join(","))
    const file = tempFile([header, ...lines].join("\n") + "\n")
    const sink = recordingSink()
    readProtocolsFast(file, { name: file, fileIndex: 0, layout: prop, sink })
    expect(sink.rows.length).toBe(lines.length)
    const files = new ProtocolFiles(filePlaces([file])!, prop)
    for (const r of sink.rows) expect([...files.read(files.placeOf(0, r.offset))]).toEqual(r.values)
  })

  it("places files one after another, and has no place for a row beyond what a file held when reading began", () => {
    const a = tempFile("x".repeat(100))
    const b = tempFile("y".repeat(50))
    const files = new ProtocolFiles(filePlaces([a, b])!, prop)
    expect(files.starts).toEqual([0, 100])
    expect(files.end).toBe(150)
    expect(files.placeOf(1, 7)).toBe(107)
    expect(files.placeOf(1, 50)).toBe(-1)
    expect(filePlaces([a, `${a}.missing`])).toBeNull()
  })

  it("refuses to read a file again that changed after reading began (its size or its time of change)", () => {
    const text = fileOf(false, [[900, 900, 500, 10, 390, 0, 500, 10, 5, 505, 0, 300, 205]], { crlf: false, bom: false, quoteEvery: 0, emptyEvery: 0, finalBreak: true })
    const file = tempFile(text)
    const sink = recordingSink()
    readProtocolsFast(file, { name: file, fileIndex: 0, layout: prop, sink })
    const offset = sink.rows[0].offset
    const read = (files: ProtocolFiles) => [...files.read(files.placeOf(0, offset))]
    expect(read(new ProtocolFiles(filePlaces([file])!, prop))).toEqual(sink.rows[0].values)
    // The same size, another count and another time of change.
    const before = new ProtocolFiles(filePlaces([file])!, prop)
    fs.writeFileSync(file, text.replace("900,900", "800,900"))
    fs.utimesSync(file, new Date(), new Date(Date.now() + 5000))
    expect(() => read(before)).toThrow(FileChanged)
    // Grown.
    const grown = new ProtocolFiles(filePlaces([file])!, prop)
    fs.appendFileSync(file, "P9,T1,1,1,1,0,0,0,1,0,0,1,0,1,0\n")
    expect(() => read(grown)).toThrow(FileChanged)
    // Gone.
    const gone = new ProtocolFiles(filePlaces([file])!, prop)
    fs.rmSync(file)
    expect(() => read(gone)).toThrow(FileChanged)
  })
})

/** One protocol row of a random sequence: which precinct, its source and version, and a shift of its counts. */
const protocolOp = fc.record({ p: fc.nat({ max: 7 }), asu: fc.boolean(), version: fc.integer({ min: 1, max: 3 }), shift: fc.nat({ max: 2 }) })
type ProtocolOp = { readonly p: number; readonly asu: boolean; readonly version: number; readonly shift: number }

/** A tally that counts how often it reads a protocol again from its file. */
class CountingFiles extends ProtocolFiles {
  reads = 0
  override read(place: number): Float64Array {
    this.reads++
    return super.read(place)
  }
}

describe("a tally that keeps protocols by their place in the files", () => {
  const ids = Array.from({ length: 8 }, (_, i) => `P${i + 1}`)
  // P6 has more voters than 16 bits hold: the voters kept beside a protocol widen.
  const registry = ids.map((id, i) => ({ id, territory: `T${(i % 3) + 1}`, district: i % 2 === 0 ? "D1" : "D2", voters: i === 5 ? 70_000 : 1000 + i }))
  const electionFor = (majoritarian: boolean, annulled: ReadonlyArray<string>) =>
    electionOf(
      majoritarian
        ? {
            id: "m",
            name: "M",
            system: "majoritarian",
            districts: [
              { id: "D1", name: "", seats: 1, candidates: [{ id: "x1", name: "", gender: "F" }, { id: "x2", name: "", gender: "M" }] },
              { id: "D2", name: "", seats: 1, candidates: [{ id: "y1", name: "", gender: "M" }] }
            ],
            precincts: registry,
            annulled
          }
        : { id: "e", name: "E", system: "proportional", edition: "2024", seats: 5, parties: [{ id: "a", name: "A" }, { id: "b", name: "B" }], precincts: registry.map(({ district: _, ...r }) => r), annulled }
    )

  /** The CSV text of the rows (with source and version columns), a majoritarian row blank for the other district's candidates. */
  const textOf = (majoritarian: boolean, ops: ReadonlyArray<ProtocolOp>): string => {
    const header = ["precinct", "territory", ...(majoritarian ? ["district"] : []), "source", "version", ...lineFields, ...(majoritarian ? ["x1", "x2", "y1"] : ["a", "b"])]
    const rows = ops.map((op) => {
      const r = registry[op.p]
      const p = cleanProtocol(r.id, r.territory, r.voters, majoritarian ? (r.district === "D1" ? { x1: 300 + op.shift, x2: 200 } : { y1: 400 - op.shift }) : { a: 300 + op.shift, b: 200 })
      const choices = majoritarian ? ["x1", "x2", "y1"] : ["a", "b"]
      return [r.id, r.territory, ...(majoritarian ? [r.district] : []), op.asu ? "asu" : "manual", String(op.version), ...lineFields.map((f) => String(p[f] ?? 0)), ...choices.map((c) => (p.votes[c] === undefined ? "" : String(p.votes[c])))].join(",")
    })
    return [header.join(","), ...rows].join("\n") + "\n"
  }

  it("gives what a tally of packed protocols gives, with corrections, duplicates, asu protocols and annulments, reading protocols again", () => {
    let reads = 0
    fc.assert(
      fc.property(fc.boolean(), fc.array(protocolOp, { minLength: 1, maxLength: 30 }), fc.subarray(ids, { maxLength: 2 }), (majoritarian, ops, annulled) => {
        const election = electionFor(majoritarian, annulled)
        const file = tempFile(textOf(majoritarian, ops))
        const tallied = (files: ProtocolFiles | null) => {
          const t = new Tally(election, [file], undefined, undefined, files)
          const report = readProtocolsFast(file, { name: file, fileIndex: 0, layout: election.layout, sink: t, precincts: t.ids, addPrecincts: true })
          expect(report.problems).toEqual([])
          return t
        }
        const files = new CountingFiles(filePlaces([file])!, election.layout)
        const inFiles = tallied(files)
        const packed = tallied(null)
        expect(inFiles.data()).toEqual(packed.data())
        // Every protocol has its registry's voters (P6's 70,000 too).
        expect(inFiles.data().findings.filter((f) => f.code === "voters-mismatch")).toEqual([])
        if (ops.some((op) => op.p === 5)) expect(inFiles.protocolOf("P6")?.voters).toBe(70_000)
        expect(inFiles.unsafeTotal()).toBeNull()
        // What an analysis takes out of the totals, and each precinct's protocol, are as the packed tally's too.
        expect(inFiles.totalsWithout(ids.slice(0, 3))).toEqual(packed.totalsWithout(ids.slice(0, 3)))
        for (const id of ids) expect(inFiles.protocolOf(id)).toEqual(packed.protocolOf(id))
        reads += files.reads
      }),
      { numRuns: 200 }
    )
    // The protocols kept in the files were read again (a correction, a duplicate, an asu check, an analysis).
    expect(reads).toBeGreaterThan(100)
  })
})

describe("ingest, when a protocols file changes while it is tallied", () => {
  it("reports it as a problem of that file, with no result", async () => {
    const election = electionOf({ id: "e", name: "E", system: "proportional", edition: "2024", seats: 5, parties: [{ id: "a", name: "A" }, { id: "b", name: "B" }] })
    const p = cleanProtocol("P1", "T1", 900, { a: 300, b: 200 })
    // A correction in the second file: the first file's protocol is read again to be subtracted.
    const [first, second] = writeFiles([protocolsCsv(["a", "b"], [p]), protocolsCsv(["a", "b"], [{ ...p, version: 2 }])])
    const read = vi.spyOn(ProtocolFiles.prototype, "read").mockImplementation(function (this: ProtocolFiles) {
      throw new FileChanged(this.places.paths[0])
    })
    try {
      const outcome = await ingest(election, [first, second], "fast")
      expect(read).toHaveBeenCalled()
      expect(outcome).toEqual({ ok: false, problems: [{ file: first, line: 1, column: 1, message: new FileChanged(first).message }], more: 0 })
    } finally {
      read.mockRestore()
    }
    // As it is, the same files tally.
    expect((await ingest(election, [first, second], "fast")).ok).toBe(true)
  })
})
