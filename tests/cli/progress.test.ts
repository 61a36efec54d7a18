/**
 * Progress of `kenesh tally` on a terminal (stderr a pseudo-terminal, by `script`): rows and percent of bytes on
 * every path, one-pass, csv-parse and worker threads; nothing when stderr is not a terminal.
 */
import { spawnSync } from "node:child_process"
import * as path from "node:path"
import { beforeAll, describe, expect, it } from "vitest"
import { tempDir } from "../ballot/readers.js"

const root = path.resolve(import.meta.dirname, "../..")
const bin = path.join(root, "dist/src/bin/kenesh.js")
const dir = tempDir()
// 40,000 protocols: more than two reports' worth (every 16,384 rows) of a reader.
const precincts = 40000

beforeAll(() => {
  const build = spawnSync(process.execPath, ["scripts/build.mjs"], { cwd: root, encoding: "utf8" })
  if (build.status !== 0) throw new Error(build.stderr)
  const gen = spawnSync(process.execPath, [bin, "generate", "--system", "proportional", "--precincts", String(precincts), "--seed", "5", "--out", dir, "--format", "json"], { encoding: "utf8" })
  if (gen.status !== 0) throw new Error(gen.stderr)
}, 120_000)

const quote = (s: string) => `'${s.replace(/'/g, "'\\''")}'`

/** What a terminal shows of `kenesh tally` (stdout thrown away): the progress lines, in order. */
const onTerminal = (env: string, ...args: Array<string>): Array<string> => {
  const command = `${env} ${quote(process.execPath)} ${quote(bin)} tally --election ${quote(path.join(dir, "election.json"))} ${quote(path.join(dir, "protocols.csv"))} --format json ${args.join(" ")} > /dev/null`
  const r = spawnSync("script", ["-qec", command, "/dev/null"], { encoding: "utf8", cwd: root })
  expect(r.status, r.stderr).toBe(0)
  return r.stdout.split("\r\x1b[K").filter((l) => l !== "")
}

const line = /^reading the protocols: ([0-9 ]+) rows, ([0-9]+)%$/

/** Checks the lines: some before the end, then every row and 100% last, each count no smaller than the one before. */
const expectProgress = (lines: ReadonlyArray<string>) => {
  const figures = lines.map((l) => {
    const m = line.exec(l)
    expect(m, JSON.stringify(l)).not.toBeNull()
    return { rows: Number(m![1].replace(/ /g, "")), percent: Number(m![2]) }
  })
  expect(figures.length).toBeGreaterThanOrEqual(2)
  expect(figures[0].rows).toBeLessThan(precincts)
  expect(figures[0].percent).toBeLessThan(100)
  expect(figures[figures.length - 1]).toEqual({ rows: precincts, percent: 100 })
  for (let i = 1; i < figures.length; i++) expect(figures[i].rows).toBeGreaterThanOrEqual(figures[i - 1].rows)
}

describe("kenesh tally shows its progress on a terminal", () => {
  it("the one-pass read", () => expectProgress(onTerminal("KENESH_WORKERS=1")))
  it("the csv-parse reader", () => expectProgress(onTerminal("KENESH_WORKERS=1", "--reader", "csv-parse")))
  it("the worker threads, every thread adding to the one line", () => expectProgress(onTerminal("KENESH_WORKERS=2 KENESH_PARALLEL_MIN_BYTES=0")))
  it("nothing when stderr is not a terminal", () => {
    const r = spawnSync(process.execPath, [bin, "tally", "--election", path.join(dir, "election.json"), path.join(dir, "protocols.csv"), "--format", "json"], { encoding: "utf8", env: { ...process.env, KENESH_PARALLEL_MIN_BYTES: "0" } })
    expect(r.status).toBe(0)
    expect(r.stderr).toBe("")
  })
})
