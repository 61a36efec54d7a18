/**
 * `kenesh allocate` as a user runs it (SPEC §2, §3, §3.1, §5): the built command is spawned on results files
 * written for each case; exit codes, stdout and the messages on stderr are the contract.
 */
import { execFile } from "node:child_process"
import * as fs from "node:fs"
import * as path from "node:path"
import { describe, expect, it } from "vitest"
import { methods } from "../../src/allocation/types.js"
import { tempDir } from "../ballot/readers.js"
import { bin, root, useBuiltCommand } from "../built-command.js"

useBuiltCommand()

/** A finished run: exit code, stdout and stderr. */
interface Run {
  readonly code: number | null
  readonly stdout: string
  readonly stderr: string
}

/** Runs `kenesh allocate ARGS` in the background (stdout is a pipe, so the default format is json). */
const allocate = (...args: Array<string>) =>
  new Promise<Run>((resolve) => {
    execFile(process.execPath, [bin, "allocate", ...args], { cwd: root, encoding: "utf8", maxBuffer: 1 << 28 }, (error, stdout, stderr) =>
      resolve({ code: error === null ? 0 : typeof error.code === "number" ? error.code : null, stdout, stderr })
    )
  })

/** A results file with these rows, in a fresh folder. */
const results = (text: string): string => {
  const file = path.join(tempDir(), "results.csv")
  fs.writeFileSync(file, text)
  return file
}

const kb = () =>
  results("party,votes\nsdpk,4854\nel-aman,3074\nmekenim,2910\neldik,2305\nrespublika,531\nonuguu,376\nsodruzhestvo,304\ndobro,73\n")
const kbFlags = ["--seats", "31", "--edition", "2011", "--participants", "14722", "--against-all", "152", "--invalid", "143"]

/** Every usable-argument refusal: exit 2, nothing on stdout, one message naming the flag. */
const refused = (run: Run, flag: string) => {
  expect(run.code).toBe(2)
  expect(run.stdout).toBe("")
  expect(run.stderr).toContain(flag)
  expect(run.stderr).not.toMatch(/at .*\.js:\d+|internal error/)
}

describe("kenesh allocate: the statutory rules", () => {
  it("Kara-Balta 2020 by the 2011 rules: SDPK 12, El Aman 7, Mekenim 7, Eldik 5, exit 0, with every list's margins", async () => {
    const run = await allocate(kb(), ...kbFlags, "--format", "json")
    expect(run.code).toBe(0)
    const result = JSON.parse(run.stdout)
    expect(result.parties.map((p: { seats: number }) => p.seats)).toEqual([12, 7, 7, 5, 0, 0, 0, 0])
    expect(result.margins).toHaveLength(8)
    expect(result.margins[4]).toEqual({ party: "respublika", gain: 538, lose: null })
    expect(Object.keys(result)).toEqual(["status", "reason", "method", "seats", "base", "threshold", "parties", "tie", "lots", "steps", "margins"])
  })

  it("the margins re-run: Respublika with 538 votes more (and 538 more voters) has 2 seats, with 537 none", async () => {
    const more = (extra: number) =>
      results(`party,votes\nsdpk,4854\nel-aman,3074\nmekenim,2910\neldik,2305\nrespublika,${531 + extra}\nonuguu,376\nsodruzhestvo,304\ndobro,73\n`)
    const seats = async (extra: number) =>
      JSON.parse((await allocate(more(extra), "--seats", "31", "--edition", "2011", "--participants", String(14722 + extra), "--against-all", "152", "--invalid", "143")).stdout).parties[4].seats
    expect([await seats(537), await seats(538)]).toEqual([0, 2])
  })

  it("the table shows the seats with the votes to gain and to lose one, then the derivation", async () => {
    const run = await allocate(kb(), ...kbFlags, "--format", "table")
    expect(run.code).toBe(0)
    expect(run.stdout).toMatch(/party\s+votes\s+admitted\s+seats\s+votes to gain a seat\s+votes to lose one/)
    expect(run.stdout).toMatch(/respublika\s+531\s+no\s+0\s+538\s+-/)
    expect(run.stdout).toContain("STATUS: ALLOCATED")
  })

  it("zero votes in edition 2024: no list is admitted with 0 of 0, and the election failed (exit 1)", async () => {
    const run = await allocate(results("party,votes\na,0\nb,0\n"), "--seats", "5", "--format", "json")
    expect(run.code).toBe(1)
    const result = JSON.parse(run.stdout)
    expect(result).toMatchObject({ status: "failed", reason: "no-list-admitted" })
    expect(result.parties.map((p: { admitted: boolean }) => p.admitted)).toEqual([false, false])
    expect(result.steps.filter((s: { kind: string }) => s.kind === "admission").map((s: { text: string }) => s.text)).toEqual([
      "a: 0 votes = 0.00% < 5%: not admitted",
      "b: 0 votes = 0.00% < 5%: not admitted"
    ])
  })
})

