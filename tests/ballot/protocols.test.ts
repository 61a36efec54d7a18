/**
 * protocols.csv (SPEC §1.2): what makes a file unusable, reported as `file:line:column: message` for every
 * problem; what is accepted. Every case runs through both readers (the byte scanner and csv-parse), which
 * must deliver the same rows to the sink and report the same problems.
 */
import { describe, expect, it } from "vitest"
import { blank } from "../../src/ballot/protocol.js"
import { rowSumLimit } from "../../src/ballot/protocol-row.js"
import { csv, maj, majHeader, prop, propCells, propHeader, propValues, readBoth } from "./readers.js"

/** propCells() with cell `i` replaced. */
const withCell = (i: number, text: string, precinct = "P1") => {
  const cells = propCells(precinct)
  cells[i] = text
  return cells
}

/** Problems of a proportional file: the header, then one row with cell `i` replaced by `text`. */
const cellProblem = async (i: number, text: string) => (await readBoth(csv(propHeader, withCell(i, text)), prop)).problems

describe("unusable count cells: each names the file, line, column and the column's name", () => {
  it("a blank count cell", async () => {
    expect(await cellProblem(2, "")).toEqual(["p.csv:2:7: voters: the cell is empty; write 0 if there were none"])
  })

  it("a blank party cell of a proportional file (only another district's candidates may be blank)", async () => {
    expect(await cellProblem(14, "")).toEqual(["p.csv:2:31: b: the cell is empty; write 0 if there were none"])
  })

  it("a blank quoted cell", async () => {
    expect(await cellProblem(3, '""')).toEqual(["p.csv:2:9: received: the cell is empty; write 0 if there were none"])
  })

  it("a minus or a plus sign", async () => {
    expect(await cellProblem(14, "-1")).toEqual(['p.csv:2:31: b: "-1" has a sign; a count is a whole number of 0 or more, written without + or -'])
    expect(await cellProblem(13, "+3")).toEqual(['p.csv:2:29: a: "+3" has a sign; a count is a whole number of 0 or more, written without + or -'])
  })

  it("a decimal point, a decimal comma", async () => {
    expect(await cellProblem(14, "1.0")).toEqual(['p.csv:2:31: b: "1.0" has a decimal point; a count is a whole number'])
    expect(await cellProblem(14, '"1,5"')).toEqual(['p.csv:2:31: b: "1,5" has a decimal comma; a count is a whole number'])
  })

  it("a thousands separator: space, quoted comma, apostrophe, no-break space", async () => {
    expect(await cellProblem(14, "1 834")).toEqual(['p.csv:2:31: b: "1 834" has thousands separators; write the digits only, e.g. 1834'])
    expect(await cellProblem(14, '"1,834"')).toEqual(['p.csv:2:31: b: "1,834" has thousands separators; write the digits only, e.g. 1834'])
    expect(await cellProblem(14, "12'834'001")).toEqual(["p.csv:2:31: b: \"12'834'001\" has thousands separators; write the digits only, e.g. 12834001"])
    expect(await cellProblem(14, "1\u00a0834")).toEqual(['p.csv:2:31: b: "1\u00a0834" has thousands separators; write the digits only, e.g. 1834'])
  })

  it("letters, and spaces around a number", async () => {
    expect(await cellProblem(14, "ten")).toEqual(['p.csv:2:31: b: "ten" is not a count; write a whole number in the digits 0-9'])
    expect(await cellProblem(14, "12a")).toEqual(['p.csv:2:31: b: "12a" is not a count; write a whole number in the digits 0-9'])
    expect(await cellProblem(14, " 12")).toEqual(['p.csv:2:31: b: " 12" has spaces around the number; write digits only'])
  })

  it("a number beyond 2^53 - 1, quoted or not; 2^53 - 1 itself is a count but too large a protocol to check", async () => {
    const tooLarge = (x: string) => `p.csv:2:31: b: "${x}" is too large for a count (the largest is 9007199254740991)`
    expect(await cellProblem(14, "9007199254740992")).toEqual([tooLarge("9007199254740992")])
    expect(await cellProblem(14, "123456789012345678901234567890")).toEqual([tooLarge("123456789012345678901234567890")])
    expect(await cellProblem(14, '"9007199254740993"')).toEqual([tooLarge("9007199254740993")])
    expect(await cellProblem(14, "9007199254740991")).toEqual([
      `p.csv:2:1: the counts of this protocol add up to more than ${rowSumLimit}, too large to check exactly`
    ])
  })

  it("a cell with a non-ASCII letter is located by character, not byte", async () => {
    const { problems } = await readBoth(csv(propHeader, withCell(1, "Т1").map((c, i) => (i === 14 ? "х" : c))), prop)
    expect(problems).toEqual(['p.csv:2:31: b: "х" is not a count; write a whole number in the digits 0-9'])
  })
})

