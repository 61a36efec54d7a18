/** The registry CSV reads the same with the byte scanner and with csv-parse: ids, territories, voters, lines and problems. */
import { Either } from "effect"
import fc from "fast-check"
import * as fs from "node:fs"
import * as path from "node:path"
import { describe, expect, it } from "vitest"
import { readElection } from "../../src/ballot/election.js"
import { readPlainRegistry, readRegistryCsv, type Registry } from "../../src/ballot/registry.js"
import { formatProblem, problemLimit } from "../../src/ballot/problem.js"
import { generateInto } from "../generate/generated.js"
import { tempDir } from "./readers.js"

/** What a registry holds, as plain values. */
const contents = (r: Registry) =>
  Array.from({ length: r.size }, (_, i) => ({
    id: r.interner.string(i),
    territory: r.territoryNames[r.territoryIndex[i]],
    district: r.districtNames[r.districtIndex[i]],
    voters: r.voters[i],
    line: r.position(i).line
  }))

/** Reads a registry text with both readers and returns what each gave, as plain values. */
const both = (text: string) => {
  const file = path.join(tempDir(), "precincts.csv")
  fs.writeFileSync(file, text)
  return (["fast", "csv-parse"] as const).map((reader) => {
    const r = readRegistryCsv(file, "precincts.csv", reader)
    return Either.isRight(r) ? { registry: contents(r.right) } : { problems: r.left.problems.map(formatProblem) }
  })
}

describe("the registry CSV", () => {
  it("reads the same with both readers: any column order, quotes, CRLF, blank lines, unsorted ids", () => {
    const [fast, slow] = both('\ufeffvoters,id,territory,district\r\n1200,P2,T1,\r\n\r\n900,"P1",T1,\r\n"1,5"\n')
    // A ragged row is reported as such, not cell by cell.
    expect(fast).toEqual({ problems: ["precincts.csv:5:1: this row has 1 cells but the header has 4"] })
    expect(slow).toEqual(fast)
    const [ok, okSlow] = both('voters,id,territory,district\r\n1200,P2,T1,\r\n\r\n900,"P1",T2,D1\r\n')
    expect(ok).toEqual({
      registry: [
        { id: "P2", territory: "T1", district: "", voters: 1200, line: 2 },
        { id: "P1", territory: "T2", district: "D1", voters: 900, line: 4 }
      ]
    })
    expect(okSlow).toEqual(ok)
  })

  it("keeps every number of voters exactly, those beyond 16 and 32 bits too, with both readers", () => {
    // 16-bit numbers while they fit: the first beyond comes after some that fit.
    const [small, smallCsvParse] = both("id,territory,voters\nP1,T1,65535\nP2,T1,0\nP3,T1,65536\nP4,T1,7\n")
    expect(small).toEqual(smallCsvParse)
    expect(small.registry?.map((r) => r.voters)).toEqual([65535, 0, 65536, 7])
    const [fast, csvParse] = both("id,territory,voters\nP1,T1,2147483647\nP2,T1,12\nP3,T1,3000000000\nP4,T1,9007199254740991\nP5,T1,7\n")
    const voters = [2147483647, 12, 3000000000, 9007199254740991, 7]
    expect(fast).toEqual(csvParse)
    expect(fast.registry?.map((r) => r.voters)).toEqual(voters)
  })

  it("reports a precinct registered twice, and bad cells, at their lines, with both readers alike", () => {
    const [fast, slow] = both("id,territory,voters\nP1,T1,100\nP2,T1,-3\nP1,T2,50\n")
    expect(fast).toEqual({
      problems: [
        'precincts.csv:3:7: voters: "-3" has a sign; a count is a whole number of 0 or more, written without + or -',
        'precincts.csv:4:1: precinct "P1" is registered twice (first at line 2)'
      ]
    })
    expect(slow).toEqual(fast)
  })

  it("a territory of spaces of any kind is empty, with both readers; ids and territories with more than spaces are not", () => {
    for (const space of ["\t", "\u00a0", "\ufeff", "\u3000", " \t "]) {
      const [fast, slow] = both(`id,territory,voters\nP2,${space},100\n${space}P3,${space}T1,100\n`)
      expect(fast, JSON.stringify(space)).toEqual({ problems: ["precincts.csv:2:4: the territory id is empty"] })
      expect(slow).toEqual(fast)
    }
  })
})