describe("kenesh allocate: unusable arguments (exit 2, the flag named)", () => {
  it("--participants below the rows plus --against-all and --invalid", async () => {
    refused(await allocate(results("party,votes\na,100\nb,50\n"), "--seats", "5", "--participants", "149"), "--participants")
    refused(await allocate(results("party,votes\na,100\nb,50\n"), "--seats", "5", "--participants", "150", "--invalid", "1"), "--participants")
    expect((await allocate(results("party,votes\na,100\nb,50\n"), "--seats", "5", "--participants", "150")).code).toBe(0)
  })

  it("--lot naming a list not in the tie, more winners than tied seats, an empty --lot, or no tie at all", async () => {
    // D'Hondt, 3 seats: a 10 and b 10 take one each; a 5, b 5 and c 5 tie for the third.
    const tie = results("party,votes\na,10\nb,10\nc,5\nd,1\n")
    const args = [tie, "--seats", "3", "--method", "dhondt"]
    expect(JSON.parse((await allocate(...args)).stdout).tie).toEqual({ among: ["a", "b", "c"], seats: 1 })
    refused(await allocate(...args, "--lot", "d"), "--lot")
    refused(await allocate(...args, "--lot", "a,b"), "--lot")
    refused(await allocate(...args, "--lot", ""), "--lot")
    refused(await allocate(...args, "--lot", "x"), "--lot")
    refused(await allocate(tie, "--seats", "4", "--method", "dhondt", "--lot", "a"), "--lot")
    const settled = await allocate(...args, "--lot", "c")
    expect(settled.code).toBe(0)
    expect(JSON.parse(settled.stdout)).toMatchObject({ status: "allocated", lots: [{ among: ["a", "b", "c"], winners: ["c"] }] })
  })

  it("--seats outside 1 to 1000, the seats a council can have", async () => {
    const r = results("party,votes\na,100\nb,50\nc,30\n")
    for (const seats of ["0", "1001", "1000000", "100000000", "99999999999999999999", "5.5", "-3", "1e3"]) refused(await allocate(r, "--seats", seats), "--seats")
  })

  it("--threshold that is not a decimal percent from 0 to 100", async () => {
    const r = results("party,votes\na,100\nb,50\nc,30\n")
    for (const threshold of ["1e400", "NaN", "-5", "100.0000001", "7,5", "Infinity"]) refused(await allocate(r, "--seats", "5", "--threshold", threshold), "--threshold")
    expect((await allocate(r, "--seats", "5", "--threshold", "100")).code).toBe(1)
  })
})

