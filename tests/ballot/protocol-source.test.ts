/** The optional `source` column of a protocols file (SPEC §1.2): `manual` (the default) or `asu`; anything else is a positioned problem. */
import { describe, expect, it } from "vitest"
import { prop, propCells, propHeader, readBoth } from "./readers.js"

const text = (header: ReadonlyArray<string>, ...rows: ReadonlyArray<ReadonlyArray<string>>) => [header, ...rows].map((r) => r.join(",")).join("\n") + "\n"

describe("the source column", () => {
  it("without it every protocol is manual; with it, manual and asu are read, in any column", async () => {
    expect((await readBoth(text(propHeader, propCells()), prop)).rows.map((r) => r.source)).toEqual(["manual"])
    const { rows, problems } = await readBoth(text([...propHeader, "source"], [...propCells("P1"), "asu"], [...propCells("P2"), "manual"]), prop)
    expect(problems).toEqual([])
    expect(rows.map((r) => [r.precinct, r.source])).toEqual([["P1", "asu"], ["P2", "manual"]])
  })
  it("an empty or other source is a problem at its cell, and the row is not handed on", async () => {
    const cells = propCells()
    const column = cells.join(",").length + 2
    const { rows, problems } = await readBoth(text([...propHeader, "source"], [...cells, "ASU"], [...cells, ""]), prop)
    expect(rows).toEqual([])
    expect(problems).toEqual([
      `p.csv:2:${column}: "ASU" is not a source; write manual (the hand count) or asu (the ballot box's count)`,
      `p.csv:3:${column}: the source is empty; write manual (the hand count) or asu (the ballot box's count)`
    ])
  })
})
