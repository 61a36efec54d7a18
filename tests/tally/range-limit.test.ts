/**
 * A worker's range whose end the main thread moves back while the worker reads (range-limit.ts): every record
 * is read once, by the worker before the cut or by the main thread after it, whenever the cut comes.
 */
import fc from "fast-check"
import * as fs from "node:fs"
import * as path from "node:path"
import { describe, expect, it } from "vitest"
import { protocolSchema, readCsvFast } from "../../src/ballot/protocol-scan.js"
import { RangeLimit } from "../../src/tally/range-limit.js"
import { tempDir } from "../ballot/readers.js"
import { cleanProtocol, electionOf, protocolsCsv } from "./elections.js"

const election = electionOf({ id: "e", name: "E", system: "proportional", edition: "2024", seats: 5, parties: [{ id: "a", name: "A" }, { id: "b", name: "B" }] })
const dir = tempDir()

/** The offsets of the records read from `[start, end)`, with a limit when given. */
const offsetsRead = (file: string, start: number, end: number, chunkSize: number, limit?: (readTo: number) => number): Array<number> => {
  const offsets: Array<number> = []
  const report = readCsvFast(file, protocolSchema(election.layout), {
    name: "p.csv",
    fileIndex: 0,
    chunkSize,
    range: { start, end, ...(limit === undefined ? {} : { limit }) },
    sink: { row: (row) => offsets.push(row.offset) }
  })
  expect(report.problems).toEqual([])
  return offsets
}

describe("RangeLimit", () => {
  it("the worker's records before the cut and the main thread's after it are every record once, whenever it cuts", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 80 }), fc.integer({ min: 16, max: 400 }), fc.nat(40), fc.boolean(), (n, chunkSize, when, retry) => {
        const text = protocolsCsv(["a", "b"], Array.from({ length: n }, (_, i) => cleanProtocol(`P${i}`, `T${i % 3}`, 1000 + i, { a: 10 + i, b: 20 })))
        const file = path.join(dir, "p.csv")
        fs.writeFileSync(file, text)
        const bytes = Buffer.from(text)
        const size = bytes.length
        const everyRecord = offsetsRead(file, 0, size, 1 << 16)
        const limit = RangeLimit.create(0, size)
        let calls = 0
        let cutAt: number | null = null
        // The main thread cuts between two of the worker's reads: half way through what the worker has not taken.
        const worker = offsetsRead(file, 0, size, chunkSize, (readTo) => {
          if (calls++ === when) {
            const taken = limit.taken()
            // A cut before what the worker took is refused (the main thread then tries after it).
            if (retry && taken > 0) expect(limit.cut(taken - 1)).toBe(false)
            const lf = bytes.indexOf(10, Math.floor(taken + (size - taken) / 2))
            if (lf >= 0 && lf + 1 < size && limit.cut(lf + 1)) cutAt = lf + 1
          }
          return limit.take(readTo)
        })
        const main = cutAt === null ? [] : offsetsRead(file, cutAt, size, 1 << 16)
        expect([...worker, ...main]).toEqual(everyRecord)
      }),
      { numRuns: 300 }
    )
  })
})
