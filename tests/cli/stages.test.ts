/** `KENESH_STAGES=1`: the stage breakdown of one run, on stderr; its format, not its timings. */
import { spawnSync } from "node:child_process"
import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import { beforeAll, describe, expect, it } from "vitest"
import { stageLine } from "../../src/cli/stages.js"

const root = path.resolve(import.meta.dirname, "../..")
const bin = path.join(root, "dist/src/bin/kenesh.js")

beforeAll(() => {
  const build = spawnSync(process.execPath, ["scripts/build.mjs"], { cwd: root, encoding: "utf8" })
  if (build.status !== 0) throw new Error(build.stderr)
}, 60_000)

const kb = "fixtures/kara-balta-2020"
const args = ["tally", "--election", `${kb}/election.json`, `${kb}/protocols.csv`, "--format", "json"]

/** Runs `kenesh tally` on Kara-Balta with extra environment variables (and extra arguments). */
const run = (env: Record<string, string>, extra: ReadonlyArray<string> = []) => {
  const r = spawnSync(process.execPath, [bin, ...args, ...extra], { cwd: root, encoding: "utf8", env: { ...process.env, ...env } })
  return { code: r.status, stdout: r.stdout, stderr: r.stderr }
}

/** The stage lines of stderr: every line must be one. */
const parse = (stderr: string) => {
  const lines = stderr.trimEnd().split("\n")
  const parsed = lines.map((l) => {
    const m = stageLine.exec(l)
    expect(m, l).not.toBeNull()
    return { name: m![1] ?? "total", beside: m![2] !== undefined, total: m![3] !== undefined, ms: Number(m![4]) }
  })
  return parsed
}

describe("KENESH_STAGES=1 prints where one run's time went", () => {
  it("one line per stage after the output, in order, adding up to the total; the output is unchanged", () => {
    const plain = run({ KENESH_WORKERS: "1" })
    expect(plain.stderr).toBe("")
    const staged = run({ KENESH_WORKERS: "1", KENESH_STAGES: "1" })
    expect(staged.code).toBe(plain.code)
    expect(staged.stdout).toBe(plain.stdout)
    const stages = parse(staged.stderr)
    expect(stages.map((s) => s.name)).toEqual([
      "start-up to the command",
      "election.json decoded, threads started",
      "registry read, election checked with it",
      "protocols read and tallied",
      "SHA-256 of the protocols",
      "registry checks and findings",
      "SHA-256 of election.json",
      "allocation and result",
      "result JSON",
      "output",
      "total"
    ])
    const laps = stages.filter((s) => !s.total)
    const sum = laps.reduce((a, s) => a + s.ms, 0)
    // Each figure is rounded to a tenth of a millisecond.
    expect(Math.abs(sum - stages[stages.length - 1].ms)).toBeLessThanOrEqual(0.05 * laps.length + 1e-9)
  })

  it("on the parallel path, each worker's read is shown beside the main thread's stages, outside the sum", () => {
    // Kara-Balta's protocols six times over (duplicates, found alike on both paths). Whether the main thread takes
    // a part of the last range depends on timing (of so small a file, half: its worker is still starting); the output
    // never does (tests/tally/range-limit.test.ts cuts at every moment).
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "kenesh-stages-"))
    const [header, ...rows] = fs.readFileSync(`${kb}/protocols.csv`, "utf8").trimEnd().split("\n")
    const file = path.join(dir, "protocols.csv")
    fs.writeFileSync(file, [header, ...Array.from({ length: 6 }, () => rows).flat()].join("\n") + "\n")
    const over = ["tally", "--election", `${kb}/election.json`, file, "--format", "json"]
    const runOver = (env: Record<string, string>) => spawnSync(process.execPath, [bin, ...over], { cwd: root, encoding: "utf8", env: { ...process.env, ...env } })
    const staged = runOver({ KENESH_WORKERS: "3", KENESH_PARALLEL_MIN_BYTES: "0", KENESH_STAGES: "1" })
    expect(staged.status).toBe(1)
    expect(staged.stdout).toBe(runOver({ KENESH_WORKERS: "1" }).stdout)
    const stages = parse(staged.stderr)
    const names = stages.filter((s) => !s.beside).map((s) => s.name)
    expect(names).toContain("waiting for the threads' parts")
    expect(names).toContain("absorbing the parts")
    expect(names).not.toContain("protocols read and tallied")
    const threads = stages.filter((s) => s.beside && /^thread [12]: protocols read and tallied, file 1$/.test(s.name))
    expect(threads).toHaveLength(2)
    const laps = stages.filter((s) => !s.beside && !s.total)
    const total = stages.find((s) => s.total)!
    expect(Math.abs(laps.reduce((a, s) => a + s.ms, 0) - total.ms)).toBeLessThanOrEqual(0.05 * laps.length + 1e-9)
    // Beside lines come after the main thread's stages, the total last.
    expect(stages.findIndex((s) => s.beside)).toBeGreaterThan(stages.findIndex((s) => s.name === "output"))
    expect(stages[stages.length - 1].total).toBe(true)
  })

  it("with --out, writing the files is a stage of its own, after the result JSON", () => {
    const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "kenesh-stages-")), "out")
    const names = parse(run({ KENESH_WORKERS: "1", KENESH_STAGES: "1" }, ["--out", out]).stderr).map((s) => s.name)
    expect(names.slice(names.indexOf("result JSON"))).toEqual(["result JSON", "--out files written", "output", "total"])
    expect(fs.readdirSync(out)).toContain("report.html")
  })

  it("nothing for another value", () => {
    expect(run({ KENESH_STAGES: "0" }).stderr).toBe("")
    expect(run({ KENESH_STAGES: "yes" }).stderr).toBe("")
  })
})
