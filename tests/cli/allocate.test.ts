import { describe, expect, it } from "vitest"
import { readResults } from "../../src/cli/allocate.js"

describe("readResults (SPEC §1.3 results.csv)", () => {
  it("reads party,votes with a BOM and CRLF, columns in any order", () => {
    expect(readResults("r.csv", "\ufeffvotes,party\r\n4854,sdpk\r\n3074,el-aman\r\n")).toEqual({
      system: "proportional",
      hasGender: false,
      rows: [
        { id: "sdpk", votes: 4854, gender: null },
        { id: "el-aman", votes: 3074, gender: null }
      ]
    })
  })

  it("reads candidate,votes,gender", () => {
    expect(readResults("r.csv", "candidate,votes,gender\nf1,70,F\nm1,80,M\n")).toEqual({
      system: "majoritarian",
      hasGender: true,
      rows: [
        { id: "f1", votes: 70, gender: "F" },
        { id: "m1", votes: 80, gender: "M" }
      ]
    })
  })

  it("reports every bad cell, unknown column and ragged row at file:line:column", () => {
    const problems = readResults("r.csv", 'party,votes,extra\na,1 000\nb,-5,x\n"c",7.5,\na,,\n')
    expect(problems).toEqual([
      { file: "r.csv", line: 1, column: 13, message: 'unknown column "extra": the header is party,votes or candidate,votes[,gender]' },
      { file: "r.csv", line: 2, column: 1, message: "this row has 2 cells but the header has 3" },
      { file: "r.csv", line: 3, column: 3, message: 'votes: "-5" has a sign; a count is a whole number of 0 or more, written without + or -' },
      { file: "r.csv", line: 4, column: 5, message: 'votes: "7.5" has a decimal point; a count is a whole number' },
      { file: "r.csv", line: 5, column: 3, message: "votes: the cell is empty; write 0 if there were none" }
    ])
  })

  it("reports a duplicate id, a blank id, a bad gender and a missing column", () => {
    expect(readResults("r.csv", "party,votes\na,1\na,2\n,3\n")).toEqual([
      { file: "r.csv", line: 3, column: 1, message: 'party: "a" appears twice (first on line 2)' },
      { file: "r.csv", line: 4, column: 1, message: "party: the cell is empty; write the party id" }
    ])
    expect(readResults("r.csv", "candidate,votes,gender\nx,1,W\n")).toEqual([
      { file: "r.csv", line: 2, column: 5, message: 'gender: "W" is not a gender; write F or M' }
    ])
    expect(readResults("r.csv", "party\na\n")).toEqual([{ file: "r.csv", line: 1, column: 1, message: 'the header has no column "votes"' }])
  })

  it("reports an empty file, a file without rows and broken quoting", () => {
    expect(readResults("r.csv", "")).toMatchObject([{ line: 1, column: 1 }])
    expect(readResults("r.csv", "party,votes\n")).toMatchObject([{ line: 2, message: expect.stringContaining("no rows") }])
    expect(readResults("r.csv", 'party,votes\na,"10\n')).toMatchObject([{ line: 2, message: expect.stringContaining("not valid CSV") }])
  })
})
