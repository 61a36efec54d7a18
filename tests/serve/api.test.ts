/**
 * `kenesh serve` as a client sees it (SPEC §6): the built command runs as a child process on a fresh store,
 * and every endpoint is called over HTTP. Answers, status codes and what each request changes.
 */
import { createHash } from "node:crypto"
import * as fs from "node:fs"
import * as path from "node:path"
import { afterEach, beforeAll, describe, expect, it } from "vitest"
import { call, csvLines, ensureBuilt, freshDir, generated, kenesh, postJson, postProtocols, root, startServe, type Running } from "./service.js"

const kb = path.join(root, "fixtures/kara-balta-2020")
const election = path.join(kb, "election.json")
const { header, rows } = csvLines(path.join(kb, "protocols.csv"))
const csv = (...lines: Array<string>) => [header, ...lines].join("\n") + "\n"

beforeAll(ensureBuilt, 60_000)

let running: Array<Running> = []
afterEach(async () => {
  await Promise.all(running.map((s) => s.stop()))
  running = []
})

/** Starts a service on a fresh store of the Kara-Balta election. */
const start = async (file = election) => {
  const dir = freshDir()
  const s = await startServe(file, path.join(dir, "night.db"))
  running.push(s)
  return { s, dir }
}

const status = async (s: Running) => (await call(`${s.url}/api/status`)).json()
const exported = async (s: Running) => (await call(`${s.url}/api/protocols.csv`)).text

describe("start-up", () => {
  it("creates the store and a token file of mode 0600 beside it, prints their paths and the URL", async () => {
    const { s, dir } = await start()
    expect(s.stdout()).toMatch(/^token written to .*night\.db\.token\nlistening on http:\/\/127\.0\.0\.1:\d+\n$/)
    expect(fs.statSync(path.join(dir, "night.db.token")).mode & 0o777).toBe(0o600)
    expect(s.token.length).toBeGreaterThanOrEqual(32)
    expect(await status(s)).toEqual({ status: expect.any(String), seq: 0, precincts: { registered: 20, reported: 0, missing: 20, preliminary: 0, errors: 0, annulled: 0 } })
  })

  it("refuses a store made for another election (exit 2, a plain message, the store untouched)", async () => {
    const { s, dir } = await start()
    await postProtocols(s, csv(rows[0]))
    await s.stop()
    running = []
    const store = path.join(dir, "night.db")
    const r = kenesh("serve", "--election", path.join(root, "fixtures/ak-jol-2024/election.json"), "--store", store, "--port", "0")
    expect(r.code).toBe(2)
    expect(r.stderr).toBe('kenesh: the store ' + store + ' was made for election "kara-balta-2020", not "ak-jol-2024"\n')
    const again = await startServe(election, store)
    running.push(again)
    expect((await status(again)).precincts.reported).toBe(1)
  })

  it("refuses a second service on the same store while the first runs (exit 2); tally --store can still read it", async () => {
    const { s, dir } = await start()
    await postProtocols(s, csv(rows[0]))
    const store = path.join(dir, "night.db")
    const second = kenesh("serve", "--election", election, "--store", store, "--port", "0")
    expect([second.code, second.stderr]).toEqual([2, `kenesh: the store ${store} is in use by another kenesh serve; stop it first\n`])
    expect(JSON.parse(kenesh("tally", "--store", store, "--format", "json").stdout).precincts.counted).toBe(1)
    await s.kill()
    running = []
    running.push(await startServe(election, store))
  })

  it("refuses a file that is not a store, and a port that is taken (exit 2)", async () => {
    const dir = freshDir()
    const notStore = path.join(dir, "notes.txt")
    fs.writeFileSync(notStore, "not a database at all, just some text that is long enough to be read as a header\n".repeat(10))
    const r = kenesh("serve", "--election", election, "--store", notStore, "--port", "0")
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(/^kenesh: cannot use the store .*notes\.txt: /)
    const { s } = await start()
    const port = new URL(s.url).port
    const taken = kenesh("serve", "--election", election, "--store", path.join(dir, "other.db"), "--port", port)
    expect(taken.code).toBe(2)
    expect(taken.stderr).toContain(`cannot listen on 127.0.0.1:${port}: EADDRINUSE`)
  })
})

