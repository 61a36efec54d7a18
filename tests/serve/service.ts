/** Test helpers: the built `kenesh serve` as a child process, and plain HTTP requests to it. */
import { spawn, spawnSync, type ChildProcess } from "node:child_process"
import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"

export const root = path.resolve(import.meta.dirname, "../..")
export const bin = path.join(root, "dist/src/bin/kenesh.js")

/** The newest modification time of the files under `dir`. */
const newest = (dir: string): number =>
  fs.readdirSync(dir, { withFileTypes: true }).reduce((m, d) => Math.max(m, d.isDirectory() ? newest(path.join(dir, d.name)) : fs.statSync(path.join(dir, d.name)).mtimeMs), 0)

/** Builds the bundle when the sources are newer (a run of one test file; `npm test` builds first). */
export const ensureBuilt = (): void => {
  if (!fs.existsSync(bin) || fs.statSync(bin).mtimeMs < newest(path.join(root, "src"))) {
    const build = spawnSync(process.execPath, ["scripts/build.mjs"], { cwd: root, encoding: "utf8" })
    if (build.status !== 0) throw new Error(build.stderr)
  }
}

/** A fresh temporary folder. */
export const freshDir = (): string => fs.mkdtempSync(path.join(os.tmpdir(), "kenesh-serve-test-"))

/** Runs `kenesh ARGS` to the end (stdout is a pipe: the default format is json). */
export const kenesh = (...args: Array<string>) => {
  const r = spawnSync(process.execPath, [bin, ...args], { cwd: root, encoding: "utf8", maxBuffer: 1 << 28 })
  return { code: r.status, stdout: r.stdout, stderr: r.stderr }
}

/** Runs `kenesh ARGS` in the background. */
export const keneshAsync = (...args: Array<string>) =>
  new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(process.execPath, [bin, ...args], { cwd: root })
    let stdout = ""
    let stderr = ""
    child.stdout.on("data", (c: Buffer) => (stdout += c.toString()))
    child.stderr.on("data", (c: Buffer) => (stderr += c.toString()))
    child.on("close", (code) => resolve({ code, stdout, stderr }))
  })

/** A running `kenesh serve`. */
export interface Running {
  readonly url: string
  readonly token: string
  readonly tokenFile: string
  readonly child: ChildProcess
  readonly stdout: () => string
  readonly stderr: () => string
  /** SIGTERM, and wait for the exit. */
  readonly stop: () => Promise<number | null>
  /** SIGKILL, and wait for the exit. */
  readonly kill: () => Promise<void>
}

/** Starts `kenesh serve` (under Node's flags `node`, if any) and resolves once it prints `listening on URL`; rejects with its stderr if it exits first. */
export const startServe = (election: string, store: string, extra: ReadonlyArray<string> = [], node: ReadonlyArray<string> = []): Promise<Running> =>
  new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...node, bin, "serve", "--election", election, "--store", store, ...(extra.includes("--port") ? [] : ["--port", "0"]), ...extra], { cwd: root })
    let out = ""
    let err = ""
    let done = false
    const exited = new Promise<number | null>((r) => child.on("exit", (code) => r(code)))
    child.stderr.on("data", (c: Buffer) => (err += c.toString()))
    child.stdout.on("data", (c: Buffer) => {
      out += c.toString()
      const m = /listening on (http:\/\/\S+)/.exec(out)
      if (m !== null && !done) {
        done = true
        const i = extra.indexOf("--token-file")
        const tokenFile = i >= 0 ? extra[i + 1] : `${store}.token`
        resolve({
          url: m[1],
          token: fs.readFileSync(path.resolve(root, tokenFile), "utf8").trim(),
          tokenFile,
          child,
          stdout: () => out,
          stderr: () => err,
          stop: () => {
            child.kill("SIGTERM")
            return exited
          },
          kill: async () => {
            child.kill("SIGKILL")
            await exited
          }
        })
      }
    })
    void exited.then((code) => {
      if (!done) reject(new Error(`serve exited with ${code}: ${err}`))
    })
  })

/** A request's status, headers and body. */
export interface Reply {
  readonly status: number
  readonly type: string
  readonly text: string
  readonly json: () => any
}

/** Sends a request with Node's fetch. */
export const call = async (url: string, init: { method?: string; token?: string | null; type?: string; body?: string | Uint8Array } = {}): Promise<Reply> => {
  const headers: Record<string, string> = {}
  if (init.token != null) headers.authorization = `Bearer ${init.token}`
  if (init.type !== undefined) headers["content-type"] = init.type
  const r = await fetch(url, { method: init.method ?? (init.body !== undefined ? "POST" : "GET"), headers, ...(init.body !== undefined ? { body: init.body } : {}) })
  const text = await r.text()
  return { status: r.status, type: r.headers.get("content-type") ?? "", text, json: () => JSON.parse(text) }
}

/** Posts a protocols file with the service's token. */
export const postProtocols = (s: Running, csv: string, token: string | null = s.token) => call(`${s.url}/api/protocols`, { token, type: "text/csv", body: csv })

/** Posts JSON with the service's token. */
export const postJson = (s: Running, route: string, value: unknown, token: string | null = s.token) =>
  call(`${s.url}${route}`, { token, type: "application/json", body: JSON.stringify(value) })

/** The header line and the data lines of a protocols file. */
export const csvLines = (file: string): { header: string; rows: Array<string> } => {
  const [header, ...rows] = fs.readFileSync(file, "utf8").split("\n").filter((l) => l !== "")
  return { header, rows }
}

/** Generates a synthetic election of `n` precincts into a fresh folder. */
export const generated = (n: number, system: "proportional" | "majoritarian" = "proportional"): { dir: string; election: string; protocols: string } => {
  const dir = freshDir()
  const r = kenesh("generate", "--system", system, "--precincts", String(n), "--seed", "7", "--out", dir)
  if (r.code !== 0) throw new Error(r.stderr)
  return { dir, election: path.join(dir, "election.json"), protocols: path.join(dir, "protocols.csv") }
}
