/**
 * The launcher and the program's code cache (src/bin): the build's cache is used, and a cache that is missing,
 * damaged, cut short or made for another build of the bundle is never used: the command then compiles its bundle
 * and prints the same bytes with the same exit code.
 */
import { spawnSync } from "node:child_process"
import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { compileProgram, programFiles } from "../../src/bin/code-cache.js"
import { bin, root, useBuiltCommand } from "../built-command.js"

useBuiltCommand()

const built = path.dirname(bin)
const kb = "fixtures/kara-balta-2020"
const runs = [["--help"], ["tally", "--help"], ["tally", "--fromat", "json"], ["tally", "--election", `${kb}/election.json`, `${kb}/protocols.csv`, "--format", "json"]]

/** Runs a launcher from the repository's folder. */
const run = (launcher: string, args: ReadonlyArray<string>) => {
  const r = spawnSync(process.execPath, [launcher, ...args], { cwd: root, encoding: "utf8", env: { ...process.env, KENESH_WORKERS: "1" } })
  return { code: r.status, stdout: r.stdout, stderr: r.stderr }
}

const temp = fs.mkdtempSync(path.join(os.tmpdir(), "kenesh-code-cache-"))
afterAll(() => fs.rmSync(temp, { recursive: true, force: true }))

/** A copy of the built launcher and program in a folder of its own, its cache as `cache` makes it (null: none). */
const copy = (name: string, cache: (bytes: Buffer) => Buffer | null, bundle: (text: string) => string = (t) => t): string => {
  const dir = path.join(temp, name, "dist/src/bin")
  fs.mkdirSync(dir, { recursive: true })
  for (const f of ["kenesh.js", "package.json"]) fs.copyFileSync(path.join(built, f), path.join(dir, f))
  fs.writeFileSync(path.join(dir, "program.js"), bundle(fs.readFileSync(path.join(built, "program.js"), "utf8")))
  const made = cache(fs.readFileSync(path.join(built, "program.js.cache")))
  if (made !== null) fs.writeFileSync(path.join(dir, "program.js.cache"), made)
  return dir
}

/** The cache's bytes with some of V8's data turned over, its header kept. */
const damaged = (bytes: Buffer): Buffer => {
  const out = Buffer.from(bytes)
  for (let at = bytes.indexOf(10) + 1000; at < out.length; at += 997) out[at] ^= 0xff
  return out
}

describe("the program's code cache", () => {
  let expected: Array<ReturnType<typeof run>>
  beforeAll(() => {
    expected = runs.map((args) => run(bin, args))
  })

  it("is the one the build made for this bundle, and V8 takes it", () => {
    expect(compileProgram(programFiles(built), true).cache).toBe("used")
    expect(compileProgram(programFiles(built), false).cache).toBe("none")
  })

  for (const [name, cache] of [
    ["missing", () => null],
    ["damaged", damaged],
    ["cut short", (b: Buffer) => b.subarray(0, b.length >> 1)],
    ["only its header", (b: Buffer) => b.subarray(0, b.indexOf(10) + 1)],
    ["empty", () => Buffer.alloc(0)]
  ] as const) {
    // In a child process only: a V8 given damaged data may abort the process.
    it(`${name}: not used, and every command prints the same as with it`, () => {
      const dir = copy(name, cache)
      runs.forEach((args, i) => expect(run(path.join(dir, "kenesh.js"), args), args.join(" ")).toEqual(expected[i]))
    })
  }

  it("made for another build of the bundle (of the same length): not used, so the new bundle is what runs", () => {
    // V8 would take this cache: it checks only the length of the source, and would run the old build's code.
    const dir = copy("stale", (b) => b, (text) => text.replace("vote tabulation for Kyrgyz", "VOTE TABULATION FOR Kyrgyz"))
    expect(fs.statSync(path.join(dir, "program.js")).size).toBe(fs.statSync(path.join(built, "program.js")).size)
    expect(compileProgram(programFiles(dir), true).cache).toBe("none")
    const help = run(path.join(dir, "kenesh.js"), ["--help"])
    expect(help.stdout).toBe(expected[0].stdout.replace("vote tabulation for Kyrgyz", "VOTE TABULATION FOR Kyrgyz"))
  })
})