describe("POST /api/protocols", () => {
  it("stores every row (200), with each row's line, and the findings of the stored precincts", async () => {
    const { s } = await start()
    const bad = rows[1].replace(/^5102,T1,2035,2035,/, "5102,T1,2035,2036,")
    const r = await postProtocols(s, csv(rows[0], bad))
    expect(r.status).toBe(200)
    const body = r.json()
    expect(body.stored).toEqual([
      { precinct: "5101", source: "manual", version: 1, line: 2 },
      { precinct: "5102", source: "manual", version: 1, line: 3 }
    ])
    expect(body.unchanged).toEqual([])
    expect(body.findings.map((f: { code: string; precinct: string }) => [f.code, f.precinct])).toContainEqual(["ballot-balance", "5102"])
    expect(body.findings.every((f: { precinct: string }) => f.precinct === "5102")).toBe(true)
    expect((await status(s)).seq).toBe(1)
    // The findings of a write are the result's own, lines in the export included, also once more is stored.
    const later = await postProtocols(s, csv(rows[4], rows[2].replace(/^5103,T1,1743,1743,/, "5103,T1,1743,1742,")))
    const result = (await call(`${s.url}/api/result`)).json()
    expect(body.findings).toEqual(result.findings.filter((f: { precinct: string; line: number }) => f.precinct === "5102").map((f: { line: number }) => ({ ...f, line: 3 })))
    expect(later.json().findings).toEqual(result.findings.filter((f: { precinct: string }) => f.precinct === "5103" || f.precinct === "5105"))
    expect(later.json().findings.length).toBeGreaterThan(0)
  })

  it("an identical resubmission is unchanged: no new protocol, no change event, the same export", async () => {
    const { s } = await start()
    await postProtocols(s, csv(rows[0], rows[1]))
    const before = await exported(s)
    const r = await postProtocols(s, csv(rows[1], rows[0], rows[2]))
    expect(r.status).toBe(200)
    expect(r.json().stored).toEqual([{ precinct: "5103", source: "manual", version: 1, line: 4 }])
    expect(r.json().unchanged.map((u: { precinct: string; line: number }) => [u.precinct, u.line])).toEqual([["5102", 2], ["5101", 3]])
    const again = await postProtocols(s, csv(rows[0], rows[1], rows[2]))
    expect(again.json().stored).toEqual([])
    expect((await status(s)).seq).toBe(2)
    expect((await exported(s)).split("\n").length).toBe(before.split("\n").length + 1)
  })

  it("the same (precinct, source, version) with other counts is 409 and stores nothing of the request; a higher version is a correction", async () => {
    const { s } = await start()
    await postProtocols(s, csv(rows[0]))
    const changed = rows[0].replace(/,3$/, ",4")
    const r = await postProtocols(s, csv(rows[1], changed))
    expect(r.status).toBe(409)
    expect(r.json()).toEqual({
      error: expect.any(String),
      conflicts: [{ precinct: "5101", source: "manual", version: 1, line: 3, message: expect.stringContaining("send a correction as version 2") }]
    })
    expect((await status(s)).precincts.reported).toBe(1)
    const h = header + ",version"
    const corrected = await postProtocols(s, `${h}\n${changed},2\n`)
    expect(corrected.json().stored).toEqual([{ precinct: "5101", source: "manual", version: 2, line: 2 }])
    const result = (await call(`${s.url}/api/result`)).json()
    expect(result.precincts.versions).toEqual([{ precinct: "5101", version: 2 }])
    expect((await exported(s)).split("\n").filter((l) => l.startsWith("5101,")).length).toBe(2)
  })

  it("a row twice in one body with other counts is a conflict too", async () => {
    const { s } = await start()
    const r = await postProtocols(s, csv(rows[0], rows[0].replace(/,3$/, ",4")))
    expect(r.status).toBe(409)
    expect(r.json().conflicts[0]).toMatchObject({ precinct: "5101", line: 3, message: expect.stringContaining("line 2 of this body") })
    expect((await status(s)).seq).toBe(0)
  })

  it("an unusable body is 400 with every problem's line and column, and nothing is stored", async () => {
    const { s } = await start()
    const r = await postProtocols(s, csv(rows[0], rows[1].replace(",2035,", ",20 35,"), rows[2].replace(/^5103,T1,/, "5103,T1,-")))
    expect(r.status).toBe(400)
    expect(r.json().problems).toEqual([
      { line: 3, column: 9, message: expect.stringContaining("20 35") },
      { line: 4, column: 9, message: expect.stringContaining("sign") }
    ])
    expect((await call(`${s.url}/api/protocols`, { token: s.token, type: "text/csv", body: "" })).status).toBe(400)
    expect((await status(s)).seq).toBe(0)
  })

  it("takes a source column: asu and manual protocols of one precinct are different protocols", async () => {
    const { s } = await start()
    const h = "source," + header
    const r = await postProtocols(s, `${h}\nasu,${rows[0]}\nmanual,${rows[0]}\n`)
    expect(r.json().stored.map((x: { source: string }) => x.source)).toEqual(["asu", "manual"])
    expect((await exported(s)).split("\n").slice(1, 3).map((l) => l.split(",").slice(0, 3).join(","))).toEqual(["5101,asu,1", "5101,manual,1"])
    const bad = await postProtocols(s, `${h}\nscanner,${rows[1]}\n`)
    expect(bad.json().problems).toEqual([{ line: 2, column: 1, message: expect.stringContaining('"scanner" is not a source') }])
    await postProtocols(s, `${h}\nasu,${rows[1]}\n`)
    expect((await status(s)).precincts).toMatchObject({ reported: 2, preliminary: 1 })
    await postProtocols(s, `${h}\nmanual,${rows[1]}\n`)
    expect((await status(s)).precincts).toMatchObject({ reported: 2, preliminary: 0 })
  })
})

