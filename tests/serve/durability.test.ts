/**
 * Nothing acknowledged is lost (SPEC §6): the service is killed with SIGKILL while several clients submit,
 * then restarted on the same store. Every request answered 200 is there, and every request is there whole
 * or not at all. Concurrent clients are all stored, each once.
 */
import * as path from "node:path"
import { beforeAll, describe, expect, it } from "vitest"
import { call, csvLines, ensureBuilt, freshDir, generated, startServe } from "./service.js"

beforeAll(ensureBuilt, 60_000)

/** The (precinct, source, version) of each row of a protocols export. */
const identities = (csv: string): Set<string> => {
  const [header, ...lines] = csv.split("\n").filter((l) => l !== "")
  const cols = header.split(",")
  const [p, s, v] = ["precinct", "source", "version"].map((c) => cols.indexOf(c))
  return new Set(lines.map((l) => l.split(",")).map((c) => `${c[p]}/${c[s]}/${c[v]}`))
}

describe("kill -9 while clients submit", () => {
  it("after a restart every acknowledged request is stored, and no request is half-stored", async () => {
    const night = generated(600)
    const { header, rows } = csvLines(night.protocols)
    const store = path.join(freshDir(), "night.db")
    const s = await startServe(night.election, store)
    // Six clients, each sending its own requests of three protocols.
    const requests = Array.from({ length: rows.length / 3 }, (_, i) => rows.slice(3 * i, 3 * i + 3))
    const acknowledged: Array<Array<string>> = []
    const sent: Array<Array<string>> = []
    let next = 0
    let killed = false
    const client = async () => {
      while (next < requests.length) {
        const req = requests[next++]
        sent.push(req)
        try {
          const r = await fetch(`${s.url}/api/protocols`, { method: "POST", headers: { authorization: `Bearer ${s.token}`, "content-type": "text/csv" }, body: [header, ...req].join("\n") + "\n" })
          if (r.status === 200) acknowledged.push(req)
          await r.text()
        } catch {
          return
        }
        if (acknowledged.length === 40 && !killed) {
          killed = true
          void s.kill()
        }
      }
    }
    await Promise.all(Array.from({ length: 6 }, client))
    expect(killed).toBe(true)
    expect(acknowledged.length).toBeGreaterThanOrEqual(40)
    expect(acknowledged.length).toBeLessThan(requests.length)

    const again = await startServe(night.election, store)
    try {
      const there = identities((await call(`${again.url}/api/protocols.csv`)).text)
      const id = (row: string) => `${row.split(",")[0]}/manual/1`
      for (const req of acknowledged) for (const row of req) expect(there.has(id(row))).toBe(true)
      for (const req of sent) {
        const stored = req.filter((row) => there.has(id(row))).length
        expect([0, req.length]).toContain(stored)
      }
      const audit = (await call(`${again.url}/api/audit`)).json() as Array<{ outcome: string; precincts: Array<string> }>
      const storedRequests = audit.filter((a) => a.outcome === "stored")
      expect(storedRequests.length * 3).toBe(there.size)
      expect((await call(`${again.url}/api/status`)).json().seq).toBe(storedRequests.length)
      // The clients resume: what was stored before the kill comes back unchanged, the rest is stored.
      const rest = await fetch(`${again.url}/api/protocols`, { method: "POST", headers: { authorization: `Bearer ${again.token}`, "content-type": "text/csv" }, body: [header, ...rows].join("\n") + "\n" })
      const answer = (await rest.json()) as { stored: Array<unknown>; unchanged: Array<unknown> }
      expect([answer.unchanged.length, answer.stored.length]).toEqual([there.size, rows.length - there.size])
    } finally {
      await again.stop()
    }
  }, 120_000)
})

describe("concurrent clients", () => {
  it("sixteen clients sending at once: every protocol stored once, one change per request, the result of all", async () => {
    const night = generated(320)
    const { header, rows } = csvLines(night.protocols)
    const s = await startServe(night.election, path.join(freshDir(), "night.db"))
    try {
      const post = (lines: Array<string>) =>
        fetch(`${s.url}/api/protocols`, { method: "POST", headers: { authorization: `Bearer ${s.token}`, "content-type": "text/csv" }, body: [header, ...lines].join("\n") + "\n" }).then(
          async (r) => ({ status: r.status, body: (await r.json()) as { stored: Array<unknown>; unchanged: Array<unknown> } })
        )
      const replies = await Promise.all(Array.from({ length: 16 }, (_, c) => (async () => {
        const mine = rows.filter((_, i) => i % 16 === c)
        const out = []
        for (let i = 0; i < mine.length; i += 4) out.push(await post(mine.slice(i, i + 4)))
        // Every client also resends another client's first request: unchanged, or stored if it came first.
        out.push(await post(rows.filter((_, i) => i % 16 === (c + 1) % 16).slice(0, 4)))
        return out
      })()))
      const all = replies.flat()
      expect(all.every((r) => r.status === 200)).toBe(true)
      expect(all.reduce((n, r) => n + r.body.stored.length, 0)).toBe(rows.length)
      expect(all.reduce((n, r) => n + r.body.unchanged.length, 0)).toBe(16 * 4)
      const status = (await call(`${s.url}/api/status`)).json()
      expect(status.precincts.reported).toBe(320)
      expect(status.seq).toBe(all.filter((r) => r.body.stored.length > 0).length)
      expect(identities((await call(`${s.url}/api/protocols.csv`)).text).size).toBe(320)
    } finally {
      await s.stop()
    }
  }, 120_000)
})
