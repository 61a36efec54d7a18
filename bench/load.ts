/**
 * Load run of the election-night service (`npm run bench:load`): the built `kenesh serve` as a child process on
 * loopback, fed by concurrent clients. 2,500 protocols (a whole country) from 16 clients, one protocol per
 * request, and 100,000 from 32 clients, 100 per request (as `kenesh submit` batches a file); meanwhile one
 * reader asks for `GET /api/result` back to back. Then `GET /api/result` on the idle service, and the start-up
 * time with 100,000 precincts stored. `--write` puts the figures in bench/RESULTS.md ("Election-night service").
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process"
import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import { fileURLToPath } from "node:url"
import { parseArgs } from "node:util"
import { duration, figure } from "./table.js"

const root = fileURLToPath(new URL("../../", import.meta.url))
const kenesh = path.join(root, "dist/src/bin/kenesh.js")
const outDir = path.join(root, "bench/out/load")
const flags = parseArgs({ options: { write: { type: "boolean", default: false }, small: { type: "string", default: "2500" }, large: { type: "string", default: "100000" } } }).values

/** A generated election of `n` precincts: its files and its protocol rows. */
const election = (n: number) => {
  const dir = path.join(outDir, `e${n}`)
  if (!fs.existsSync(path.join(dir, "protocols.csv"))) {
    const r = spawnSync(process.execPath, [kenesh, "generate", "--system", "proportional", "--precincts", String(n), "--seed", "load", "--out", dir], { encoding: "utf8" })
    if (r.status !== 0) throw new Error(r.stderr)
  }
  const [header, ...rows] = fs.readFileSync(path.join(dir, "protocols.csv"), "utf8").split("\n").filter((l) => l !== "")
  return { file: path.join(dir, "election.json"), header, rows }
}

/** A running service: its URL and token, and the time from spawn to `listening on`. */
const serve = (electionFile: string, store: string): Promise<{ url: string; token: string; child: ChildProcess; startMs: number }> =>
  new Promise((resolve, reject) => {
    const t0 = performance.now()
    const child = spawn(process.execPath, [kenesh, "serve", "--election", electionFile, "--store", store, "--port", "0"], { stdio: ["ignore", "pipe", "inherit"] })
    let out = ""
    child.stdout.on("data", (c: Buffer) => {
      out += c.toString()
      const m = /listening on (\S+)/.exec(out)
      if (m !== null) resolve({ url: m[1], token: fs.readFileSync(`${store}.token`, "utf8").trim(), child, startMs: performance.now() - t0 })
    })
    child.on("exit", (code, signal) => {
      console.error(`bench: serve exited (${code ?? signal})`)
      reject(new Error(`serve exited with ${code ?? signal}`))
    })
  })

const stop = (child: ChildProcess) =>
  new Promise<void>((resolve) => {
    child.removeAllListeners("exit")
    child.on("exit", () => resolve())
    child.kill("SIGTERM")
  })

/** The p-quantile of some latencies (nearest rank). */
const quantile = (xs: ReadonlyArray<number>, p: number): number => {
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.max(0, Math.ceil(p * s.length) - 1)]
}

/** Times one request, reading the whole answer. */
const timed = async (url: string, init?: RequestInit): Promise<{ ms: number; status: number }> => {
  const t0 = performance.now()
  const r = await fetch(url, init)
  await r.arrayBuffer()
  return { ms: performance.now() - t0, status: r.status }
}

interface LoadFigures {
  readonly protocols: number
  readonly clients: number
  readonly perRequest: number
  readonly wallMs: number
  readonly post: ReadonlyArray<number>
  readonly reads: ReadonlyArray<number>
  readonly idle: ReadonlyArray<number>
}

