/**
 * Tallying in parts equals tallying at once: byte ranges of one file, each tallied on its own (as the worker
 * threads of the parallel ingest do) and absorbed in order, give the same result as one pass.
 */
import fc from "fast-check"
import * as fs from "node:fs"
import * as path from "node:path"
import { describe, expect, it } from "vitest"
import { protocolSchema, readCsvFast } from "../../src/ballot/protocol-scan.js"
import { filePlaces, ProtocolFiles } from "../../src/tally/protocol-files.js"
import { shiftLines, Tally } from "../../src/tally/tally.js"
import { tempDir } from "../ballot/readers.js"
import { cleanProtocol, electionOf, protocolsCsv, type Protocol } from "./elections.js"

const parties = ["a", "b", "c"]
// P8 has more voters than 16 bits hold: a part's voters widen, and the tally's with them when it absorbs the part.
const registry = Array.from({ length: 40 }, (_, i) => ({ id: `P${i + 1}`, territory: `T${(i % 4) + 1}`, voters: i === 7 ? 70_000 : 900 + 37 * i }))
const election = electionOf({
  id: "e",
  name: "E",
  system: "proportional",
  edition: "2024",
  seats: 11,
  parties: parties.map((id) => ({ id, name: id.toUpperCase() })),
  precincts: registry
})

/** Precinct i's protocol; some are faulty (a ballot too many received, an unknown precinct, a duplicate). */
const protocols: Array<Protocol> = registry.flatMap((r, i) => {
  const p = cleanProtocol(r.id, r.territory, r.voters, { a: 100 + i, b: 80 + ((i * 7) % 30), c: 20 + (i % 5) })
  if (i % 9 === 4) return [{ ...p, received: p.voters! + 5 }]
  if (i % 13 === 6) return [p, p]
  if (i === 30) return [p, { ...p, precinct: "X1" }]
  // A correction before the protocol it replaces, and one after.
  if (i % 11 === 3) return [{ ...p, version: 2, votes: { ...p.votes, a: p.votes.a - 1 }, valid: p.valid! - 1, invalid: p.invalid! + 1 }, p]
  if (i === 20) return [p, { ...p, version: 3 }]
  return i === 35 ? [] : [p]
})

/** Byte offsets of the line starts of a file, after its header. */
const lineStarts = (text: string): Array<number> => {
  const starts: Array<number> = []
  for (let i = text.indexOf("\n") + 1; i > 0 && i < text.length; i = text.indexOf("\n", i) + 1) starts.push(Buffer.byteLength(text.slice(0, i)))
  return starts
}

