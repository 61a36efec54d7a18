/**
 * CSV inputs as a user hands them to the built command: a results.csv with a blank CR LF line is accepted by
 * `allocate`, a sum of votes past 2^53 - 1 is unusable input at its `file:line:column` (exit 2), and a
 * protocols file with quoted header cells tallies like the same file unquoted, with a registry, under either
 * reader.
 */
import { spawnSync } from "node:child_process"
import * as fs from "node:fs"
import * as path from "node:path"
import { describe, expect, it } from "vitest"
import { tempDir } from "../ballot/readers.js"
import { bin, root, useBuiltCommand } from "../built-command.js"

useBuiltCommand()

/** Runs `kenesh ARGS` (stdout is a pipe, so the format is json). */
const kenesh = (...args: Array<string>) => {
  const r = spawnSync(process.execPath, [bin, ...args], { cwd: root, encoding: "utf8" })
  return { code: r.status, stdout: r.stdout, stderr: r.stderr }
}

/** Writes `text` as `name` in a fresh folder and returns its path. */
const write = (name: string, text: string): string => {
  const file = path.join(tempDir(), name)
  fs.writeFileSync(file, text)
  return file
}

describe("kenesh allocate reads results.csv with the CSV core", () => {
  it("a blank CR LF line is skipped, also in a file of LF lines", () => {
    for (const text of ["party,votes\na,600\n\r\nb,400\n", "party,votes\r\na,600\r\n\r\nb,400\r\n", "party,votes\r\na,600\n\nb,400\r\n"]) {
      const file = write("results.csv", text)
      const r = kenesh("allocate", file, "--seats", "5")
      expect(r.stderr, JSON.stringify(text)).toBe("")
      expect(r.code).toBe(0)
      expect(JSON.parse(r.stdout).parties.map((p: { party: string; seats: number }) => [p.party, p.seats])).toEqual([["a", 3], ["b", 2]])
    }
  })

  it("votes adding up past 2^53 - 1 are unusable input at the row that passes it: exit 2, no stack trace", () => {
    const file = write("results.csv", "party,votes\na,9007199254740000\nb,991\nc,1\n")
    const r = kenesh("allocate", file, "--seats", "5")
    expect(r.code).toBe(2)
    expect(r.stdout).toBe("")
    expect(r.stderr).toContain(`${file}:4:3: votes: with this row the votes add up to more than 9007199254740991, too many to count exactly`)
    expect(r.stderr).not.toMatch(/\bat .*\.js:\d+/)
  })
})

describe("kenesh tally reads quoted header cells", () => {
  it("a protocols file with every header cell quoted, and a registry CSV, gives the result of the unquoted file", () => {
    const dir = tempDir()
    const fixture = path.join(root, "fixtures/kara-balta-2020")
    const election = JSON.parse(fs.readFileSync(path.join(fixture, "election.json"), "utf8"))
    const registry = ["id,territory,voters", ...election.precincts.map((p: { id: string; territory: string; voters: number }) => `${p.id},${p.territory},${p.voters}`)]
    fs.writeFileSync(path.join(dir, "precincts.csv"), registry.join("\n") + "\n")
    fs.writeFileSync(path.join(dir, "election.json"), JSON.stringify({ ...election, precincts: "precincts.csv" }))
    const [header, ...rest] = fs.readFileSync(path.join(fixture, "protocols.csv"), "utf8").split("\n")
    fs.writeFileSync(path.join(dir, "plain.csv"), [header, ...rest].join("\n"))
    fs.writeFileSync(path.join(dir, "quoted.csv"), [header.split(",").map((h) => `"${h}"`).join(","), ...rest].join("\n"))
    const e = path.join(dir, "election.json")
    const plain = kenesh("tally", "--election", e, path.join(dir, "plain.csv"))
    expect(plain.stderr).toBe("")
    for (const reader of ["fast", "csv-parse"]) {
      const quoted = kenesh("tally", "--election", e, "--reader", reader, path.join(dir, "quoted.csv"))
      expect(quoted.stderr, reader).toBe("")
      expect(quoted.code, reader).toBe(plain.code)
      const { inputs: _a, ...quotedResult } = JSON.parse(quoted.stdout)
      const { inputs: _b, ...plainResult } = JSON.parse(plain.stdout)
      expect(quotedResult, reader).toEqual(plainResult)
    }
  })
})
