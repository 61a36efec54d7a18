/**
 * The two readers are independent readings of the same bytes: on mutated files (bytes deleted, inserted and
 * duplicated: quotes, CR, LF, commas, BOMs, letters, multi-byte characters) the byte scanner and csv-parse
 * hand the sink the same rows and report the same problems at the same positions, for protocols files (with
 * and without a table of known precincts; small ones, generated elections, files of many chunks), the registry
 * and results.csv; and no message carries a control character.
 */
import { Either } from "effect"
import fc from "fast-check"
import * as fs from "node:fs"
import * as path from "node:path"
import { describe, expect, it } from "vitest"
import { readElection } from "../../src/ballot/election.js"
import { Interner } from "../../src/ballot/interner.js"
import { formatProblem, InputError } from "../../src/ballot/problem.js"
import { readRegistryCsv } from "../../src/ballot/registry.js"
import { readResults } from "../../src/ballot/results-csv.js"
import { readProtocolsCsvParse } from "../../src/ballot/protocol-csv-parse.js"
import { knownPrecinct, readProtocolsFast } from "../../src/ballot/protocol-scan.js"
import { generateInto } from "../generate/generated.js"
import { csv, maj, majHeader, prop, propCells, propHeader, recordingSink, tempFile } from "./readers.js"

/** Bytes a mutation inserts: the characters that make CSV hard, and some that make counts bad. */
const inserted = ['"', "\r", "\n", "\r\n", ",", "\ufeff", "0", "7", "x", " ", "Ё", "\u0000", '""', "\n\n"].map((s) => Buffer.from(s))

/** One mutation of a byte string: delete a range, insert a piece, or duplicate a range. */
type Mutation = { readonly kind: "delete" | "insert" | "duplicate"; readonly at: number; readonly length: number; readonly piece: number }

const mutation: fc.Arbitrary<Mutation> = fc.record({
  kind: fc.constantFrom("delete", "insert", "insert", "duplicate"),
  at: fc.nat(),
  length: fc.integer({ min: 1, max: 12 }),
  piece: fc.nat({ max: inserted.length - 1 })
})

/** Applies mutations in turn; positions are taken modulo the current length. */
const mutate = (bytes: Buffer, mutations: ReadonlyArray<Mutation>): Buffer => {
  let b = bytes
  for (const m of mutations) {
    const at = b.length === 0 ? 0 : m.at % (b.length + 1)
    const end = Math.min(b.length, at + m.length)
    if (m.kind === "delete") b = Buffer.concat([b.subarray(0, at), b.subarray(end)])
    else if (m.kind === "insert") b = Buffer.concat([b.subarray(0, at), inserted[m.piece], b.subarray(at)])
    else b = Buffer.concat([b.subarray(0, end), b.subarray(at, end), b.subarray(end)])
  }
  return b
}

/** A few good files to start from, of each kind. */
const majRow = (p: string, d: string, x1: string, x2: string, y1: string) => [p, "T1", d, "9", "9", "5", "1", "3", "0", "5", "1", "1", "5", "1", x1, x2, y1]
const protocolSeeds = [
  { layout: prop, text: csv(propHeader, propCells("P1"), propCells("P2"), propCells("P3")) },
  { layout: prop, text: "\ufeff" + [propHeader.map((h) => `"${h}"`).join(","), propCells("P1").join(","), "", propCells('"P ""2"""').join(",")].join("\r\n") + "\r\n" },
  { layout: maj, text: csv(majHeader, majRow("P1", "D1", "3", "4", ""), majRow('"P\n2"', "D2", "", "", "5"), majRow("P3", "D1", '"1"', "2", "")) },
  { layout: prop, text: csv([...propHeader, "version", "source"], [...propCells("P1"), "1", "asu"], [...propCells("P1"), "2", "manual"], [...propCells("P3"), '"1"', '"asu"']) }
]
const registrySeed = 'id,territory,district,voters\nP1,T1,D1,100\n"P2",T1,,200\r\nP3,"T\n2",D2,300\n'
const resultsSeeds = ["party,votes\nsdpk,4854\nel-aman,3074\n", 'candidate,votes,gender\r\n"f1",70,F\r\nm1,"80",M\r\n']

/** Control characters no message may carry (the formatted problem, file name included). */
const control = /[\u0000-\u001f\u007f-\u009f]/

/** Whether a read is given known precincts: none, a table to look them up in, or a table to add them to (as a tally does). */
type Known = "none" | "find" | "add"

/** What a protocols reader gave, comparable: rows as copied, problems as lines, the row count. */
const protocolsRead = async (file: string, layout: typeof prop, reader: "fast" | "csv-parse", known: Known, chunkSize?: number) => {
  const sink = recordingSink()
  const indexes: Array<number> = []
  const interner = known === "none" ? undefined : new Interner()
  if (interner !== undefined) for (const p of ["P1", "P3", 'P "2"']) interner.add(p)
  const options = {
    addPrecincts: known === "add",
    name: "p.csv",
    fileIndex: 0,
    layout,
    sink: { row: (r: Parameters<typeof sink.row>[0]) => (indexes.push(r.precinctIndex), sink.row(r)) },
    ...(interner !== undefined ? { precincts: interner } : {}),
    ...(chunkSize !== undefined ? { chunkSize } : {})
  }
  const report = reader === "fast" ? readProtocolsFast(file, options) : await readProtocolsCsvParse(file, options)
  return { rows: sink.rows, indexes, problems: report.problems.map(formatProblem), count: report.rows }
}