describe("access and errors", () => {
  it("a missing or wrong token is 401 and changes nothing; the audit names the token by a hash, never the token", async () => {
    const { s } = await start()
    for (const token of [null, "wrong-token"]) {
      const r = await postProtocols(s, csv(rows[0]), token)
      expect(r.status).toBe(401)
      expect(r.json().error).toContain("Bearer")
      expect((await postJson(s, "/api/annulled", { precinct: "5101", annulled: true }, token)).status).toBe(401)
    }
    expect(await status(s)).toMatchObject({ seq: 0, precincts: { reported: 0, annulled: 0 } })
    expect(await exported(s)).toBe(header.replace(/^precinct,territory,/, "precinct,source,version,territory,") + "\n")
    const audit = (await call(`${s.url}/api/audit`)).json()
    expect(audit.map((a: { outcome: string }) => a.outcome)).toEqual(["unauthorized", "unauthorized", "unauthorized", "unauthorized"])
    expect(audit[2].token).toBe(createHash("sha256").update("wrong-token").digest("hex").slice(0, 16))
    expect(audit[0].token).toBeNull()
    expect(JSON.stringify(audit)).not.toContain(s.token)
  })

  it("413 over 16 MiB, 415 for another content type, 404 for an unknown path, 405 for another method: JSON errors", async () => {
    const { s } = await start()
    const big = Buffer.alloc(16 * 1024 * 1024 + 1, 0x30)
    const r413 = await call(`${s.url}/api/protocols`, { token: s.token, type: "text/csv", body: big })
    expect(r413.status).toBe(413)
    expect(r413.json().error).toContain("16 MiB")
    const r415 = await call(`${s.url}/api/protocols`, { token: s.token, type: "application/json", body: csv(rows[0]) })
    expect(r415.status).toBe(415)
    expect((await call(`${s.url}/api/annulled`, { token: s.token, type: "text/plain", body: "{}" })).status).toBe(415)
    const r404 = await call(`${s.url}/api/nothing`)
    expect([r404.status, r404.type, typeof r404.json().error]).toEqual([404, "application/json; charset=utf-8", "string"])
    expect((await call(`${s.url}/api/result`, { method: "DELETE" })).status).toBe(405)
    expect((await call(`${s.url}/api/protocols`)).status).toBe(405)
    expect((await call(`${s.url}/api/status`, { method: "POST", body: "x" })).status).toBe(405)
    const head = await call(`${s.url}/api/status`, { method: "HEAD" })
    expect([head.status, head.text]).toEqual([200, ""])
    expect((await status(s)).seq).toBe(0)
    const outcomes = (await call(`${s.url}/api/audit`)).json().map((a: { outcome: string; status: number }) => [a.outcome, a.status])
    expect(outcomes).toEqual([["too-large", 413], ["wrong-type", 415], ["wrong-type", 415]])
  })
})