/** Everything a registry holds, as plain values: its rows and the order of its names (a tally lists territories in that order). */
const whole = (r: Registry) => ({ rows: contents(r), territoryNames: r.territoryNames, districtNames: r.districtNames })

/** Cells of a random registry: ids, territories, districts and counts a plain file may hold, and cells it may not. */
const ids = fc.oneof(
  { weight: 6, arbitrary: fc.integer({ min: 1, max: 40 }).map((n) => `P${String(n).padStart(3, "0")}`) },
  { weight: 2, arbitrary: fc.integer({ min: 1, max: 2000 }).map(String) },
  { weight: 1, arbitrary: fc.constantFrom("Уч-7", "5101 a", "p\u00a0q", "ж", "#1", "P\u0000x", "\u00a0x") }
)
const territories = fc.constantFrom("T1", "T1", "T1", "T2", "T2", "T10", "Т-юг", "T 3", "\u3000T")
const districts = fc.constantFrom("", "", "D1", "D2", "Д-1", " ")
const voters = fc.oneof({ weight: 8, arbitrary: fc.nat({ max: 5000 }).map(String) }, { weight: 1, arbitrary: fc.constantFrom("9007199254740991", "007", "0") })
const badCells = {
  id: ["", " ", "\t", "\u00a0", "  \u3000", '"P9"', '" "', "P,1", "P001"],
  territory: ["", " ", "\t", "\u3000", '"T1"', "T1,"],
  district: ['"D1"', "D1,x"],
  voters: ["", "9007199254740992", "-1", "1 000", "12a", "1.5"]
} as const

/**
 * A random registry file: columns in any order (district sometimes left out), ids sorted or not, territories in runs
 * or not, any line ends, blank lines, a BOM; in about half the files one fault (a bad cell, an id twice, a ragged row).
 */
const registryFile = fc
  .record({
    columns: fc.shuffledSubarray(["id", "territory", "district", "voters"] as const, { minLength: 4, maxLength: 4 }),
    withDistrict: fc.boolean(),
    rows: fc.uniqueArray(fc.record({ id: ids, territory: territories, district: districts, voters, blankBefore: fc.constantFrom(0, 0, 0, 0, 0, 1, 2) }), { maxLength: 30, selector: (r) => r.id }),
    sorted: fc.boolean(),
    eol: fc.constantFrom("\n", "\n", "\r\n", "\r", "mixed"),
    bom: fc.boolean(),
    blankFirst: fc.constantFrom(0, 0, 0, 1),
    finalBreak: fc.constantFrom(true, true, false),
    fault: fc.option(fc.record({ row: fc.nat(), column: fc.nat(), bad: fc.nat(), ragged: fc.boolean() }), { freq: 2 })
  })
  .map((f) => {
    const order = f.columns.filter((c) => f.withDistrict || c !== "district")
    const rows = f.sorted ? [...f.rows].sort((a, b) => Buffer.compare(Buffer.from(a.id), Buffer.from(b.id))) : f.rows
    const ends = ["\n", "\r\n", "\r"]
    let k = 0
    const eol = () => (f.eol === "mixed" ? ends[k++ % 3] : f.eol)
    let text = (f.bom ? "\ufeff" : "") + eol().repeat(f.blankFirst) + order.join(",")
    rows.forEach((r, i) => {
      let cells: Array<string> = order.map((c) => (c === "id" ? r.id : c === "territory" ? r.territory : c === "district" ? r.district : r.voters))
      if (f.fault !== null && f.fault.row % rows.length === i) {
        const col = f.fault.column % order.length
        const bad = badCells[order[col]]
        if (f.fault.ragged) cells = cells.slice(1)
        else cells[col] = bad[f.fault.bad % bad.length]
      }
      text += eol() + eol().repeat(r.blankBefore) + cells.join(",")
    })
    return text + (f.finalBreak ? eol() : "")
  })