describe("the byte scanner and csv-parse agree on mutated files", () => {
  it("protocols files: same rows (with their precinct indexes), same problems, same count; any chunk size", async () => {
    let withProblems = 0
    let withRows = 0
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: protocolSeeds.length - 1 }), fc.array(mutation, { minLength: 1, maxLength: 4 }), fc.constantFrom<Known>("none", "find", "add"), async (seed, mutations, known) => {
        const { layout, text } = protocolSeeds[seed]
        const file = tempFile(mutate(Buffer.from(text), mutations))
        const fast = await protocolsRead(file, layout, "fast", known)
        const slow = await protocolsRead(file, layout, "csv-parse", known)
        expect(slow.problems).toEqual(fast.problems)
        expect(slow.rows).toEqual(fast.rows)
        expect(slow.indexes).toEqual(fast.indexes)
        expect(slow.count).toBe(fast.count)
        expect(await protocolsRead(file, layout, "fast", known, 5)).toEqual(fast)
        for (const p of fast.problems) expect(p).not.toMatch(control)
        for (const p of fast.problems) expect(p).not.toContain(knownPrecinct)
        if (fast.problems.length > 0) withProblems++
        if (fast.rows.length > 0) withRows++
      }),
      { numRuns: 300, seed: 13 }
    )
    expect(withProblems).toBeGreaterThan(50)
    expect(withRows).toBeGreaterThan(25)
  })

  it("generated elections, with and without faults, then mutated: the same rows and problems, the registry read alike", async () => {
    for (const [system, faultRate] of [["proportional", 0], ["majoritarian", 0.2]] as const) {
      const { dir } = generateInto({ system, precincts: 300, seed: `agree-${system}`, faultRate })
      const election = readElection(path.join(dir, "election.json"))
      if (Either.isLeft(election)) throw new Error(election.left.problems.map(formatProblem).join("\n"))
      const layout = election.right.layout
      const original = fs.readFileSync(path.join(dir, "protocols.csv"))
      const registry = path.join(dir, "precincts.csv")
      const [fastRegistry, slowRegistry] = (["fast", "csv-parse"] as const).map((reader) => readRegistryCsv(registry, "precincts.csv", reader))
      expect(Either.isRight(fastRegistry) && Either.isRight(slowRegistry)).toBe(true)
      for (const mutations of [[], ...fc.sample(fc.array(mutation, { minLength: 1, maxLength: 6 }), { numRuns: 20, seed: 3 })]) {
        const file = tempFile(mutate(original, mutations))
        const fast = await protocolsRead(file, layout, "fast", "add")
        expect(await protocolsRead(file, layout, "csv-parse", "add"), JSON.stringify(mutations)).toEqual(fast)
        if (mutations.length === 0) expect([fast.rows.length >= 300, fast.problems]).toEqual([true, []])
      }
    }
  })

  it("a file of many chunks: line ends of every kind, quoted line breaks and bad cells across chunk boundaries", async () => {
    const eols = ["\n", "\r\n", "\r", "\n\r\n", "\r\n\r"]
    const lines = [propHeader.map((h, i) => (i % 3 === 0 ? `"${h}"` : h)).join(",")]
    for (let i = 0; i < 4000; i++) {
      const cells = propCells(i % 7 === 0 ? `"P\r\n${i}"` : i % 11 === 0 ? `"P${i}\r"` : `P${i}`)
      if (i % 97 === 0) cells[5] = "1,5"
      if (i % 89 === 0) cells[9] = '"7"'
      lines.push(cells.join(",") + eols[(i * 7) % eols.length])
    }
    const file = tempFile(lines[0] + "\r\n" + lines.slice(1).join(""))
    const fast = await protocolsRead(file, prop, "fast", "add")
    const slow = await protocolsRead(file, prop, "csv-parse", "add")
    expect(fast.rows.length).toBeGreaterThan(3500)
    expect(fast.problems.length).toBeGreaterThan(30)
    expect(slow).toEqual(fast)
    expect(await protocolsRead(file, prop, "fast", "add", 1000)).toEqual(fast)
  })

  it("the registry CSV: the same registry or the same problems", async () => {
    await fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 4 }), (mutations) => {
        const file = tempFile(mutate(Buffer.from(registrySeed), mutations), "precincts.csv")
        const [fast, slow] = (["fast", "csv-parse"] as const).map((reader) => {
          const r = readRegistryCsv(file, "precincts.csv", reader)
          if (Either.isLeft(r)) return { problems: r.left.problems.map(formatProblem) }
          const g = r.right
          return { ids: Array.from({ length: g.size }, (_, i) => [g.interner.string(i), g.territoryNames[g.territoryIndex[i]], g.districtNames[g.districtIndex[i]], g.voters[i], g.position(i).line]) }
        })
        expect(slow).toEqual(fast)
        for (const p of fast.problems ?? []) expect(p).not.toMatch(control)
      }),
      { numRuns: 300, seed: 13 }
    )
  })

  it("results.csv: the same rows or the same problems", async () => {
    await fc.assert(
      fc.property(fc.nat({ max: resultsSeeds.length - 1 }), fc.array(mutation, { minLength: 1, maxLength: 4 }), (seed, mutations) => {
        const bytes = mutate(Buffer.from(resultsSeeds[seed]), mutations)
        const fast = readResults("r.csv", bytes)
        const slow = readResults("r.csv", bytes, "csv-parse")
        if (fast instanceof InputError && slow instanceof InputError) {
          expect([slow.problems, slow.more]).toEqual([fast.problems, fast.more])
          for (const p of fast.problems) expect(formatProblem(p)).not.toMatch(control)
        } else expect(slow).toEqual(fast)
      }),
      { numRuns: 300, seed: 13 }
    )
  })
})

