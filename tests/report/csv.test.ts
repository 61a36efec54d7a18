/** findings.csv: one row per finding, as csv-stringify writes the whole table at once, in pieces of about a megabyte. */
import { stringify } from "csv-stringify/sync"
import { describe, expect, it } from "vitest"
import type { Finding } from "../../src/reconciliation/finding.js"
import { findingsCsv } from "../../src/report/csv.js"
import { pieceLength } from "../../src/report/pieces.js"
import { joined } from "./inputs.js"

const header = ["code", "severity", "precinct", "file", "line", "message", "expected", "actual"]

/** `n` findings whose precincts and messages need CSV quoting now and then. */
const findings = (n: number): ReadonlyArray<Finding> =>
  Array.from({ length: n }, (_, i) =>
    ({ code: "missing-precinct", severity: "warning", precinct: i % 7 === 0 ? `p,"${i}"` : `p${i}`, file: i % 2 === 0 ? null : "protocols.csv", line: i % 2 === 0 ? null : i + 2, message: `no protocol from "p${i}"\nat all`, expected: i % 3 === 0 ? null : i, actual: null }) as Finding
  )

describe("findingsCsv", () => {
  it("is the header alone when there is no finding", () => {
    expect(joined(findingsCsv([]))).toBe(`${header.join(",")}\n`)
  })

  it("joined, is the whole table as csv-stringify writes it in one go, in pieces of about a megabyte", () => {
    const all = findings(30_000)
    const pieces = [...findingsCsv(all)]
    expect(pieces.length).toBeGreaterThan(1)
    for (const piece of pieces.slice(0, -1)) expect(piece.length).toBeGreaterThanOrEqual(pieceLength)
    for (const piece of pieces) expect(piece.length).toBeLessThan(2 * pieceLength)
    const rows = all.map((f) => [f.code, f.severity, f.precinct ?? "", f.file ?? "", f.line ?? "", f.message, f.expected ?? "", f.actual ?? ""])
    expect(pieces.join("")).toBe(stringify([header, ...rows]))
  })
})
