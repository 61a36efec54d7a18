/** The SHA-256 of a protocols file or a registry, computed over the buffers its reader reads. */
import * as Either from "effect/Either"
import fc from "fast-check"
import { createHash } from "node:crypto"
import * as fs from "node:fs"
import * as path from "node:path"
import { describe, expect, it } from "vitest"
import { readProtocolsCsvParse } from "../../src/ballot/protocol-csv-parse.js"
import { protocolSchema, readCsvFast } from "../../src/ballot/protocol-scan.js"
import { readRegistryCsv } from "../../src/ballot/registry.js"
import { FileHash, sha256File } from "../../src/ballot/file-hash.js"
import { tempDir } from "./readers.js"
import { cleanProtocol, electionOf, protocolsCsv } from "../tally/elections.js"

const election = electionOf({ id: "e", name: "E", system: "proportional", edition: "2024", seats: 5, parties: [{ id: "a", name: "A" }, { id: "b", name: "B" }] })
const sink = { row: () => {} }
const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex")
const dir = tempDir()

/** A protocols file of `n` clean protocols, with CR LF line ends when asked. */
const protocolsFile = (n: number, crlf: boolean): string => {
  const text = protocolsCsv(["a", "b"], Array.from({ length: n }, (_, i) => cleanProtocol(`P${i}`, `T${i % 3}`, 1000 + i, { a: 10 + i, b: 20 })))
  const file = path.join(dir, `p-${n}-${crlf}.csv`)
  fs.writeFileSync(file, crlf ? text.replace(/\n/g, "\r\n") : text)
  return file
}

describe("FileHash", () => {
  it("fed any first part of a file, finishes with the file's SHA-256", () => {
    const file = path.join(dir, "bytes")
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 3000 }), fc.nat(), (bytes, at) => {
        fs.writeFileSync(file, bytes)
        const cut = bytes.length === 0 ? 0 : at % (bytes.length + 1)
        const hash = new FileHash()
        hash.update(bytes.subarray(0, Math.floor(cut / 2)))
        hash.update(bytes.subarray(Math.floor(cut / 2), cut))
        expect(hash.finish(file)).toBe(sha256(bytes))
        expect(sha256File(file)).toBe(sha256(bytes))
      })
    )
  })
})

describe("the readers feed the hash every byte once, in order, so the file is not read again", () => {
  it("the byte scanner, at any chunk size, LF or CR LF (records and line ends across chunk ends)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 60 }), fc.boolean(), fc.integer({ min: 1, max: 200 }), (n, crlf, chunkSize) => {
        const file = protocolsFile(n, crlf)
        const fed: Array<Uint8Array> = []
        const report = readCsvFast(file, protocolSchema(election.layout), { name: file, fileIndex: 0, sink, chunkSize, onBytes: (b) => fed.push(new Uint8Array(b)) })
        expect(report.problems).toEqual([])
        expect(Buffer.concat(fed).equals(fs.readFileSync(file))).toBe(true)
      }),
      { numRuns: 60 }
    )
  })

  it("the byte scanner's first range is fed from the file's start on, through the range's end", () => {
    const file = protocolsFile(50, false)
    const all = fs.readFileSync(file)
    const end = all.indexOf(10, all.length >> 1) + 1
    const fed: Array<Uint8Array> = []
    readCsvFast(file, protocolSchema(election.layout), { name: file, fileIndex: 0, sink, chunkSize: 64, range: { start: 0, end }, onBytes: (b) => fed.push(new Uint8Array(b)) })
    const got = Buffer.concat(fed)
    expect(got.length).toBeGreaterThanOrEqual(end)
    expect(got.equals(all.subarray(0, got.length))).toBe(true)
  })

  it("csv-parse", async () => {
    const file = protocolsFile(40, true)
    const fed: Array<Uint8Array> = []
    const report = await readProtocolsCsvParse(file, { name: file, fileIndex: 0, sink, layout: election.layout, onBytes: (b) => fed.push(new Uint8Array(b)) })
    expect(report.problems).toEqual([])
    expect(Buffer.concat(fed).equals(fs.readFileSync(file))).toBe(true)
  })

  it("bytes in memory, at once", () => {
    const bytes = fs.readFileSync(protocolsFile(5, false))
    const fed: Array<Uint8Array> = []
    readCsvFast(bytes, protocolSchema(election.layout), { name: "mem", fileIndex: 0, sink, onBytes: (b) => fed.push(new Uint8Array(b)) })
    expect(Buffer.concat(fed).equals(bytes)).toBe(true)
  })
})

describe("a registry CSV is hashed as it is read", () => {
  const registry = (rows: ReadonlyArray<string>) => {
    const file = path.join(dir, `r-${rows.length}-${rows.join("").length}.csv`)
    fs.writeFileSync(file, ["id,territory,voters", ...rows].join("\n") + "\n")
    return file
  }
  const plain = Array.from({ length: 40 }, (_, i) => `P${String(i).padStart(3, "0")},T${i % 3},${1000 + i}`)

  it("by the plain reader, by the byte scanner it gives a file to, and by csv-parse: the file's SHA-256 each time", () => {
    // Plain; with a quoted cell (not plain: the byte scanner reads it from the start); out of order (plain, hashed).
    for (const file of [registry(plain), registry([...plain.slice(0, 20), `"P900",T1,5`, ...plain.slice(20)]), registry([...plain].reverse())])
      for (const reader of ["fast", "csv-parse"] as const) {
        const read = readRegistryCsv(file, "precincts.csv", reader)
        expect(Either.isRight(read), file).toBe(true)
        expect(Either.getOrThrow(read).sha256).toBe(sha256(fs.readFileSync(file)))
      }
  })
})
