/** The progress line of a read: every thread's slot adds up to one line, shown on a terminal's descriptor. */
import * as fs from "node:fs"
import * as path from "node:path"
import { describe, expect, it } from "vitest"
import { ProgressBoard, progressText } from "../../src/tally/progress.js"
import { tempDir } from "../ballot/readers.js"

/** A board shown into a fresh file, and what has been written there so far. */
const boardOnFile = (totalBytes: number, slots: number) => {
  const file = path.join(tempDir(), "terminal")
  const fd = fs.openSync(file, "w")
  return { board: ProgressBoard.create(fd, totalBytes, slots), shown: () => fs.readFileSync(file, "utf8").split("\r\x1b[K").slice(1), close: () => fs.closeSync(fd) }
}

describe("progressText", () => {
  it("rows grouped by thousands, and the whole percent of the bytes read, never past 100", () => {
    expect(progressText(1234567, 250, 1000)).toBe("reading the protocols: 1 234 567 rows, 25%")
    expect(progressText(3, 999, 1000)).toBe("reading the protocols: 3 rows, 99%")
    expect(progressText(3, 1001, 1000)).toBe("reading the protocols: 3 rows, 100%")
    expect(progressText(0, 0, 0)).toBe("reading the protocols: 0 rows, 100%")
  })
})

describe("ProgressBoard", () => {
  it("shows the sum of every slot, each line over the last one", () => {
    const t = boardOnFile(1000, 3)
    t.board.report(0, 10, 100, true)
    t.board.report(2, 5, 50, true)
    t.board.report(0, 20, 200, true)
    expect(t.shown()).toEqual(["reading the protocols: 10 rows, 10%", "reading the protocols: 15 rows, 15%", "reading the protocols: 25 rows, 25%"])
    t.close()
  })

  it("the first report is shown at once; a later one within the interval only when asked", () => {
    const t = boardOnFile(100, 1)
    t.board.report(0, 1, 10)
    expect(t.shown()).toEqual(["reading the protocols: 1 rows, 10%"])
    t.board.report(0, 2, 100, true)
    expect(t.shown()).toHaveLength(2)
    t.close()
  })

  it("a board joined from its share (as a worker thread does) writes the same slots: either shows the whole", () => {
    const t = boardOnFile(400, 2)
    const other = ProgressBoard.join(t.board.share)
    t.board.report(0, 100, 200)
    other.report(1, 50, 200, true)
    expect(t.board.sum()).toEqual({ rows: 150, bytes: 400 })
    expect(t.shown()[t.shown().length - 1]).toBe("reading the protocols: 150 rows, 100%")
    t.close()
  })

  it("a descriptor that cannot be written changes nothing", () => {
    const board = ProgressBoard.create(-1, 10, 1)
    expect(() => board.report(0, 1, 1, true)).not.toThrow()
    expect(board.sum()).toEqual({ rows: 1, bytes: 1 })
  })
})
