/**
 * `tally --out DIR` under faults (issue 13, SPEC §2): a run killed at any moment leaves DIR with the old complete
 * set of files or the new one, never a mix and never a temporary file inside; runs into the same DIR at once end
 * with one complete set; an output name taken by a folder, or a DIR inside /proc, is refused before anything changes.
 */
import * as Cause from "effect/Cause"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import { spawn, spawnSync } from "node:child_process"
import { createHash } from "node:crypto"
import * as fs from "node:fs"
import * as path from "node:path"
import { beforeAll, describe, expect, it } from "vitest"
import { writeOutputDir } from "../../src/cli/output-dir.js"
import { inPieces } from "../../src/report/pieces.js"
import { joined } from "../report/inputs.js"
import { Random } from "../fuzz/random.js"
import { tempDir } from "../ballot/readers.js"

const root = path.resolve(import.meta.dirname, "../..")
const bin = path.join(root, "dist/src/bin/kenesh.js")
const set = ["result.json", "summary.csv", "seats.csv", "findings.csv", "report.html"]

let work: string
/** Two elections whose results differ, so that every file tells which run wrote it. */
const elections: Record<"a" | "b", string> = { a: "", b: "" }
/** The bytes of each file of each complete set, by hash. */
const sets: Record<"a" | "b", Map<string, string>> = { a: new Map(), b: new Map() }

const hash = (file: string) => createHash("sha256").update(fs.readFileSync(file)).digest("hex")
const tallyArgs = (which: "a" | "b", out: string) => ["tally", "--election", path.join(elections[which], "election.json"), path.join(elections[which], "protocols.csv"), "--out", out, "--format", "json"]

const runTally = (args: ReadonlyArray<string>) => spawnSync(process.execPath, [bin, ...args], { encoding: "utf8", maxBuffer: 1 << 28 })

/** Which complete set DIR holds ("a" or "b"), or a description of what is wrong with it. */
const holds = (dir: string): string => {
  const names = fs.readdirSync(dir).sort()
  if (names.join(",") !== [...set].sort().join(",")) return `files ${names.join(", ")}`
  for (const which of ["a", "b"] as const) if (set.every((f) => sets[which].get(f) === hash(path.join(dir, f)))) return which
  return `a mix: ${set.map((f) => `${f} ${sets.a.get(f) === hash(path.join(dir, f)) ? "a" : sets.b.get(f) === hash(path.join(dir, f)) ? "b" : "?"}`).join(", ")}`
}

/** Entries beside DIR that a run keeps while it works. */
const beside = (dir: string) => fs.readdirSync(path.dirname(dir)).filter((e) => e.startsWith(`.${path.basename(dir)}.kenesh-`))

beforeAll(() => {
  work = tempDir()
  for (const [which, seed] of [["a", "kill-a"], ["b", "kill-b"]] as const) {
    elections[which] = path.join(work, which)
    // Large enough that writing takes a while: 20,000 precincts, a tenth of them faulty (thousands of findings).
    const g = spawnSync(process.execPath, [bin, "generate", "--system", "proportional", "--precincts", "20000", "--seed", seed, "--fault-rate", "0.1", "--out", elections[which], "--format", "json"], { encoding: "utf8" })
    if (g.status !== 0) throw new Error(g.stderr)
    const out = path.join(work, `set-${which}`)
    const t = runTally(tallyArgs(which, out))
    if (t.status !== 1) throw new Error(t.stderr)
    for (const f of set) sets[which].set(f, hash(path.join(out, f)))
  }
}, 300_000)

describe("tally --out, killed at random moments", () => {
  it("leaves the old complete set or the new one, and the next run clears what the killed one left", async () => {
    const r = new Random("sigkill")
    const dir = path.join(work, "killed")
    expect(runTally(tallyArgs("a", dir)).status).toBe(1)
    const started = Date.now()
    runTally(tallyArgs("b", dir))
    const full = Date.now() - started
    const seen = new Set<string>()
    for (let k = 0; k < 12; k++) {
      const before = holds(dir)
      const next = before === "a" ? "b" : "a"
      const child = spawn(process.execPath, [bin, ...tallyArgs(next, dir)], { stdio: "ignore" })
      // Anywhere in the run, most often near its end, where the files are written.
      const delay = Math.floor(full * (k % 3 === 0 ? r.next() : 0.6 + 0.5 * r.next()))
      const timer = setTimeout(() => child.kill("SIGKILL"), delay)
      const code = await new Promise<number | null>((resolve) => child.on("exit", (c) => resolve(c)))
      clearTimeout(timer)
      if (fs.existsSync(dir)) {
        const now = holds(dir)
        expect([before, next], `after a kill at ${delay} ms (exit ${code})`).toContain(now)
        seen.add(now === before ? "old" : "new")
      } else {
        // Killed between the two renames of the swap: the old set waits beside, whole.
        expect(holds(path.join(path.dirname(dir), `.${path.basename(dir)}.kenesh-old`))).toBe(before)
        seen.add("between")
      }
      for (const e of beside(dir)) expect(e, "only a killed run's own folder, lock or old set").toMatch(/^\.killed\.kenesh-(new-\d+|lock(\.\d+)?|old)$/)
    }
    expect(runTally(tallyArgs("a", dir)).status).toBe(1)
    expect(holds(dir)).toBe("a")
    expect(beside(dir)).toEqual([])
    expect(seen.size, `outcomes seen: ${[...seen].join(", ")}`).toBeGreaterThan(0)
  }, 300_000)
})