describe("kenesh allocate: every method terminates at the bound, and Droop on few votes follows the votes", () => {
  it("Droop, 1,000 seats for 180 votes: 556, 278 and 166 seats (not 373, 323, 303 and a lot)", async () => {
    const run = await allocate(results("party,votes\na,100\nb,50\nc,30\n"), "--seats", "1000", "--method", "droop")
    expect(run.code).toBe(0)
    expect(JSON.parse(run.stdout).parties.map((p: { seats: number }) => p.seats)).toEqual([556, 278, 166])
  })

  it("every method allocates 1,000 seats among 20 lists, with their margins", async () => {
    const rows = Array.from({ length: 20 }, (_, i) => `l${i},${1000 + i * 37}`).join("\n")
    const run = await allocate(results(`party,votes\n${rows}\n`), "--seats", "1000", "--compare", "all")
    expect(run.code).toBe(0)
    const comparison = JSON.parse(run.stdout)
    for (const m of comparison.methods) expect(Object.values(m.seats as Record<string, number>).reduce((a, b) => a + b, 0)).toBe(1000)
  }, 120_000)
})

describe("kenesh allocate --compare (SPEC §3.1)", () => {
  const r = () => results("party,votes\na,41200\nb,30500\nc,20100\nd,9000\ne,2700\n")

  it("JSON: seats, lists with shares, and per method its status, seats, indices and the allocation of a single run", async () => {
    const file = r()
    const run = await allocate(file, "--seats", "45", "--threshold", "5", "--compare", "all")
    expect(run.code).toBe(0)
    const comparison = JSON.parse(run.stdout)
    expect(Object.keys(comparison)).toEqual(["seats", "lists", "methods"])
    expect(comparison.lists[0]).toEqual({ party: "a", votes: 41200, share: "0.3981" })
    expect(comparison.methods.map((m: { method: string }) => m.method)).toEqual(methods)
    for (const m of comparison.methods) {
      expect(Object.keys(m)).toEqual(["method", "status", "seats", "gallagher", "loosemoreHanby", "allocation"])
      expect(m.gallagher).toMatch(/^\d+\.\d\d$/)
      expect(m.loosemoreHanby).toMatch(/^\d+\.\d\d$/)
      const single = JSON.parse((await allocate(file, "--seats", "45", "--threshold", "5", "--method", m.method)).stdout)
      expect(m.allocation).toEqual(single)
    }
  }, 120_000)

  it("table: one column per method, one row per list, then status and the indices; csv the same rows", async () => {
    const which = "hare,dhondt,imperiali,adams"
    const table = await allocate(r(), "--seats", "45", "--compare", which, "--format", "table")
    expect(table.code).toBe(0)
    expect(table.stdout).toMatch(/party\s+votes\s+share\s+hare\s+dhondt\s+imperiali\s+adams\n/)
    expect(table.stdout).toMatch(/\na\s+41 200\s+0\.3981\s+18\s+18\s+19\s+17\n/)
    expect(table.stdout).toMatch(/\nGallagher index\s+0\.67\s+0\.67\s+3\.15\s+2\.02\n/)
    const csv = await allocate(r(), "--seats", "45", "--compare", which, "--format", "csv")
    expect(csv.stdout).toBe(
      [
        "party,votes,share,hare,dhondt,imperiali,adams",
        "a,41200,0.3981,18,18,19,17",
        "b,30500,0.2947,13,13,14,13",
        "c,20100,0.1942,9,9,9,9",
        "d,9000,0.0870,4,4,3,4",
        "e,2700,0.0261,1,1,0,2",
        "[status],,,allocated,allocated,allocated,allocated",
        "[gallagher],,,0.67,0.67,3.15,2.02",
        "[loosemoreHanby],,,0.97,0.97,4.64,2.61",
        ""
      ].join("\n")
    )
  })

  it("refuses an unknown method, a method twice, and --compare with --method", async () => {
    refused(await allocate(r(), "--seats", "45", "--compare", "hare,borda"), "--compare")
    refused(await allocate(r(), "--seats", "45", "--compare", "hare,hare"), "--compare")
    refused(await allocate(r(), "--seats", "45", "--compare", "all", "--method", "dhondt"), "--compare")
  })
})