describe("unusable structure", () => {
  it("a ragged row: too few or too many cells", async () => {
    const { problems, rows } = await readBoth(csv(propHeader, propCells("P1").slice(0, 14), propCells("P2"), [...propCells("P3"), "7"]), prop)
    expect(problems).toEqual(["p.csv:2:1: this row has 14 cells but the header has 15", "p.csv:4:1: this row has 16 cells but the header has 15"])
    expect(rows.map((r) => r.precinct)).toEqual(["P2"])
  })

  it("an unterminated quote stops the reading at the opening quote", async () => {
    const text = csv(propHeader, propCells("P1")) + ["P2", '"T1', ...propCells().slice(2)].join(",") + "\n" + csv(propCells("P3"))
    const { problems } = await readBoth(text, prop)
    expect(problems).toEqual(["p.csv:3:4: a quoted cell is not closed: its opening quote has no closing quote"])
  })

  it("text after a closing quote, and a quote inside an unquoted cell", async () => {
    expect((await readBoth(csv(propHeader, withCell(0, '"P1"x')), prop)).problems).toEqual([
      "p.csv:2:5: a quoted cell has text after its closing quote; put the whole cell in quotes and double any quote inside it"
    ])
    expect((await readBoth(csv(propHeader, withCell(0, 'P"1')), prop)).problems).toEqual([
      "p.csv:2:2: a quote inside a cell that does not start with a quote; put the whole cell in quotes and double the quote"
    ])
  })

  it("an unknown column, and a column without a name", async () => {
    const header = [...propHeader.slice(0, 14), "c", "b"]
    const { problems } = await readBoth(csv(header, [...propCells().slice(0, 14), "0", "1"]), prop)
    expect(problems).toEqual(['p.csv:1:143: unknown column "c": it is not a protocol line nor a party of this election'])
    expect((await readBoth(csv([...propHeader, ""], [...propCells(), ""]), prop)).problems).toEqual(["p.csv:1:145: a column has no name in the header"])
  })

  it("a missing column, and several", async () => {
    expect((await readBoth(csv(propHeader.slice(0, 14), propCells().slice(0, 14)), prop)).problems).toEqual(['p.csv:1:1: the header has no column "b"'])
    const noSpoiled = propHeader.filter((h) => h !== "spoiled" && h !== "territory")
    expect((await readBoth(csv(noSpoiled), prop)).problems).toEqual(['p.csv:1:1: the header has no columns "territory", "spoiled"'])
  })

  it("a column named twice", async () => {
    const { problems } = await readBoth(csv([...propHeader, "a"], [...propCells(), "3"]), prop)
    expect(problems).toEqual(['p.csv:1:145: the column "a" appears twice in the header'])
  })

  it("an empty file: nothing, a BOM only, blank lines only", async () => {
    const empty = ["p.csv:1:1: the file is empty; it needs a header row naming its columns"]
    expect((await readBoth("", prop)).problems).toEqual(empty)
    expect((await readBoth("\ufeff", prop)).problems).toEqual(empty)
    expect((await readBoth("\n\n\n", prop)).problems).toEqual(empty)
    expect((await readBoth("\r\n\r\n", prop)).problems).toEqual(empty)
  })

  it("a header without data rows is a usable, empty file", async () => {
    expect(await readBoth(csv(propHeader), prop)).toEqual({ rows: [], problems: [] })
  })
})