describe("a tally absorbs parts tallied on their own", () => {
  const file = path.join(tempDir(), "protocols.csv")
  const text = protocolsCsv(parties, protocols)
  fs.writeFileSync(file, text)
  const size = fs.statSync(file).size
  const whole = () => {
    const t = new Tally(election, [file])
    readCsvFast(file, protocolSchema(election.layout), { name: file, fileIndex: 0, sink: t, precincts: t.ids, addPrecincts: true })
    return t.data()
  }
  const starts = lineStarts(text)

  it("gives the same totals, findings and line numbers for any cut of the file into ranges, its parts keeping protocols by their place in the file", () => {
    const expected = whole()
    // The parts keep a precinct's first protocol by its place in the file, as the parallel ingest's do; `whole` packs them.
    const files = new ProtocolFiles(filePlaces([file])!, election.layout)
    expect(expected.findings.map((f) => f.code)).toEqual(expect.arrayContaining(["reserve-exceeded", "duplicate-protocol", "unknown-precinct", "missing-precinct"]))
    expect(expected.precincts.versions.map((v) => v.precinct)).toEqual(["P15", "P21", "P26", "P37", "P4"])
    fc.assert(
      fc.property(fc.uniqueArray(fc.constantFrom(...starts.slice(1)), { minLength: 1, maxLength: 5 }), fc.boolean(), (picked, adopt) => {
        const cuts = [0, ...[...picked].sort((a, b) => a - b), size]
        let absorbed = 0
        // The first part is absorbed into an empty tally, or becomes the tally itself (as the worker threads' first part does).
        let total: Tally | null = adopt ? null : new Tally(election, [file], undefined, undefined, files)
        let lineOffset = 0
        for (let k = 0; k + 1 < cuts.length; k++) {
          const part = new Tally(election, [file], undefined, undefined, files)
          const report = readCsvFast(file, protocolSchema(election.layout), {
            name: file,
            fileIndex: 0,
            sink: part,
            range: { start: cuts[k], end: cuts[k + 1] },
            precincts: part.ids,
            addPrecincts: true
          })
          expect(report.problems).toEqual([])
          // Every part is absorbed, a duplicate split across two ranges too: there is no fallback to test around.
          const exported = shiftLines(part.exportPart(k === 0 && adopt), lineOffset)
          if (total === null) total = Tally.adopt(election, [file], exported, files)
          else total.absorb(exported)
          absorbed++
          lineOffset += report.lines
        }
        // The parts path ran: at least two parts, each absorbed.
        expect(absorbed).toBe(picked.length + 1)
        expect(absorbed).toBeGreaterThanOrEqual(2)
        expect(total!.data()).toEqual(expected)
      }),
      { numRuns: 60 }
    )
  })

  it("keeps a protocol's place in the file when its part is absorbed after packed counts, and reads it there again", () => {
    // Three parts: the first packs a protocol (P1's version 1 comes after its version 2); the second, absorbed after
    // it (its arena copied after the first's counts), keeps P2 and P3 by their places; the third corrects P2 and
    // repeats P3, so both are read again where they are.
    const p = (id: string, a: number, version: number) => ({ ...cleanProtocol(id, "T1", 900, { a, b: 50, c: 10 }), version })
    const rows = [[p("P1", 100, 2), p("P1", 90, 1)], [p("P2", 200, 1), p("P3", 300, 1)], [p("P2", 210, 2), p("P3", 300, 1)]]
    const own = path.join(tempDir(), "protocols.csv")
    const ownText = protocolsCsv(parties, rows.flat())
    fs.writeFileSync(own, ownText)
    const ownStarts = lineStarts(ownText)
    const cuts = [0, ownStarts[2], ownStarts[4], Buffer.byteLength(ownText)]
    const files = new ProtocolFiles(filePlaces([own])!, election.layout)
    const one = new Tally(election, [own])
    readCsvFast(own, protocolSchema(election.layout), { name: own, fileIndex: 0, sink: one, precincts: one.ids, addPrecincts: true })
    let total: Tally | null = null
    let lineOffset = 0
    for (let k = 0; k + 1 < cuts.length; k++) {
      const part = new Tally(election, [own], undefined, undefined, files)
      const report = readCsvFast(own, protocolSchema(election.layout), { name: own, fileIndex: 0, sink: part, range: { start: cuts[k], end: cuts[k + 1] }, precincts: part.ids, addPrecincts: true })
      const exported = shiftLines(part.exportPart(k === 0), lineOffset)
      if (total === null) total = Tally.adopt(election, [own], exported, files)
      else total.absorb(exported)
      lineOffset += report.lines
    }
    const data = total!.data()
    expect(data).toEqual(one.data())
    expect(data.findings.filter((f) => f.code === "duplicate-protocol").map((f) => f.precinct)).toEqual(["P3"])
    expect(data.precincts.versions).toEqual([{ precinct: "P1", version: 2 }, { precinct: "P2", version: 2 }])
  })

  it("keeps where counts are packed exactly when offsets pass 2^32 (32-bit numbers until then, doubles after)", () => {
    const cut = starts[Math.floor(starts.length / 2)]
    const partOf = (start: number, end: number) => {
      const part = new Tally(election, [file])
      const report = readCsvFast(file, protocolSchema(election.layout), { name: file, fileIndex: 0, sink: part, range: { start, end }, precincts: part.ids, addPrecincts: true })
      return { part: part.exportPart(true), lines: report.lines }
    }
    const first = partOf(0, cut)
    expect(first.part.at).toBeInstanceOf(Uint32Array)
    // An empty arena after the part's, beyond 2^32 (a tally past 4 GiB of counts, without the memory): packing goes on there.
    const far = 2 ** 32 + 7
    const counts = { arenas: [...first.part.counts.arenas, new Uint8Array(16)], starts: [...first.part.counts.starts, far], end: far + 16 }
    const total = Tally.adopt(election, [file], { ...first.part, counts })
    const second = partOf(cut, size)
    total.absorb(shiftLines(second.part, first.lines))
    expect(total.data()).toEqual(whole())
  })

  it("a precinct in two parts is resolved as if its protocols came one at a time: the first counts, the second is a duplicate", () => {
    const first = new Tally(election, [file])
    const second = new Tally(election, [file])
    const p = cleanProtocol("P1", "T1", 900, { a: 100, b: 50, c: 10 })
    const values = Float64Array.from([...[p.voters, p.received, p.issued_premises, p.issued_outside, p.cancelled, p.spoiled, p.found_stationary, p.found_mobile, p.invalid, p.valid, p.against_all].map(Number), 100, 50, 10])
    const row = { file: 0, line: 2, offset: 0, precinct: "P1", precinctIndex: -2, precincts: null, territory: "T1", district: -1, version: 1, source: "manual" as const, values }
    first.row(row)
    second.row({ ...row, line: 9 })
    const total = new Tally(election, [file])
    total.absorb(first.exportPart())
    total.absorb(second.exportPart())
    const one = new Tally(election, [file])
    one.row(row)
    one.row({ ...row, line: 9 })
    expect(total.data()).toEqual(one.data())
    expect(total.data().findings.filter((f) => f.code === "duplicate-protocol").map((f) => [f.line, f.message])).toEqual([
      [9, `a second protocol of precinct "P1", version 1; only the first is counted (the first is at ${file} line 2)`]
    ])
  })
})
