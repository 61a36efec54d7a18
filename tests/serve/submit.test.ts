/** `kenesh submit` (SPEC §2) against a running `kenesh serve`: what it prints, its exit codes, and retries. */
import * as fs from "node:fs"
import * as path from "node:path"
import { afterEach, beforeAll, describe, expect, it } from "vitest"
import { call, csvLines, ensureBuilt, freshDir, generated, kenesh, keneshAsync, root, startServe, type Running } from "./service.js"

const kb = path.join(root, "fixtures/kara-balta-2020")
const election = path.join(kb, "election.json")
const protocols = path.join(kb, "protocols.csv")

beforeAll(ensureBuilt, 60_000)

let running: Array<Running> = []
afterEach(async () => {
  await Promise.all(running.map((s) => s.stop()))
  running = []
})

const start = async (store = path.join(freshDir(), "night.db"), extra: Array<string> = []) => {
  const s = await startServe(election, store, extra)
  running.push(s)
  return s
}

describe("kenesh submit", () => {
  it("sends the files and prints what was stored (exit 0); a second run finds everything already there (exit 0)", async () => {
    const s = await start()
    const first = kenesh("submit", "--server", s.url, "--token-file", s.tokenFile, protocols)
    expect([first.code, first.stderr]).toEqual([0, ""])
    const out = JSON.parse(first.stdout)
    expect(out.stored).toHaveLength(20)
    expect(out.stored[0]).toEqual({ file: protocols, line: 2, precinct: "5101", source: "manual", version: 1 })
    expect(out.refused).toEqual([])
    const second = kenesh("submit", "--server", s.url, "--token-file", s.tokenFile, protocols, "--format", "table")
    expect(second.code).toBe(0)
    expect(second.stdout.trim().split("\n").at(-1)).toBe("0 stored, 20 already there, 0 refused")
    expect((await call(`${s.url}/api/status`)).json().seq).toBe(1)
  })

  it("sends a large file in several requests, each stored whole", async () => {
    const night = generated(2500)
    const s = await startServe(night.election, path.join(freshDir(), "night.db"))
    running.push(s)
    const r = kenesh("submit", "--server", s.url, "--token-file", s.tokenFile, night.protocols)
    expect(r.code).toBe(0)
    expect(JSON.parse(r.stdout).stored).toHaveLength(2500)
    const audit = (await call(`${s.url}/api/audit`)).json()
    expect(audit.map((a: { outcome: string }) => a.outcome)).toEqual(["stored", "stored", "stored"])
  }, 120_000)

  it("refuses a bad file before sending anything: every problem as file:line:column, exit 2", async () => {
    const s = await start()
    const dir = freshDir()
    const bad = path.join(dir, "bad.csv")
    const { header, rows } = csvLines(protocols)
    fs.writeFileSync(bad, [header, rows[0], rows[1].replace(",2035,", ",2,035,")].join("\n") + "\n")
    const r = kenesh("submit", "--server", s.url, "--token-file", s.tokenFile, protocols, bad)
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(new RegExp(`^${bad.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}:3:\\d+: `))
    expect(r.stdout).toBe("")
    expect((await call(`${s.url}/api/status`)).json().seq).toBe(0)
  })

  it("prints a conflict as refused with its reason and stores the rest (exit 1)", async () => {
    const s = await start()
    const dir = freshDir()
    const { header, rows } = csvLines(protocols)
    fs.writeFileSync(path.join(dir, "a.csv"), [header, rows[0]].join("\n") + "\n")
    fs.writeFileSync(path.join(dir, "b.csv"), [header, rows[0].replace(/,3$/, ",4"), rows[1]].join("\n") + "\n")
    expect(kenesh("submit", "--server", s.url, "--token-file", s.tokenFile, path.join(dir, "a.csv")).code).toBe(0)
    const r = kenesh("submit", "--server", s.url, "--token-file", s.tokenFile, path.join(dir, "b.csv"), "--format", "table")
    expect(r.code).toBe(1)
    expect(r.stdout).toContain(`refused    ${path.join(dir, "b.csv")}:2: precinct 5101 manual v1: protocol manual version 1 of precinct "5101" is stored with other counts`)
    expect(r.stdout).toContain(`stored     ${path.join(dir, "b.csv")}:3: precinct 5102 manual v1`)
  })

  it("a wrong token, a missing token file and an unreachable server are exit 2", async () => {
    const s = await start()
    const dir = freshDir()
    fs.writeFileSync(path.join(dir, "wrong"), "not-the-token\n")
    const wrong = kenesh("submit", "--server", s.url, "--token-file", path.join(dir, "wrong"), protocols)
    expect([wrong.code, wrong.stderr]).toEqual([2, expect.stringContaining("refused the token")])
    expect(kenesh("submit", "--server", s.url, "--token-file", path.join(dir, "none"), protocols).code).toBe(2)
    await s.stop()
    running = []
    const gone = kenesh("submit", "--server", s.url, "--token-file", s.tokenFile, protocols)
    expect([gone.code, gone.stderr]).toEqual([2, expect.stringMatching(/^kenesh: cannot reach http:\/\/127\.0\.0\.1:\d+: ECONNREFUSED\n$/)])
  }, 60_000)

  it("retries while the server is down and stores everything once it is back", async () => {
    const store = path.join(freshDir(), "night.db")
    const s = await start(store)
    const port = new URL(s.url).port
    await s.stop()
    running = []
    const submitting = keneshAsync("submit", "--server", s.url, "--token-file", s.tokenFile, protocols)
    await new Promise((r) => setTimeout(r, 700))
    await start(store, ["--port", port])
    const r = await submitting
    expect(r.code).toBe(0)
    expect(JSON.parse(r.stdout).stored).toHaveLength(20)
  }, 60_000)
})