/** Sends every row from `clients` clients, `perRequest` rows a request, while one reader polls GET /api/result. */
const load = async (n: number, clients: number, perRequest: number): Promise<LoadFigures & { store: string; electionFile: string }> => {
  const e = election(n)
  const store = path.join(outDir, `night-${n}.db`)
  for (const f of [store, `${store}-wal`, `${store}-shm`, `${store}.token`]) fs.rmSync(f, { force: true })
  const s = await serve(e.file, store)
  const bodies: Array<string> = []
  for (let i = 0; i < e.rows.length; i += perRequest) bodies.push([e.header, ...e.rows.slice(i, i + perRequest)].join("\n") + "\n")
  const post: Array<number> = []
  const reads: Array<number> = []
  let next = 0
  let done = false
  const t0 = performance.now()
  const client = async () => {
    while (next < bodies.length) {
      const body = bodies[next++]
      const r = await timed(`${s.url}/api/protocols`, { method: "POST", headers: { authorization: `Bearer ${s.token}`, "content-type": "text/csv" }, body })
      if (r.status !== 200) throw new Error(`POST answered ${r.status}`)
      post.push(r.ms)
    }
  }
  const reader = async () => {
    while (!done) reads.push((await timed(`${s.url}/api/result`)).ms)
  }
  const reading = reader()
  await Promise.all(Array.from({ length: clients }, client))
  const wallMs = performance.now() - t0
  done = true
  await reading
  const idle: Array<number> = []
  for (let i = 0; i < 200; i++) idle.push((await timed(`${s.url}/api/result`)).ms)
  const status = (await (await fetch(`${s.url}/api/status`)).json()) as { precincts: { reported: number } }
  if (status.precincts.reported !== n) throw new Error(`${status.precincts.reported} of ${n} precincts reported`)
  await stop(s.child)
  return { protocols: n, clients, perRequest, wallMs, post, reads, idle, store, electionFile: e.file }
}

const machine = () => {
  const cpus = os.cpus()
  return `${cpus[0]?.model ?? "unknown CPU"}, ${cpus.length} cores, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB memory, Linux ${os.release()}; Node ${process.version}`
}

const load1 = os.loadavg()[0]
fs.mkdirSync(outDir, { recursive: true })
const small = await load(Number(flags.small), 16, 1)
console.error(`${small.protocols} protocols: ${duration(small.wallMs)}`)
const large = await load(Number(flags.large), 32, 100)
console.error(`${large.protocols} protocols: ${duration(large.wallMs)}`)
// Start-up with the large store: to `listening on`, and to the first result.
const again = await serve(large.electionFile, large.store)
const first = await timed(`${again.url}/api/result`)
await stop(again.child)

const row = (f: LoadFigures): Array<string> => [
  `${figure(f.protocols)} from ${f.clients} clients, ${f.perRequest} per request`,
  duration(f.wallMs),
  figure((f.protocols / f.wallMs) * 1000),
  duration(quantile(f.post, 0.5)),
  duration(quantile(f.post, 0.99)),
  duration(quantile(f.reads, 0.5)),
  duration(quantile(f.reads, 0.99)),
  String(f.reads.length),
  duration(quantile(f.idle, 0.5)),
  duration(quantile(f.idle, 0.99))
]
const section = `## Election-night service

Measured ${new Date().toISOString().slice(0, 10)} with \`npm run bench:load -- --write\` (bench/load.ts).
Machine: ${machine()}. Load average when the run started: ${load1.toFixed(2)}; the machine was shared with other
work (other engineers' builds and tests), so these figures are upper bounds.

- The built \`kenesh serve\` runs as a child process on loopback with a fresh store (WAL, \`synchronous = FULL\`: every
  acknowledged request is on disk). Clients are \`fetch\` loops in one process, each sending its next request when the
  last is answered. One reader asks for \`GET /api/result\` back to back during the load ("under load"), then 200 times
  on the idle service with everything stored ("idle").
- Latency is from sending a request to reading the last byte of its answer; p50 and p99 by nearest rank.
- Start-up: from spawning \`kenesh serve\` on the store with ${figure(large.protocols)} precincts stored to \`listening on\`,
  and the first \`GET /api/result\` after it (the result is computed on the first read).

| run | wall | protocols/s | POST p50 | POST p99 | result p50 (load) | result p99 (load) | reads | result p50 (idle) | result p99 (idle) |
|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|
| ${row(small).join(" | ")} |
| ${row(large).join(" | ")} |

Start-up with ${figure(large.protocols)} precincts stored: ${duration(again.startMs)} to \`listening on\`; the first \`GET /api/result\` then took ${duration(first.ms)}.
`
console.log(section)
if (flags.write) {
  const file = path.join(root, "bench/RESULTS.md")
  const text = fs.readFileSync(file, "utf8")
  const at = text.indexOf("## Election-night service")
  const rest = at < 0 ? "" : text.slice(at).replace(/^## Election-night service[\s\S]*?(?=\n## |$)/, "")
  fs.writeFileSync(file, (at < 0 ? text.trimEnd() + "\n\n" : text.slice(0, at)) + section + rest)
}