describe("every problem of a file is reported, top to bottom; only good rows reach the sink", () => {
  it("several bad cells in one row and in several rows", async () => {
    const text = csv(propHeader, withCell(2, "x", "P1").map((c, i) => (i === 14 ? "-1" : c)), propCells("P2"), withCell(13, "", "P3"), propCells("P4").slice(1))
    const { problems, rows } = await readBoth(text, prop)
    expect(problems).toEqual([
      'p.csv:2:7: voters: "x" is not a count; write a whole number in the digits 0-9',
      'p.csv:2:31: b: "-1" has a sign; a count is a whole number of 0 or more, written without + or -',
      "p.csv:4:29: a: the cell is empty; write 0 if there were none",
      "p.csv:5:1: this row has 14 cells but the header has 15"
    ])
    expect(rows.map((r) => [r.precinct, r.line])).toEqual([["P2", 3]])
  })

  it("empty ids and bad versions", async () => {
    const header = [...propHeader, "version"]
    const { problems } = await readBoth(csv(header, [...withCell(0, ""), "1"], [...withCell(1, " "), "0"], [...propCells(), ""], [...propCells(), "v2"]), prop)
    expect(problems).toEqual([
      "p.csv:2:1: the precinct id is empty",
      "p.csv:3:4: the territory id is empty",
      'p.csv:3:32: "0" is not a version; a version is a whole number from 1',
      "p.csv:4:33: the version is empty; write 1 for a first protocol",
      'p.csv:5:33: "v2" is not a version; a version is a whole number from 1'
    ])
  })

  it("a version is read from each row's own cell: an empty or bad one after good ones, or first, is a problem", async () => {
    const header = [...propHeader, "version"]
    const { problems, rows } = await readBoth(csv(header, [...propCells(), ""], [...propCells(), "2"], [...propCells(), "2"], [...propCells(), ""], [...propCells(), "02"]), prop)
    expect(problems).toEqual(["p.csv:2:33: the version is empty; write 1 for a first protocol", "p.csv:5:33: the version is empty; write 1 for a first protocol"])
    expect(rows.map((r) => [r.line, r.version])).toEqual([
      [3, 2],
      [4, 2],
      [6, 2]
    ])
  })

  it("an id of spaces of any kind (tab, no-break, BOM, ideographic, line separator) is empty; one that has more is not", async () => {
    for (const space of ["\t", "\u00a0", "\ufeff", "\u3000", "\u2028", " \t "]) {
      const { problems } = await readBoth(csv(propHeader, withCell(0, space), withCell(0, `${space}P9`), withCell(1, space)), prop)
      expect(problems, JSON.stringify(space)).toEqual(["p.csv:2:1: the precinct id is empty", "p.csv:4:4: the territory id is empty"])
    }
  })
})

describe("what is accepted", () => {
  it("a plain file: rows with their line, byte offset, ids, version 1 and values", async () => {
    const { rows, problems } = await readBoth(csv(propHeader, propCells("P1"), propCells("P2")), prop)
    expect(problems).toEqual([])
    const headerBytes = propHeader.join(",").length + 1
    const rowBytes = propCells().join(",").length + 1
    expect(rows).toEqual([
      { file: 0, line: 2, offset: headerBytes, precinct: "P1", territory: "T1", district: -1, version: 1, source: "manual", values: propValues },
      { file: 0, line: 3, offset: headerBytes + rowBytes, precinct: "P2", territory: "T1", district: -1, version: 1, source: "manual", values: propValues }
    ])
  })

  it("columns in any order", async () => {
    const order = [...propHeader.keys()].reverse()
    const { rows, problems } = await readBoth(csv(order.map((i) => propHeader[i]), order.map((i) => propCells()[i])), prop)
    expect(problems).toEqual([])
    expect(rows[0].values).toEqual(propValues)
    expect(rows[0].precinct).toBe("P1")
  })

  it("a BOM, CRLF line ends, blank lines and no final line break", async () => {
    const text = "\ufeff" + [propHeader.join(","), "", propCells("P1").join(","), "", propCells("P2").join(",")].join("\r\n")
    const { rows, problems } = await readBoth(text, prop)
    expect(problems).toEqual([])
    expect(rows.map((r) => [r.precinct, r.line, r.values])).toEqual([
      ["P1", 3, propValues],
      ["P2", 5, propValues]
    ])
  })

  it("blank lines in an LF file: rows and problems keep their true line numbers", async () => {
    const text = "\n" + propHeader.join(",") + "\n\n\n" + propCells("P1").join(",") + "\n\n" + withCell(3, "x", "P2").join(",") + "\n\n"
    const { rows, problems } = await readBoth(text, prop)
    expect(rows.map((r) => [r.precinct, r.line])).toEqual([["P1", 5]])
    expect(problems).toEqual(['p.csv:7:9: received: "x" is not a count; write a whole number in the digits 0-9'])
  })

  it("a BOM does not shift the columns of the header's problems", async () => {
    expect((await readBoth("\ufeff" + csv(["x", ...propHeader]), prop)).problems).toEqual([
      'p.csv:1:1: unknown column "x": it is not a protocol line nor a party of this election'
    ])
  })

  it("quoted cells: a quoted count, a precinct id with a comma and doubled quotes, a line break inside quotes", async () => {
    const cells = propCells()
    cells[0] = '"5,1 ""A"""'
    cells[1] = '"T\n1"'
    cells[2] = '"9"'
    const text = csv(propHeader.map((h) => `"${h}"`), cells, withCell(14, "x", "P2"))
    const { rows, problems } = await readBoth(text, prop)
    expect(rows).toEqual([expect.objectContaining({ precinct: '5,1 "A"', territory: "T\n1", line: 2, values: propValues })])
    expect(problems).toEqual(['p.csv:4:31: b: "x" is not a count; write a whole number in the digits 0-9'])
  })

  it("a problem after a line break inside quotes is placed on the right line and column", async () => {
    const cells = withCell(1, '"T\n1"')
    cells[3] = "z"
    const { problems } = await readBoth(csv(propHeader, cells), prop)
    expect(problems).toEqual(['p.csv:3:6: received: "z" is not a count; write a whole number in the digits 0-9'])
  })

  it("an optional version column: any whole number from 1", async () => {
    const { rows, problems } = await readBoth(csv(["version", ...propHeader], ["3", ...propCells("P1")], ["1", ...propCells("P2")]), prop)
    expect(problems).toEqual([])
    expect(rows.map((r) => [r.precinct, r.version])).toEqual([
      ["P1", 3],
      ["P2", 1]
    ])
  })

  it("a district column in a proportional file is ignored", async () => {
    const { rows, problems } = await readBoth(csv([...propHeader, "district"], [...propCells(), "D1"]), prop)
    expect(problems).toEqual([])
    expect(rows[0].district).toBe(-1)
  })
})