describe("the plain registry reader (one pass over a file without quotes or problems)", () => {
  it("gives what csv-parse gives, or leaves the file to the byte scanner; at any chunk size", () => {
    let plain = 0
    let refused = 0
    fc.assert(
      fc.property(registryFile, fc.constantFrom(1 << 22, 64, 97, 1000), (text, chunkSize) => {
        const file = path.join(tempDir(), "precincts.csv")
        fs.writeFileSync(file, text)
        const oracle = readRegistryCsv(file, "precincts.csv", "csv-parse")
        const fast = readRegistryCsv(file, "precincts.csv", "fast")
        expect(Either.isRight(fast) ? whole(fast.right) : fast.left.problems.map(formatProblem)).toEqual(Either.isRight(oracle) ? whole(oracle.right) : oracle.left.problems.map(formatProblem))
        const read = readPlainRegistry(file, "precincts.csv", chunkSize)
        if (read !== null) {
          plain++
          expect(Either.isRight(oracle) && whole(oracle.right)).toEqual(whole(read))
          expect(read.source).toBe("precincts.csv")
        } else if (Either.isLeft(oracle)) refused++
      }),
      { numRuns: 600, seed: 11 }
    )
    // Both kinds of file are met: many read in one pass, many with problems (left to the byte scanner).
    expect(plain).toBeGreaterThan(200)
    expect(refused).toBeGreaterThan(150)
  })

  it("reads a generated registry in one pass, the same as the byte scanner and csv-parse, positions included", () => {
    const { dir } = generateInto({ system: "majoritarian", precincts: 2000, seed: "plain-registry", faultRate: 0 })
    const file = path.join(dir, "precincts.csv")
    const read = readPlainRegistry(file, "precincts.csv", 4096)
    expect(read?.size).toBe(2000)
    const oracle = readRegistryCsv(file, "precincts.csv", "csv-parse")
    expect(Either.isRight(oracle) && whole(oracle.right)).toEqual(whole(read!))
    expect(read!.districtNames.length).toBeGreaterThan(1)
  })

  it("a precinct id of spaces only (a tab, spaces, a no-break space, quoted or not) is empty, with both readers", () => {
    for (const space of ["\t", "  ", "\u00a0", '"  "', '"\t"']) {
      const [fast, slow] = both(`id,territory,voters\nP1,T1,100\n${space},T1,100\nP3,T1,100\n`)
      expect(fast, JSON.stringify(space)).toEqual({ problems: ["precincts.csv:3:1: the precinct id is empty"] })
      expect(slow).toEqual(fast)
    }
  })

  it("files it leaves to the byte scanner (quotes, a bad count, an id twice, an unknown column, no header); ids out of order, blank lines and any line ends it reads", () => {
    const reads = (text: string) => {
      const file = path.join(tempDir(), "precincts.csv")
      fs.writeFileSync(file, text)
      return readPlainRegistry(file, "precincts.csv")
    }
    expect(reads('id,territory,voters\n"P1",T1,100\n')).toBe(null)
    expect(reads("id,territory,voters\nP1,T1,1.5\n")).toBe(null)
    expect(reads("id,territory,voters\nP1,T1,100\nP1,T2,100\n")).toBe(null)
    expect(reads("id,territory,voters\nP2,T1,100\nP1,T2,100\nP2,T2,100\n")).toBe(null)
    expect(reads("id,territory,region\nP1,T1,T1\n")).toBe(null)
    expect(reads("")).toBe(null)
    expect(whole(reads("\r\nid,voters,territory\r\n9,100,T1\r\n\r\n10,200,T1\r1,0,T2")!)).toEqual({
      rows: [
        { id: "9", territory: "T1", district: "", voters: 100, line: 3 },
        { id: "10", territory: "T1", district: "", voters: 200, line: 5 },
        { id: "1", territory: "T2", district: "", voters: 0, line: 6 }
      ],
      territoryNames: ["T1", "T2"],
      districtNames: [""]
    })
    expect(whole(reads("id,territory,voters\n")!)).toEqual({ rows: [], territoryNames: [], districtNames: [] })
  })
})