describe("annulments and lots", () => {
  it("POST /api/annulled annuls and restores a registered precinct (200 with the new status); an unknown one is 400", async () => {
    const { s } = await start()
    await postProtocols(s, csv(...rows))
    const r = await postJson(s, "/api/annulled", { precinct: "5103", annulled: true })
    expect(r.status).toBe(200)
    expect(r.json()).toMatchObject({ seq: 2, precincts: { annulled: 1, reported: 19 } })
    expect((await call(`${s.url}/api/result`)).json().precincts.annulled).toEqual(["5103"])
    expect((await postJson(s, "/api/annulled", { precinct: "5103", annulled: true })).json().seq).toBe(2)
    expect((await postJson(s, "/api/annulled", { precinct: "5103", annulled: false })).json()).toMatchObject({ seq: 3, precincts: { annulled: 0 } })
    const unknown = await postJson(s, "/api/annulled", { precinct: "9999", annulled: true })
    expect([unknown.status, unknown.json().error]).toEqual([400, 'precinct "9999" is not in the registry'])
    expect((await postJson(s, "/api/annulled", { precinct: "5103" })).status).toBe(400)
  })

  it("POST /api/lots settles a current tie (200) and is 400 when it settles none", async () => {
    const dir = freshDir()
    const tied = path.join(dir, "tied.json")
    fs.writeFileSync(
      tied,
      JSON.stringify({
        id: "tied", name: "Tied", system: "proportional", edition: "2024", seats: 3,
        parties: [{ id: "a", name: "A" }, { id: "b", name: "B" }], territories: [{ id: "T1", name: "T" }],
        precincts: [{ id: "1", territory: "T1", voters: 300 }], rules: {}, annulled: [], lots: []
      })
    )
    const { s } = await start(tied)
    const h = "precinct,territory,voters,received,issued_premises,issued_outside,cancelled,spoiled,found_stationary,found_mobile,invalid,valid,against_all,a,b"
    await postProtocols(s, `${h}\n1,T1,300,300,200,0,100,0,200,0,0,200,0,100,100\n`)
    expect((await call(`${s.url}/api/result`)).json()).toMatchObject({ status: "lot-required", allocation: { tie: { among: ["a", "b"], seats: 1 } } })
    expect((await postJson(s, "/api/lots", { among: ["a", "x"], winners: ["a"] })).status).toBe(400)
    expect((await postJson(s, "/api/lots", { among: ["a", "b"], winners: ["a", "b"] })).status).toBe(400)
    const r = await postJson(s, "/api/lots", { among: ["a", "b"], winners: ["b"] })
    expect([r.status, r.json().status, r.json().seq]).toEqual([200, "final", 2])
    const result = (await call(`${s.url}/api/result`)).json()
    expect(result.allocation.lots).toEqual([{ among: ["a", "b"], winners: ["b"] }])
    expect(result.allocation.parties.map((p: { seats: number }) => p.seats)).toEqual([1, 2])
    expect((await postJson(s, "/api/lots", { among: ["a", "b"], winners: ["a"] })).status).toBe(400)
  })
})