describe("majoritarian files: other districts' candidates blank, own district's filled", () => {
  /** A majoritarian row of district `d` with candidate cells x1, x2, y1. */
  const majRow = (precinct: string, d: string, x1: string, x2: string, y1: string) => [precinct, "T1", d, "9", "9", "5", "1", "3", "0", "5", "1", "1", "5", "1", x1, x2, y1]

  it("blank cells of other districts read as blank; the district is its index", async () => {
    const { rows, problems } = await readBoth(csv(majHeader, majRow("P1", "D1", "3", "4", ""), majRow("P2", "D2", "", "", "5")), maj)
    expect(problems).toEqual([])
    expect(rows.map((r) => [r.precinct, r.district, r.values.slice(11)])).toEqual([
      ["P1", 0, [3, 4, blank]],
      ["P2", 1, [blank, blank, 5]]
    ])
  })

  it("a quoted blank cell of another district is blank too", async () => {
    const { rows, problems } = await readBoth(csv(majHeader, majRow("P1", "D1", "3", "4", '""')), maj)
    expect(problems).toEqual([])
    expect(rows[0].values[13]).toBe(blank)
  })

  it("a file may hold one district's columns only", async () => {
    const header = majHeader.filter((h) => h !== "y1")
    const { rows, problems } = await readBoth(csv(header, majRow("P1", "D1", "3", "4", "").slice(0, 16)), maj)
    expect(problems).toEqual([])
    expect(rows[0].values.slice(11)).toEqual([3, 4, blank])
    const other = await readBoth(csv(header, majRow("P2", "D2", "", "", "").slice(0, 16)), maj)
    expect(other.problems).toEqual(['p.csv:2:7: the file has no column for candidate "y1" of district "D2"'])
  })

  it("an empty cell of the precinct's own district, a filled cell of another district, an unknown or empty district", async () => {
    const text = csv(majHeader, majRow("P1", "D1", "3", "", ""), majRow("P2", "D1", "3", "4", "0"), majRow("P3", "D9", "3", "4", ""), majRow("P4", "", "3", "4", ""))
    const { rows, problems } = await readBoth(text, maj)
    expect(rows).toEqual([])
    expect(problems).toEqual([
      'p.csv:2:34: the cell of candidate "x2" is empty; write 0 if there were no votes',
      'p.csv:3:36: candidate "y1" stands in district "D2", not "D1"; leave this cell empty',
      'p.csv:4:7: unknown district "D9": it is not a district of this election',
      "p.csv:5:7: the district id is empty"
    ])
  })

  it("a blank protocol line is never allowed, even in a majoritarian file", async () => {
    const cells = majRow("P1", "D1", "3", "4", "")
    cells[12] = ""
    expect((await readBoth(csv(majHeader, cells), maj)).problems).toEqual(["p.csv:2:28: valid: the cell is empty; write 0 if there were none"])
  })

  it("a majoritarian file needs the district column", async () => {
    expect((await readBoth(csv(majHeader.filter((h) => h !== "district")), maj)).problems).toEqual(['p.csv:1:1: the header has no column "district"'])
  })
})