describe("tally --out: runs at once, names taken, folders refused", () => {
  it("three runs into the same folder at once end with one complete set and nothing beside", async () => {
    const dir = path.join(work, "together")
    const runs = (["a", "b", "a"] as const).map(
      (which) =>
        new Promise<number | null>((resolve) => {
          const child = spawn(process.execPath, [bin, ...tallyArgs(which, dir)], { stdio: "ignore" })
          child.on("exit", (c) => resolve(c))
        })
    )
    expect(await Promise.all(runs)).toEqual([1, 1, 1])
    expect(["a", "b"]).toContain(holds(dir))
    expect(beside(dir)).toEqual([])
  }, 120_000)

  it("an output name taken by a folder: exit 2 before any file is replaced", () => {
    const dir = path.join(work, "taken")
    expect(runTally(tallyArgs("a", dir)).status).toBe(1)
    fs.rmSync(path.join(dir, "seats.csv"))
    fs.mkdirSync(path.join(dir, "seats.csv"))
    const t = runTally(tallyArgs("b", dir))
    expect(t.status).toBe(2)
    expect(t.stderr).toContain(`kenesh: --out ${dir}: ${dir}/seats.csv is a folder; move it away or choose another folder; nothing was written`)
    for (const f of ["result.json", "summary.csv", "findings.csv", "report.html"]) expect(hash(path.join(dir, f))).toBe(sets.a.get(f))
    expect(beside(dir)).toEqual([])
  }, 60_000)

  it("what else the folder holds stays: the user's files and folders", () => {
    const dir = path.join(work, "shared")
    fs.mkdirSync(path.join(dir, "notes"), { recursive: true })
    fs.writeFileSync(path.join(dir, "notes", "n.txt"), "n")
    fs.writeFileSync(path.join(dir, "readme.txt"), "r")
    expect(runTally(tallyArgs("b", dir)).status).toBe(1)
    expect(fs.readdirSync(dir).sort()).toEqual(["findings.csv", "notes", "readme.txt", "report.html", "result.json", "seats.csv", "summary.csv"])
    expect(fs.readFileSync(path.join(dir, "notes", "n.txt"), "utf8")).toBe("n")
    expect(fs.readFileSync(path.join(dir, "readme.txt"), "utf8")).toBe("r")
  }, 60_000)

  it("a folder inside /proc, or a file in the way: exit 2 at once, nothing created", () => {
    const proc = runTally(tallyArgs("a", "/proc/self/newdir"))
    expect(proc.status).toBe(2)
    expect(proc.stderr).toContain("kenesh: --out /proc/self/newdir: /proc belongs to the operating system; choose a folder of your own; nothing was written")
    const file = path.join(work, "a-file")
    fs.writeFileSync(file, "x")
    const t = runTally(tallyArgs("a", file))
    expect(t.status).toBe(2)
    expect(t.stderr).toContain(`kenesh: --out ${file}: it exists and is not a folder; nothing was written`)
  }, 60_000)

  it("what a killed run left (its new set, its lock, the old set between the renames) is put right by the next run", () => {
    const dir = path.join(work, "recovered")
    const old = path.join(work, ".recovered.kenesh-old")
    expect(runTally(tallyArgs("a", old)).status).toBe(1)
    fs.mkdirSync(path.join(work, ".recovered.kenesh-new-999999999"))
    fs.writeFileSync(path.join(work, ".recovered.kenesh-lock"), "999999999")
    fs.writeFileSync(path.join(work, ".recovered.kenesh-lock.999999999"), "999999999")
    expect(runTally(tallyArgs("b", dir)).status).toBe(1)
    expect(holds(dir)).toBe("b")
    expect(beside(dir)).toEqual([])
  }, 60_000)
})

describe("writeOutputDir with texts in pieces", () => {
  it("writes each piece in turn: the file is the pieces joined", async () => {
    const dir = path.join(tempDir(), "out")
    const pieces = inPieces(function* () {
      for (let i = 0; i < 3000; i++) yield `row ${i} ${"x".repeat(1000)}\n`
    })
    await Effect.runPromise(writeOutputDir(dir, [{ name: "a.txt", content: pieces }, { name: "b.txt", content: "b" }]))
    expect(fs.readFileSync(path.join(dir, "a.txt"), "utf8")).toBe(joined(pieces))
    expect(fs.readFileSync(path.join(dir, "b.txt"), "utf8")).toBe("b")
  })

  it("a text that fails while it is made is a defect (exit 3), not a folder that cannot be written (exit 2); nothing is left", async () => {
    const dir = path.join(tempDir(), "out")
    const failing = inPieces(function* () {
      yield "x".repeat(2 << 20)
      throw new RangeError("Invalid string length")
    })
    const exit = await Effect.runPromiseExit(writeOutputDir(dir, [{ name: "a.txt", content: "a" }, { name: "report.html", content: failing }]))
    expect(Exit.isFailure(exit) && Cause.isDie(exit.cause)).toBe(true)
    expect(Exit.isFailure(exit) && Cause.failureOption(exit.cause)._tag).toBe("None")
    expect(fs.existsSync(dir)).toBe(false)
    expect(beside(dir)).toEqual([])
  })
})