describe("reads", () => {
  it("the live result equals kenesh tally on GET /api/protocols.csv with the store's annulments and lots; inputs name the export's SHA-256", async () => {
    const faulty = path.join(root, "fixtures/kara-balta-faulty")
    const { s, dir } = await start(path.join(faulty, "election.json"))
    const f = csvLines(path.join(faulty, "protocols.csv"))
    await postProtocols(s, [f.header, ...f.rows.slice(0, 12)].join("\n") + "\n")
    await postProtocols(s, [f.header, ...f.rows.slice(12)].join("\n") + "\n")
    await postJson(s, "/api/annulled", { precinct: "5104", annulled: true })
    const live = (await call(`${s.url}/api/result`)).json()
    const text = await exported(s)
    expect(live.inputs).toEqual([{ file: "store", sha256: createHash("sha256").update(text).digest("hex") }])
    const text0 = fs.readFileSync(path.join(faulty, "election.json"), "utf8")
    expect(text0).toContain('"annulled": [],')
    fs.writeFileSync(path.join(dir, "election.json"), text0.replace('"annulled": [],', '"annulled": ["5104"],'))
    fs.writeFileSync(path.join(dir, "store"), text)
    const offline = kenesh("tally", "--election", path.join(dir, "election.json"), path.join(dir, "store"), "--format", "json")
    const expected = JSON.parse(offline.stdout)
    const strip = (r: { inputs: unknown; findings: Array<{ file: string | null }> }) => ({
      ...r,
      inputs: null,
      findings: r.findings.map((x) => ({ ...x, file: x.file === null ? null : path.basename(x.file) }))
    })
    expect(strip(live)).toEqual(strip(expected))
    expect(live.findings.some((x: { file: string }) => x.file === "store")).toBe(true)
  })

  it("a majoritarian night: the export leaves other districts' candidates blank and tallies to the live result", async () => {
    const night = generated(60, "majoritarian")
    const s = await startServe(night.election, path.join(freshDir(), "night.db"))
    running.push(s)
    const f = csvLines(night.protocols)
    expect((await postProtocols(s, [f.header, ...f.rows.slice(0, 40)].join("\n") + "\n")).status).toBe(200)
    const text = await exported(s)
    expect(text.split("\n")[0]).toMatch(/^precinct,source,version,territory,district,voters,/)
    expect(text.split("\n")[1]).toMatch(/,,/)
    const dir = freshDir()
    fs.writeFileSync(path.join(dir, "store"), text)
    const offline = JSON.parse(kenesh("tally", "--election", night.election, path.join(dir, "store"), "--format", "json").stdout)
    const live = (await call(`${s.url}/api/result`)).json()
    expect({ ...live, inputs: null }).toEqual({ ...offline, inputs: null, findings: offline.findings.map((x: { file: string | null }) => ({ ...x, file: x.file === path.join(dir, "store") ? "store" : x.file })) })
  })

  it("kenesh tally --store gives the live result offline; the store keeps every request across a restart", async () => {
    const { s, dir } = await start()
    await postProtocols(s, csv(...rows.slice(0, 15)))
    const live = (await call(`${s.url}/api/result`)).text
    await s.stop()
    running = []
    const offline = kenesh("tally", "--store", path.join(dir, "night.db"), "--format", "json")
    expect(JSON.parse(offline.stdout)).toEqual(JSON.parse(live))
    expect(offline.code).toBe(JSON.parse(live).status === "final" ? 0 : 1)
    expect(kenesh("tally", "--store", path.join(dir, "night.db"), "--election", election).code).toBe(2)
    expect(kenesh("tally", "--store", path.join(dir, "nothing.db")).stderr).toMatch(/^kenesh: there is no store at /)
  })

  it("GET /api/events sends a change event with the new seq after every change", async () => {
    const { s } = await start()
    const controller = new AbortController()
    const res = await fetch(`${s.url}/api/events`, { signal: controller.signal })
    expect(res.headers.get("content-type")).toMatch(/^text\/event-stream/)
    const reader = res.body!.getReader()
    const events: Array<string> = []
    const seen = (async () => {
      let text = ""
      for (;;) {
        const { value, done } = await reader.read()
        if (done) return
        text += Buffer.from(value).toString()
        events.splice(0, events.length, ...[...text.matchAll(/event: change\ndata: (.*)\n\n/g)].map((m) => m[1]))
        if (events.length === 2) return
      }
    })()
    await postProtocols(s, csv(rows[0]))
    await postProtocols(s, csv(rows[0]))
    await postJson(s, "/api/annulled", { precinct: "5101", annulled: true })
    await seen
    controller.abort()
    expect(events.map((e) => JSON.parse(e))).toEqual([{ seq: 1 }, { seq: 2 }])
  })

  it("GET /api/audit lists every write request in order: action, body SHA-256, outcome, precincts", async () => {
    const { s } = await start()
    const body = csv(rows[0], rows[1])
    await postProtocols(s, body)
    await postProtocols(s, body)
    await postProtocols(s, csv(rows[0].replace(/,3$/, ",4")))
    await postJson(s, "/api/annulled", { precinct: "5101", annulled: true })
    const audit = (await call(`${s.url}/api/audit`)).json()
    expect(audit.map((a: Record<string, unknown>) => [a.seq, a.action, a.outcome, a.precincts])).toEqual([
      [1, "protocols", "stored", ["5101", "5102"]],
      [2, "protocols", "unchanged", ["5101", "5102"]],
      [3, "protocols", "conflicts", ["5101"]],
      [4, "annulled", "annulled", ["5101"]]
    ])
    expect(audit[0].sha256).toBe(createHash("sha256").update(body).digest("hex"))
    expect(Date.parse(audit[0].time)).not.toBeNaN()
  })

  it("GET / is the live page: status board, totals, seats with their derivation and findings, readable without scripts", async () => {
    const { s } = await start()
    await postProtocols(s, csv(...rows.slice(0, 5)))
    const page = await call(`${s.url}/`)
    expect(page.type).toBe("text/html; charset=utf-8")
    expect(page.text).toContain('<dd id="board-reported">5</dd>')
    expect(page.text).toContain('<dd id="board-missing">15</dd>')
    expect(page.text).toContain("SDPK")
    expect(page.text).toContain("Hare quota")
    expect(page.text).toContain("missing-precinct")
    const ru = await call(`${s.url}/?lang=ru`)
    expect(ru.text).toContain('<html lang="ru">')
    expect(ru.text).toContain("изменение")
  })
})