describe("line ends: LF, CR LF and a lone CR are each one line break, in any mix", () => {
  it("mixed LF and CR LF lines, and blank lines of each kind, are read alike by both readers", async () => {
    const text = [propHeader.join(","), "\r\n", propCells("P1").join(","), "\n\r\n\r", propCells("P2").join(","), "\r\n", withCell(3, "x", "P3").join(","), "\n"].join("")
    const { rows, problems } = await readBoth(text, prop)
    expect(rows.map((r) => [r.precinct, r.line])).toEqual([["P1", 2], ["P2", 5]])
    expect(problems).toEqual(['p.csv:6:9: received: "x" is not a count; write a whole number in the digits 0-9'])
  })

  it("a file whose first line ends in CR LF may use LF later, and the other way round", async () => {
    for (const [first, later] of [["\r\n", "\n"], ["\n", "\r\n"]]) {
      const text = propHeader.join(",") + first + propCells("P1").join(",") + later + propCells("P2").join(",") + later
      const { rows, problems } = await readBoth(text, prop)
      expect(problems).toEqual([])
      expect(rows.map((r) => [r.precinct, r.line, r.values])).toEqual([["P1", 2, propValues], ["P2", 3, propValues]])
    }
  })

  it("a lone CR inside a row ends it: the row is ragged, and the lines after it keep their numbers", async () => {
    const cells = propCells("P1")
    const text = csv(propHeader) + cells.slice(0, 5).join(",") + "\r" + cells.slice(5).join(",") + "\n" + withCell(3, "x", "P2").join(",") + "\n"
    const { rows, problems } = await readBoth(text, prop)
    expect(rows).toEqual([])
    expect(problems).toEqual([
      "p.csv:2:1: this row has 5 cells but the header has 15",
      "p.csv:3:1: this row has 10 cells but the header has 15",
      'p.csv:4:9: received: "x" is not a count; write a whole number in the digits 0-9'
    ])
  })

  it("a CR or CR LF inside a quoted cell is its text, and counts as a line for the positions after it", async () => {
    const text = csv(propHeader, withCell(1, '"T\r1"', "P1"), withCell(1, '"T\r\n1"', "P2")).replace(/,9,9,5,1,3,0,5,1,1,5,1,3,1\nP2/, ",9,9,5,1,3,0,5,1,1,5,z,3,1\nP2")
    const { rows, problems } = await readBoth(text, prop)
    expect(rows.map((r) => [r.territory, r.line])).toEqual([["T\r\n1", 4]])
    expect(problems).toEqual(['p.csv:3:24: against_all: "z" is not a count; write a whole number in the digits 0-9'])
  })
})

describe("messages show cells safely", () => {
  it("a 1 MB bad cell is cut after 40 characters, with an ellipsis", async () => {
    const big = "1".repeat(20) + "x" + "2".repeat(1 << 20)
    const { problems } = await readBoth(csv(propHeader, withCell(14, big)), prop)
    expect(problems).toEqual([`p.csv:2:31: b: "${"1".repeat(20)}x${"2".repeat(19)}…" is not a count; write a whole number in the digits 0-9`])
  })

  it("control characters of a cell are shown as escapes, never written to the terminal", async () => {
    const { problems } = await readBoth(csv(propHeader, withCell(14, "1\u001b[2J\u0007"), withCell(1, "T1", "P2").map((c, i) => (i === 4 ? '"5\r\n"' : c))), prop)
    expect(problems).toEqual([
      'p.csv:2:31: b: "1\\u001b[2J\\u0007" is not a count; write a whole number in the digits 0-9',
      'p.csv:3:11: issued_premises: "5\\r\\n" has spaces around the number; write digits only'
    ])
  })

  it("an unknown column with a long or odd name is shown cut and escaped", async () => {
    const { problems } = await readBoth(csv([...propHeader, `"x\ty${"z".repeat(100)}"`]), prop)
    expect(problems).toEqual([`p.csv:1:145: unknown column "x\\ty${"z".repeat(37)}…": it is not a protocol line nor a party of this election`])
  })
})
