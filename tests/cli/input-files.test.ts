/**
 * Input files as a user hands them to `kenesh tally` (issues 10, 13): ids that are names of object properties,
 * files a spreadsheet saved, and paths that are no regular file. Each is counted correctly or refused with one
 * clear `file:line:column:` message and exit 2, by either reader.
 */
import { execFileSync, spawnSync } from "node:child_process"
import * as fs from "node:fs"
import * as path from "node:path"
import { describe, expect, it } from "vitest"
import { tempDir } from "../ballot/readers.js"

const root = path.resolve(import.meta.dirname, "../..")
const bin = path.join(root, "dist/src/bin/kenesh.js")
const kb = path.join(root, "fixtures/kara-balta-2020")

const kenesh = (cwd: string, ...args: Array<string>) => {
  const r = spawnSync(process.execPath, [bin, ...args], { cwd, encoding: "utf8" })
  return { code: r.status, stdout: r.stdout, stderr: r.stderr }
}

const lines = "voters,received,issued_premises,issued_outside,cancelled,spoiled,found_stationary,found_mobile,invalid,valid,against_all"

describe("ids are data: __proto__, constructor, toString, hasOwnProperty (issue 13)", () => {
  it("count in the totals, the territories, summary.csv and the seats like any id", () => {
    const dir = tempDir()
    const ids = ["__proto__", "constructor", "toString", "hasOwnProperty"]
    fs.writeFileSync(
      path.join(dir, "e.json"),
      JSON.stringify({
        id: "x", name: "X", system: "proportional", seats: 5,
        parties: ids.map((id) => ({ id, name: id })),
        territories: [{ id: "__proto__", name: "T1" }, { id: "constructor", name: "T2" }],
        precincts: [{ id: "__proto__", territory: "__proto__", voters: 100 }, { id: "toString", territory: "constructor", voters: 100 }]
      })
    )
    fs.writeFileSync(
      path.join(dir, "p.csv"),
      `precinct,territory,${lines},${ids.join(",")}\n__proto__,__proto__,100,100,60,0,40,0,60,0,0,60,0,30,20,5,5\ntoString,constructor,100,100,60,0,40,0,60,0,0,60,0,10,20,25,5\n`
    )
    for (const reader of ["fast", "csv-parse"]) {
      const r = kenesh(dir, "tally", "--election", "e.json", "p.csv", "--out", `o-${reader}`, "--reader", reader)
      expect(r.code).toBe(0)
      const result = JSON.parse(r.stdout)
      // (An object literal would take `__proto__` for its prototype: the expected value is built as data too.)
      expect(result.totals.votes).toEqual(Object.fromEntries([["__proto__", 40], ["constructor", 40], ["toString", 30], ["hasOwnProperty", 10]]))
      expect(Object.keys(result.totals.votes)).toEqual(ids)
      expect(result.territories.map((t: { territory: string; totals: { votes: object } }) => [t.territory, Object.keys(t.totals.votes).length])).toEqual([["__proto__", 4], ["constructor", 4]])
      expect(result.allocation.parties.map((p: { party: string; votes: number; seats: number }) => [p.party, p.votes, p.seats])).toEqual([
        ["__proto__", 40, 2], ["constructor", 40, 2], ["toString", 30, 1], ["hasOwnProperty", 10, 0]
      ])
      const summary = fs.readFileSync(path.join(dir, `o-${reader}`, "summary.csv"), "utf8").split("\n")
      expect(summary[0].endsWith(",participants,__proto__,constructor,toString,hasOwnProperty")).toBe(true)
      expect(summary[3]).toBe("total,,2,200,200,120,0,80,0,120,0,0,120,0,120,40,40,30,10")
    }
  })
})

describe("files saved by a spreadsheet: one message that says what to do (issue 10)", () => {
  it("semicolons, Windows-1251, rows of only commas: exit 2, one problem, the same by both readers", () => {
    const dir = tempDir()
    const good = fs.readFileSync(path.join(kb, "protocols.csv"), "utf8")
    fs.writeFileSync(path.join(dir, "semi.csv"), good.replaceAll(",", ";"))
    fs.writeFileSync(path.join(dir, "cp1251.csv"), Buffer.concat([Buffer.from(good), Buffer.from([0xc1, 0xe8, 0x0a])]))
    fs.writeFileSync(path.join(dir, "commas.csv"), good + ",,,,,,,,,,,,,,,,,,,,,,,\n".repeat(3))
    const n = good.trimEnd().split("\n").length
    for (const reader of ["fast", "csv-parse"]) {
      const run = (file: string) => kenesh(dir, "tally", "--election", path.join(kb, "election.json"), file, "--reader", reader, "--out", "o")
      const semi = run("semi.csv")
      expect([semi.code, semi.stderr.split("\n").length]).toEqual([2, 3])
      expect(semi.stderr).toMatch(/^semi\.csv:1:1: the file is separated by semicolons/)
      expect(run("cp1251.csv").stderr).toMatch(new RegExp(`^cp1251\\.csv:${n + 1}:1: the file is not UTF-8 text \\(byte 0xC1 here\\)`))
      expect(run("commas.csv").stderr.split("\n")[0]).toBe(
        `commas.csv:${n + 1}:1: this line and 2 others hold only commas: a spreadsheet writes them for empty rows; delete those rows and save the file again`
      )
      expect(fs.existsSync(path.join(dir, "o"))).toBe(false)
    }
  })
})

describe("paths that are no regular file (issue 13)", () => {
  it("a folder, a device, a named pipe, /proc as the protocols file: exit 2 at once, named", () => {
    const dir = tempDir()
    execFileSync("mkfifo", [path.join(dir, "fifo")])
    for (const [file, why] of [
      ["fixtures", "it is a folder, not a file; name a file inside it"],
      ["/dev/zero", "it is a device, not a regular file"],
      ["fifo", "it is a named pipe, not a regular file; save the data to a file first"],
      ["/proc/self/status", "it is a file of the operating system (/proc), not an input file"]
    ]) {
      const r = kenesh(file === "fixtures" ? root : dir, "tally", "--election", path.join(kb, "election.json"), file)
      expect([r.code, r.stderr.split("\n")[0]]).toEqual([2, `${file}:1:1: cannot read the protocols file: ${why}`])
    }
  })
})
