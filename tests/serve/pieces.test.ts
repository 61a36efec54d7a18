/**
 * Answers many pieces long (SPEC §6): a registry of 50,000 precincts and no protocol make a live page of about
 * 39 MB and a result of about 26 MB, dozens of pieces (src/report/pieces.ts) each. The service runs with a heap
 * of 64 MiB: such an answer can be sent neither as one string nor by making its pieces faster than the client
 * takes them (either would end the process, out of memory). Each arrives whole and equal to `kenesh tally` on
 * the same data.
 */
import { spawn } from "node:child_process"
import * as http from "node:http"
import * as fs from "node:fs"
import * as path from "node:path"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { pieceLength } from "../../src/report/pieces.js"
import { bin, call, ensureBuilt, freshDir, generated, startServe, type Running } from "./service.js"

const precincts = 50_000
const heapMiB = 64

let s: Running
/** What `kenesh tally --out` gives on the service's export, in a folder where the export is named `store`, as the service names it. */
let offline: { json: string; report: string }

beforeAll(async () => {
  ensureBuilt()
  const night = generated(precincts)
  s = await startServe(night.election, path.join(freshDir(), "night.db"), [], [`--max-old-space-size=${heapMiB}`])
  const dir = freshDir()
  fs.writeFileSync(path.join(dir, "store"), (await call(`${s.url}/api/protocols.csv`)).text)
  // In the background: the test's event loop must stay free to see the service close idle connections.
  const tally = spawn(process.execPath, [bin, "tally", "--election", night.election, "store", "--out", "out", "--format", "json"], { cwd: dir })
  const stdout: Array<Buffer> = []
  tally.stdout.on("data", (c: Buffer) => stdout.push(c))
  const code = await new Promise((resolve) => tally.on("close", resolve))
  if (code !== 1) throw new Error(`kenesh tally exited with ${code}`)
  offline = { json: Buffer.concat(stdout).toString("utf8"), report: fs.readFileSync(path.join(dir, "out/report.html"), "utf8") }
}, 180_000)

afterAll(async () => {
  await s?.stop()
})

/** The text between `start` and `end` in `text`, each found once. */
const between = (text: string, start: string, end: string): string => {
  const from = text.indexOf(start)
  const to = text.lastIndexOf(end)
  expect(from).toBeGreaterThanOrEqual(0)
  expect(to).toBeGreaterThan(from)
  return text.slice(from + start.length, to)
}

/** Where two long texts first differ, with a little of each from there, or null when they are equal: a failure never prints megabytes. */
const difference = (a: string, b: string): string | null => {
  if (a === b) return null
  let i = 0
  while (i < a.length && a[i] === b[i]) i++
  return `at ${i} of ${a.length} and ${b.length}: ${JSON.stringify(a.slice(i, i + 100))} against ${JSON.stringify(b.slice(i, i + 100))}`
}

/** The offline inputs that the service has too: the export, not the election file and its registry. */
const storeOnly = (inputs: Array<{ file: string }>) => inputs.filter((i) => i.file === "store")

/** The report's sections in report.html, its list of inputs with the export's row only. */
const sections = () => {
  const all = between(offline.report, '<main class="kenesh-report">\n', "\n</main>")
  const rows = between(all, '<section class="inputs">', "</section>")
  const storeRow = /<tr><td>store<\/td>.*?<\/tr>/.exec(rows)
  expect(storeRow).not.toBeNull()
  return all.replace(rows, rows.replace(/<tbody>.*<\/tbody>/, `<tbody>${storeRow![0]}</tbody>`))
}

describe("answers far longer than one piece, from a service with a small heap", () => {
  it("GET /api/result is kenesh tally's result on the same data, compact, byte for byte, with its Content-Length", async () => {
    const r = await fetch(`${s.url}/api/result`)
    const text = await r.text()
    expect(r.status).toBe(200)
    expect(Number(r.headers.get("content-length"))).toBe(Buffer.byteLength(text))
    expect(text.length).toBeGreaterThan(20 * pieceLength)
    const expected = JSON.parse(offline.json)
    expect(storeOnly(expected.inputs)).toHaveLength(1)
    expect(difference(text, `${JSON.stringify({ ...expected, inputs: storeOnly(expected.inputs) })}\n`)).toBeNull()
    expect(JSON.parse(text).findings).toHaveLength(precincts)
  })

  it("GET / and /?part=body: the status board, then report.html's sections byte for byte, sent chunked", async () => {
    const page = await fetch(`${s.url}/`)
    const text = await page.text()
    expect([page.status, page.headers.get("content-type"), page.headers.get("transfer-encoding"), page.headers.get("content-length")]).toEqual([200, "text/html; charset=utf-8", "chunked", null])
    expect(text.length).toBeGreaterThan(30 * pieceLength)
    expect(text.startsWith("<!doctype html>\n")).toBe(true)
    expect(text.endsWith("</script></body></html>\n")).toBe(true)
    const body = between(text, '<main id="live" class="kenesh-report" aria-live="polite">', "</main>\n<script>")
    expect(difference(body, await (await fetch(`${s.url}/?part=body`)).text())).toBeNull()
    const board = body.slice(0, body.indexOf("</section>\n") + "</section>\n".length)
    expect(board).toContain(`<dd id="board-missing">${(precincts / 1000).toFixed(0)} 000</dd>`)
    expect(difference(body.slice(board.length), sections())).toBeNull()
  })

  it("a client that stops reading: the service waits for it, answers others meanwhile, and the answer arrives whole", async () => {
    const expected = await (await fetch(`${s.url}/?part=body`)).text()
    const res = await new Promise<http.IncomingMessage>((resolve, reject) => http.get(`${s.url}/?part=body`, resolve).on("error", reject))
    // Nothing is read for two seconds: the pieces made meanwhile would pile up in the service's heap.
    await new Promise((r) => setTimeout(r, 2000))
    const status = await call(`${s.url}/api/status`)
    expect(status.json().precincts.missing).toBe(precincts)
    const chunks: Array<Buffer> = []
    for await (const c of res) chunks.push(c as Buffer)
    expect(difference(Buffer.concat(chunks).toString("utf8"), expected)).toBeNull()
  })

  it("HEAD answers the headers only; the service logged nothing", async () => {
    const page = await fetch(`${s.url}/`, { method: "HEAD" })
    expect([page.status, page.headers.get("content-type"), await page.text()]).toEqual([200, "text/html; charset=utf-8", ""])
    const result = await fetch(`${s.url}/api/result`, { method: "HEAD" })
    expect([result.status, await result.text()]).toEqual([200, ""])
    expect(Number(result.headers.get("content-length"))).toBeGreaterThan(20 * pieceLength)
    expect(s.stderr()).toBe("")
  })
})