describe("a registry with thousands of problems: the first 1,000 of the file listed, the rest counted, as for a protocols file", () => {
  /** An election of five seats whose registry CSV has the given text, and what `readElection` gives with each reader. */
  const readWith = (csvText: string, territories: ReadonlyArray<string> = []) => {
    const dir = tempDir()
    fs.writeFileSync(path.join(dir, "precincts.csv"), csvText)
    const doc = { id: "e", name: "E", system: "proportional", seats: 5, parties: [{ id: "a", name: "A" }], territories: territories.map((id) => ({ id, name: id })), precincts: "precincts.csv" }
    fs.writeFileSync(path.join(dir, "election.json"), JSON.stringify(doc))
    return (["fast", "csv-parse"] as const).map((reader) => {
      const read = readElection(path.join(dir, "election.json"), { reader })
      if (Either.isRight(read)) throw new Error(`${reader}: the registry has problems`)
      return read.left
    })
  }

  it("200,000 rows registered twice: the first 1,000 listed, 199,000 counted, with both readers (no call with too many arguments: exit 3 in the fuzz suite)", () => {
    // One precinct written 200,001 times (found by `npm run fuzz`, seed session3:3196).
    for (const { problems, more } of readWith(`id,territory,voters\n${"P1,T1,10\n".repeat(200_001)}`)) {
      expect(problems).toHaveLength(problemLimit)
      expect(more).toBe(199_000)
      expect(problems[0]).toMatchObject({ line: 3, message: 'precinct "P1" is registered twice (first at line 2)' })
      expect(problems[problemLimit - 1]).toMatchObject({ line: 1002 })
    }
  })

  it("1,500 bad cells: the first 1,000 listed and 500 counted, no longer dropped", () => {
    const rows = Array.from({ length: 1500 }, (_, i) => `P${i},T1,-${i}\n`).join("")
    for (const { problems, more } of readWith(`id,territory,voters\n${rows}`)) {
      expect(problems).toHaveLength(problemLimit)
      expect(more).toBe(500)
      expect(problems.map((p) => p.line)).toEqual(Array.from({ length: problemLimit }, (_, i) => i + 2))
    }
  })

  it("bad cells and ids twice together: the file's first 1,000 by position, and the count of all the others", () => {
    // 800 rows with a bad count, then 800 rows of an id already there, then 800 rows with a bad count again.
    const bad = (from: number) => Array.from({ length: 800 }, (_, i) => `B${from + i},T1,x\n`).join("")
    const text = `id,territory,voters\nP1,T1,1\n${bad(0)}${"P1,T1,1\n".repeat(800)}${bad(800)}`
    for (const { problems, more } of readWith(text)) {
      expect(problems).toHaveLength(problemLimit)
      expect(more).toBe(2400 - problemLimit)
      expect(problems.filter((p) => /registered twice/.test(p.message))).toHaveLength(200)
      expect(problems.at(-1)).toMatchObject({ line: 1002, message: 'precinct "P1" is registered twice (first at line 2)' })
    }
  })

  it("1,200 rows of an unknown territory: the first 1,000 listed, 200 counted", () => {
    const rows = Array.from({ length: 1200 }, (_, i) => `P${i},T9,1\n`).join("")
    for (const { problems, more } of readWith(`id,territory,voters\n${rows}`, ["T1"])) {
      expect(problems).toHaveLength(problemLimit)
      expect(more).toBe(200)
      expect(problems[0]).toMatchObject({ line: 2, message: 'precinct "P0": unknown territory "T9"' })
    }
  })

  it("up to 1,000 problems, every one listed and none counted", () => {
    for (const { problems, more } of readWith(`id,territory,voters\n${"P1,T1,10\n".repeat(1001)}`)) {
      expect(problems).toHaveLength(1000)
      expect(more).toBe(0)
    }
  })
})
