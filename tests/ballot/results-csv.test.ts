/**
 * results.csv (SPEC §1.3), the totals `kenesh allocate` reads: what is accepted, and every problem at its
 * `file:line:column`. Every case is read by both readers (the byte scanner and csv-parse), which must agree.
 */
import { describe, expect, it } from "vitest"
import { InputError, type Problem } from "../../src/ballot/problem.js"
import { readResults, type ResultsFile } from "../../src/ballot/results-csv.js"

/** What a read gave: the decoded file, or its problems. */
const outcome = (r: ResultsFile | InputError): ResultsFile | ReadonlyArray<Problem> => (r instanceof InputError ? r.problems : r)

/** Decodes `text` as `r.csv` with both readers, asserts they agree, and returns the file or its problems. */
const read = (text: string): ResultsFile | ReadonlyArray<Problem> => {
  const fast = outcome(readResults("r.csv", Buffer.from(text)))
  expect(outcome(readResults("r.csv", Buffer.from(text), "csv-parse")), "csv-parse reader = byte scanner").toEqual(fast)
  return fast
}

describe("readResults (SPEC §1.3 results.csv)", () => {
  it("reads party,votes with a BOM and CRLF, columns in any order", () => {
    expect(read("\ufeffvotes,party\r\n4854,sdpk\r\n3074,el-aman\r\n")).toEqual({
      system: "proportional",
      hasGender: false,
      rows: [
        { id: "sdpk", votes: 4854, gender: null },
        { id: "el-aman", votes: 3074, gender: null }
      ]
    })
  })

  it("reads candidate,votes,gender", () => {
    expect(read("candidate,votes,gender\nf1,70,F\nm1,80,M\n")).toEqual({
      system: "majoritarian",
      hasGender: true,
      rows: [
        { id: "f1", votes: 70, gender: "F" },
        { id: "m1", votes: 80, gender: "M" }
      ]
    })
  })

  it("skips blank lines, CRLF ones too, and reads a quoted header", () => {
    const expected = { system: "proportional", hasGender: false, rows: [{ id: "a", votes: 1, gender: null }, { id: "b", votes: 2, gender: null }] }
    expect(read("party,votes\r\na,1\r\n\r\nb,2\r\n")).toEqual(expected)
    expect(read('"party","votes"\n\n"a",1\nb,"2"\n\n')).toEqual(expected)
    expect(read("party,votes\r\na,1\nb,2\r")).toEqual(expected)
  })

  it("reports every bad cell, unknown column and ragged row at file:line:column", () => {
    const problems = read('party,votes,extra\na,1 000\nb,-5,x\n"c",7.5,\na,,\n')
    expect(problems).toEqual([
      { file: "r.csv", line: 1, column: 13, message: 'unknown column "extra": the header is party,votes or candidate,votes[,gender]' }
    ])
    expect(read('party,votes\na,1 000\nb,-5,x\n"c",7.5\na,\n')).toEqual([
      { file: "r.csv", line: 2, column: 3, message: 'votes: "1 000" has thousands separators; write the digits only, e.g. 1000' },
      { file: "r.csv", line: 3, column: 1, message: "this row has 3 cells but the header has 2" },
      { file: "r.csv", line: 4, column: 5, message: 'votes: "7.5" has a decimal point; a count is a whole number' },
      { file: "r.csv", line: 5, column: 3, message: "votes: the cell is empty; write 0 if there were none" }
    ])
  })

  it("reports a duplicate id, a blank id, a bad gender and a missing column", () => {
    expect(read("party,votes\na,1\na,2\n,3\n")).toEqual([
      { file: "r.csv", line: 3, column: 1, message: 'party: "a" appears twice (first on line 2)' },
      { file: "r.csv", line: 4, column: 1, message: "party: the cell is empty; write the party id" }
    ])
    expect(read("candidate,votes,gender\nx,1,W\n")).toEqual([{ file: "r.csv", line: 2, column: 5, message: 'gender: "W" is not a gender; write F or M' }])
    expect(read("party\na\n")).toEqual([{ file: "r.csv", line: 1, column: 1, message: 'the header has no column "votes"' }])
    expect(read("party,candidate,votes\n")).toEqual([
      { file: "r.csv", line: 1, column: 1, message: 'the header names both "party" and "candidate"; a results file holds one or the other' }
    ])
  })

  it("reports an empty file, a file without rows and broken quoting", () => {
    expect(read("")).toMatchObject([{ line: 1, column: 1 }])
    expect(read("\n\nparty,votes\n")).toMatchObject([{ line: 4, message: expect.stringContaining("no rows") }])
    expect(read('party,votes\na,"10\n')).toEqual([{ file: "r.csv", line: 2, column: 3, message: "a quoted cell is not closed: its opening quote has no closing quote" }])
  })

  it("a sum of votes past 2^53 - 1 is unusable, at the votes cell of the row that passes it", () => {
    expect(read("party,votes\na,9007199254740990\nb,1\nc,1\nd,5\n")).toEqual([
      { file: "r.csv", line: 4, column: 3, message: "votes: with this row the votes add up to more than 9007199254740991, too many to count exactly" }
    ])
    expect(read("votes,party\n9007199254740991,a\n0,b\n")).toMatchObject({ rows: [{ votes: 9007199254740991 }, { votes: 0 }] })
  })

  it("a file with thousands of bad rows lists the first 1,000 problems and counts the rest", () => {
    const r = readResults("r.csv", Buffer.from("party,votes\n" + Array.from({ length: 1500 }, (_, i) => `p${i},x\n`).join("")))
    expect(r).toBeInstanceOf(InputError)
    expect([(r as InputError).problems.length, (r as InputError).more]).toEqual([1000, 500])
  })

  it("a long bad cell is cut in its message, and a control character in it is escaped", () => {
    const problems = read(`party,votes\na,${"7".repeat(10)}x${"8".repeat(1_000_000)}\nb,1\u001b[2J\n`) as ReadonlyArray<Problem>
    expect(problems.map((p) => p.message)).toEqual([
      `votes: "${"7".repeat(10)}x${"8".repeat(29)}…" is not a count; write a whole number in the digits 0-9`,
      'votes: "1\\u001b[2J" is not a count; write a whole number in the digits 0-9'
    ])
  })
})
