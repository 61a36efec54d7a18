/** The registry CSV reads the same with the byte scanner and with csv-parse: ids, territories, voters, lines and problems. */
import { Either } from "effect"
import * as fs from "node:fs"
import * as path from "node:path"
import { describe, expect, it } from "vitest"
import { readRegistryCsv, type Registry } from "../../src/ballot/registry.js"
import { formatProblem } from "../../src/ballot/problem.js"
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
    return Either.isRight(r) ? { registry: contents(r.right) } : { problems: r.left.map(formatProblem) }
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
