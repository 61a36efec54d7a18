/**
 * How the service sends a long answer, in the process (the other tests run it as a child process): the result is
 * kept as pieces of about a megabyte, never one string; a failure while the pieces are made is a 500 before the
 * first byte, and after the headers a closed connection, never an answer that looks whole, with one line on stderr.
 */
import { Either } from "effect"
import * as path from "node:path"
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest"
import { inPieces, pieceLength } from "../../src/report/pieces.js"
import type { LiveTally } from "../../src/serve/live-tally.js"
import { openNight } from "../../src/serve/night.js"
import { Service } from "../../src/serve/server.js"
import { freshDir, generated } from "./service.js"

let service: Service
let live: LiveTally
let url: string

beforeAll(async () => {
  const night = Either.getOrThrow(openNight(path.join(freshDir(), "night.db"), generated(5_000).election))
  live = night.live
  service = new Service({ store: night.store, live, token: "t".repeat(64), lang: "en" })
  url = await service.listen("127.0.0.1", 0)
}, 60_000)

afterAll(async () => {
  await service.close()
})

describe("a long answer, sent in pieces", () => {
  it("GET /api/result is kept as pieces of about a megabyte, not as one string: together the compact JSON of the result", async () => {
    const pieces = live.resultJson()
    expect(pieces.length).toBeGreaterThan(2)
    for (const piece of pieces) expect(piece.length).toBeLessThan(2 * pieceLength)
    expect(Buffer.concat(pieces).toString("utf8")).toBe(`${JSON.stringify(live.result())}\n`)
    expect(await (await fetch(`${url}/api/result`)).text()).toBe(Buffer.concat(pieces).toString("utf8"))
  })

  it("a failure after the headers closes the connection (the client sees no whole answer) and writes one line on stderr", async () => {
    const stderr = vi.spyOn(process.stderr, "write").mockImplementation(() => true)
    const made = live.protocolsCsv
    live.protocolsCsv = () =>
      inPieces(function* () {
        for (let i = 0; i < 3; i++) yield "x".repeat(pieceLength)
        throw new Error("the fourth piece failed")
      })
    try {
      const r = await fetch(`${url}/api/protocols.csv`)
      expect([r.status, r.headers.get("transfer-encoding")]).toEqual([200, "chunked"])
      await expect(r.text()).rejects.toThrow()
      expect(stderr.mock.calls.map((c) => c[0])).toEqual([
        "kenesh serve: internal error on GET /api/protocols.csv (the answer was cut off: its connection is closed): the fourth piece failed\n"
      ])
    } finally {
      live.protocolsCsv = made
      stderr.mockRestore()
    }
    expect((await fetch(`${url}/api/status`)).status).toBe(200)
  })

  it("a failure before the first byte is a 500 with the JSON error, as for any request", async () => {
    const stderr = vi.spyOn(process.stderr, "write").mockImplementation(() => true)
    const made = live.protocolsCsv
    live.protocolsCsv = () =>
      inPieces(function* () {
        yield "x".repeat(pieceLength)
        throw new Error("the second piece failed")
      })
    try {
      const r = await fetch(`${url}/api/protocols.csv`)
      expect([r.status, await r.json()]).toEqual([500, { error: "internal error; the request may not have been stored" }])
      expect(stderr.mock.calls.map((c) => c[0])).toEqual(["kenesh serve: internal error on GET /api/protocols.csv: the second piece failed\n"])
    } finally {
      live.protocolsCsv = made
      stderr.mockRestore()
    }
    expect((await fetch(`${url}/api/protocols.csv`)).status).toBe(200)
  })
})
