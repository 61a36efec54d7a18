/**
 * `kenesh validate` and `kenesh tally` as a user runs them (SPEC §2-§5): the built command is spawned on the
 * bundled fixtures and on broken copies. Golden results: fixtures/<case>/expected.json, written only by
 * scripts/expected.mjs.
 */
import { execFile, spawnSync } from "node:child_process"
import * as fs from "node:fs"
import * as path from "node:path"
import { describe, expect, it } from "vitest"
import { tempDir } from "../ballot/readers.js"
import { bin, root, useBuiltCommand } from "../built-command.js"

useBuiltCommand()

/** Runs `kenesh ARGS` from the repository root (stdout is a pipe, so the default format is json). */
const kenesh = (...args: Array<string>) => keneshWith({}, ...args)

/** Runs `kenesh ARGS` with extra environment variables, in the background. */
const keneshAsync = (env: Record<string, string>, ...args: Array<string>) =>
  new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    execFile(process.execPath, [bin, ...args], { cwd: root, encoding: "utf8", env: { ...process.env, ...env }, maxBuffer: 1 << 28 }, (error, stdout, stderr) =>
      resolve({ code: error === null ? 0 : typeof error.code === "number" ? error.code : null, stdout, stderr })
    )
  })

/** Runs `kenesh ARGS` with extra environment variables. */
const keneshWith = (env: Record<string, string>, ...args: Array<string>) => {
  const r = spawnSync(process.execPath, [bin, ...args], { cwd: root, encoding: "utf8", env: { ...process.env, ...env } })
  return { code: r.status, stdout: r.stdout, stderr: r.stderr }
}

const kb = "fixtures/kara-balta-2020"
const kbArgs = ["--election", `${kb}/election.json`, `${kb}/protocols.csv`]
const faulty = "fixtures/kara-balta-faulty"
const faultyArgs = ["--election", `${faulty}/election.json`, `${faulty}/protocols.csv`]

/** A copy of Kara-Balta's protocols with `edit` applied to its lines, in a fresh folder. */
const brokenCopy = (edit: (lines: Array<string>) => Array<string>) => {
  const dir = tempDir()
  const lines = fs.readFileSync(path.join(root, kb, "protocols.csv"), "utf8").split("\n")
  const file = path.join(dir, "protocols.csv")
  fs.writeFileSync(file, edit(lines).join("\n"))
  return file
}

describe("kenesh tally on Kara-Balta 2020 (the published result)", () => {
  it("--format json: status final, exit 0, seats SDPK 12, El Aman 7, Mekenim 7, Eldik 5", () => {
    const { code, stdout, stderr } = kenesh("tally", ...kbArgs, "--format", "json")
    expect(stderr).toBe("")
    expect(code).toBe(0)
    const result = JSON.parse(stdout)
    expect(result.status).toBe("final")
    expect(result.election).toBe("kara-balta-2020")
    expect(result.allocation.parties.filter((p: { seats: number }) => p.seats > 0).map((p: { party: string; seats: number }) => [p.party, p.seats])).toEqual([
      ["sdpk", 12],
      ["el-aman", 7],
      ["mekenim-kyrgyzstan", 7],
      ["eldik", 5]
    ])
    expect(result.totals).toMatchObject({ participants: 14722, invalid: 143, against_all: 152, votes: { sdpk: 4854, "el-aman": 3074, "mekenim-kyrgyzstan": 2910, eldik: 2305 } })
    expect(result.inputs.map((i: { file: string }) => i.file)).toEqual([`${kb}/election.json`, `${kb}/protocols.csv`])
    expect(result.inputs.every((i: { sha256: string }) => /^[0-9a-f]{64}$/.test(i.sha256))).toBe(true)
    expect(result.findings).toEqual([])
  })

  it("json is the default when stdout is not a terminal; --reader csv-parse gives the same bytes", () => {
    const json = kenesh("tally", ...kbArgs, "--format", "json").stdout
    expect(kenesh("tally", ...kbArgs).stdout).toBe(json)
    expect(kenesh("tally", ...kbArgs, "--reader", "csv-parse", "--format", "json").stdout).toBe(json)
  })

  it("--out DIR writes the four files; result.json equals stdout; a rerun is byte-identical", () => {
    const out = path.join(tempDir(), "result")
    const first = kenesh("tally", ...kbArgs, "--format", "json", "--out", out)
    expect(first.code).toBe(0)
    expect(fs.readdirSync(out).sort()).toEqual(["findings.csv", "report.html", "result.json", "seats.csv", "summary.csv"])
    const files = Object.fromEntries(fs.readdirSync(out).map((f) => [f, fs.readFileSync(path.join(out, f), "utf8")]))
    expect(files["result.json"]).toBe(first.stdout)
    expect(files["findings.csv"]).toBe("code,severity,precinct,file,line,message,expected,actual\n")
    expect(files["seats.csv"].split("\n").slice(0, 3)).toEqual(["party,votes,admitted,seats,elected", "sdpk,4854,true,12,", "el-aman,3074,true,7,"])
    const summary = files["summary.csv"].trimEnd().split("\n")
    expect(summary[0]).toBe(
      "level,territory,precincts,voters,received,issued_premises,issued_outside,cancelled,spoiled,found_stationary,found_mobile,invalid,valid,against_all,participants,sdpk,el-aman,mekenim-kyrgyzstan,eldik,respublika,onuguu-progress,sodruzhestvo,dobro"
    )
    expect(summary.slice(1).map((l) => l.split(",").slice(0, 3).join(","))).toEqual(["territory,T1,20", "total,,20"])
    expect(summary[2].split(",").slice(-9)).toEqual(["14722", "4854", "3074", "2910", "2305", "531", "376", "304", "73"])
    const again = kenesh("tally", ...kbArgs, "--format", "table", "--out", out)
    expect(again.code).toBe(0)
    for (const [f, content] of Object.entries(files)) expect(fs.readFileSync(path.join(out, f), "utf8"), f).toBe(content)
    expect(fs.readdirSync(out).sort()).toEqual(["findings.csv", "report.html", "result.json", "seats.csv", "summary.csv"])
  })

  it("--format table: totals, findings, seats and the status line; --format csv: the summary", () => {
    const table = kenesh("tally", ...kbArgs, "--format", "table")
    expect(table.code).toBe(0)
    expect(table.stdout).toContain("STATUS: FINAL")
    expect(table.stdout).toContain("No findings: every protocol adds up.")
    expect(table.stdout).toMatch(/SDPK\s+4 854\s+yes\s+12/)
    const csv = kenesh("tally", ...kbArgs, "--format", "csv")
    expect(csv.stdout.split("\n")[0]).toMatch(/^level,territory,precincts,voters,/)
  })

  it("the order of rows and the split into files do not change the result (beyond the inputs)", () => {
    const [header, ...rows] = fs.readFileSync(path.join(root, kb, "protocols.csv"), "utf8").trimEnd().split("\n")
    const dir = tempDir()
    const reversed = rows.reverse()
    const a = path.join(dir, "a.csv")
    const b = path.join(dir, "b.csv")
    fs.writeFileSync(a, [header, ...reversed.slice(0, 7)].join("\r\n") + "\r\n")
    fs.writeFileSync(b, [header, ...reversed.slice(7)].join("\n"))
    const split = JSON.parse(kenesh("tally", "--election", `${kb}/election.json`, b, a).stdout)
    const whole = JSON.parse(kenesh("tally", ...kbArgs).stdout)
    expect({ ...split, inputs: null }).toEqual({ ...whole, inputs: null })
  })
})

describe("a faulty election: blocked, exit 1, still printed and written", () => {
  it("tally: status blocked with each broken protocol's finding; the seats are shown", () => {
    const out = path.join(tempDir(), "out")
    const { code, stdout } = kenesh("tally", ...faultyArgs, "--format", "json", "--out", out)
    expect(code).toBe(1)
    const result = JSON.parse(stdout)
    expect(result.status).toBe("blocked")
    expect(result.findings.map((f: { precinct: string; code: string }) => [f.precinct, f.code])).toEqual([
      ["5101", "duplicate-protocol"],
      ["5103", "ballot-balance"],
      ["5107", "valid-vs-votes"],
      ["5112", "reserve-exceeded"],
      ["5115", "mobile-over-issued"],
      ["5118", "missing-precinct"]
    ])
    expect(result.precincts).toMatchObject({ registered: 20, counted: 19, missing: ["5118"] })
    expect(result.allocation.parties.map((p: { seats: number }) => p.seats).slice(0, 4)).toEqual([12, 7, 7, 5])
    expect(fs.readFileSync(path.join(out, "result.json"), "utf8")).toBe(stdout)
    expect(fs.readFileSync(path.join(out, "findings.csv"), "utf8").trimEnd().split("\n")).toHaveLength(7)
    expect(kenesh("tally", ...faultyArgs, "--format", "table").stdout).toMatch(/STATUS: BLOCKED \(5 errors, 1 warning\) - The result is not final: error findings must be corrected/)
  })

  it("annulling the broken precincts leaves it incomplete while a precinct is missing; annulling that one too makes it final", () => {
    const dir = tempDir()
    const election = JSON.parse(fs.readFileSync(path.join(root, faulty, "election.json"), "utf8"))
    election.annulled = ["5101", "5103", "5107", "5112", "5115"]
    const file = path.join(dir, "election.json")
    fs.writeFileSync(file, JSON.stringify(election))
    const { code, stdout } = kenesh("tally", "--election", file, `${faulty}/protocols.csv`)
    const result = JSON.parse(stdout)
    expect(result.findings.map((f: { code: string }) => f.code)).toEqual(["missing-precinct"])
    expect(result.precincts).toMatchObject({ counted: 14, annulled: ["5101", "5103", "5107", "5112", "5115"], missing: ["5118"] })
    expect([code, result.status]).toEqual([1, "incomplete"])
    election.annulled.push("5118")
    fs.writeFileSync(file, JSON.stringify(election))
    const all = kenesh("tally", "--election", file, `${faulty}/protocols.csv`)
    expect(JSON.parse(all.stdout)).toMatchObject({ status: "final", findings: [], precincts: { counted: 14, missing: [] } })
    expect(all.code).toBe(0)
  })
})

describe("kenesh validate: exit 0 without error findings, 1 with, 2 on unusable input", () => {
  it("a clean election", () => {
    const { code, stdout } = kenesh("validate", ...kbArgs, "--format", "json")
    expect(code).toBe(0)
    expect(JSON.parse(stdout)).toMatchObject({ election: "kara-balta-2020", valid: true, errors: 0, warnings: 0, findings: [] })
  })

  it("a faulty one", () => {
    const { code, stdout } = kenesh("validate", ...faultyArgs, "--format", "json")
    expect(code).toBe(1)
    expect(JSON.parse(stdout)).toMatchObject({ valid: false, errors: 5, warnings: 1 })
    const csv = kenesh("validate", ...faultyArgs, "--format", "csv")
    expect([csv.code, csv.stdout.split("\n")[0]]).toEqual([1, "code,severity,precinct,file,line,message,expected,actual"])
  })

  it("warnings alone do not fail validation", () => {
    const file = brokenCopy((lines) => lines.filter((l) => !l.startsWith("5110,")))
    const { code, stdout } = kenesh("validate", "--election", `${kb}/election.json`, file)
    expect(code).toBe(0)
    expect(JSON.parse(stdout)).toMatchObject({ valid: true, errors: 0, warnings: 1 })
  })

  it("an unusable protocols file", () => {
    const file = brokenCopy((lines) => lines.map((l, i) => (i === 3 ? l.replace(/^(5103,T1,)1743,/, "$11,743,") : l)))
    const { code, stdout, stderr } = kenesh("validate", "--election", `${kb}/election.json`, file)
    expect(code).toBe(2)
    expect(stdout).toBe("")
    expect(stderr).toContain(`${file}:4:1: this row has 22 cells but the header has 21`)
  })
})

describe("unusable input: exit 2, every problem on stderr with its line, no stack trace, nothing written", () => {
  /** Runs tally with --out and checks the common promises; returns stderr. */
  const unusable = (...args: Array<string>) => {
    const out = path.join(tempDir(), "out")
    const { code, stdout, stderr } = kenesh("tally", ...args, "--out", out, "--format", "json")
    expect(code).toBe(2)
    expect(stdout).toBe("")
    expect(stderr).not.toContain("    at ")
    expect(fs.existsSync(out)).toBe(false)
    return stderr
  }

  it("malformed counts: every bad cell named by file, line and column", () => {
    const file = brokenCopy((lines) =>
      lines.map((l, i) => (i === 2 ? l.replace(/^5102,T1,2035,/, "5102,T1,-2035,") : i === 9 ? l.replace(/,\d+$/, ",3.5") : i === 12 ? l.replace(/^(5112,T1,\d+,)\d+,/, "$1,") : l))
    )
    const stderr = unusable("--election", `${kb}/election.json`, file)
    expect(stderr.trimEnd().split("\n")).toEqual([
      `${file}:3:9: voters: "-2035" has a sign; a count is a whole number of 0 or more, written without + or -`,
      `${file}:10:${fs.readFileSync(file, "utf8").split("\n")[9].lastIndexOf(",") + 2}: dobro: "3.5" has a decimal point; a count is a whole number`,
      `${file}:13:14: received: the cell is empty; write 0 if there were none`,
      "kenesh: 3 problems in the input; nothing was written"
    ])
  })

  it("an unterminated quote, an unknown column, an empty file, a missing file", () => {
    const quote = brokenCopy((lines) => lines.map((l, i) => (i === 5 ? l.replace("5105,", '"5105,') : l)))
    expect(unusable("--election", `${kb}/election.json`, quote)).toContain(`${quote}:6:1: a quoted cell is not closed: its opening quote has no closing quote`)
    const header = brokenCopy((lines) => lines.map((l, i) => (i === 0 ? l.replace("eldik", "eldik-party") : l)))
    const stderr = unusable("--election", `${kb}/election.json`, header)
    expect(stderr).toContain(`${header}:1:`)
    expect(stderr).toContain('unknown column "eldik-party"')
    expect(stderr).toContain('the header has no column "eldik"')
    const empty = brokenCopy(() => [])
    expect(unusable("--election", `${kb}/election.json`, empty)).toContain(`${empty}:1:1: the file is empty; it needs a header row naming its columns`)
    expect(unusable("--election", `${kb}/election.json`, "fixtures/none.csv")).toContain("fixtures/none.csv:1:1: cannot read the protocols file: there is no such file")
  })

  it("problems in two files are all reported", () => {
    const a = brokenCopy((lines) => lines.map((l, i) => (i === 2 ? l.replace("5102,T1,2035,", "5102,T1,x,") : l)))
    const b = brokenCopy((lines) => lines.map((l, i) => (i === 4 ? l.replace("5104,T1,1477,", "5104,T1,1 477,") : l)))
    const stderr = unusable("--election", `${kb}/election.json`, a, b)
    expect(stderr).toContain(`${a}:3:9: voters: "x" is not a count`)
    expect(stderr).toContain(`${b}:5:9: voters: "1 477" has thousands separators`)
  })

  it("thousands of bad rows, in protocols or in the registry: each file's first 1,000 problems, then how many more", () => {
    const protocols = brokenCopy((lines) => [lines[0], ...Array.from({ length: 1200 }, (_, i) => lines[1].replace(/^5101,T1,\d+,/, `P${i},T1,-1,`))])
    const fromProtocols = unusable("--election", `${kb}/election.json`, protocols).trimEnd().split("\n")
    expect(fromProtocols).toHaveLength(1002)
    expect(fromProtocols.slice(-2)).toEqual(["... and 200 more problems", "kenesh: 1200 problems in the input; nothing was written"])
    // The registry: 1,400 precincts registered twice and 100 bad counts, in the file's order.
    const dir = tempDir()
    const rows = Array.from({ length: 1500 }, (_, i) => (i % 15 === 14 ? `Q${i},T1,x` : "5101,T1,10"))
    fs.writeFileSync(path.join(dir, "precincts.csv"), `id,territory,voters\n5101,T1,10\n${rows.join("\n")}\n`)
    const doc = JSON.parse(fs.readFileSync(path.join(root, kb, "election.json"), "utf8")) as Record<string, unknown>
    fs.writeFileSync(path.join(dir, "election.json"), JSON.stringify({ ...doc, precincts: "precincts.csv" }))
    for (const reader of ["fast", "csv-parse"]) {
      const lines = unusable("--election", path.join(dir, "election.json"), `${kb}/protocols.csv`, "--reader", reader).trimEnd().split("\n")
      expect(lines, reader).toHaveLength(1002)
      expect(lines[0]).toBe(`${path.join(dir, "precincts.csv")}:3:1: precinct "5101" is registered twice (first at line 2)`)
      expect(lines[999]).toBe(`${path.join(dir, "precincts.csv")}:1002:1: precinct "5101" is registered twice (first at line 2)`)
      expect(lines.slice(-2)).toEqual(["... and 500 more problems", "kenesh: 1500 problems in the input; nothing was written"])
    }
  })

  it("a malformed election file", () => {
    const dir = tempDir()
    const file = path.join(dir, "election.json")
    fs.writeFileSync(file, fs.readFileSync(path.join(root, kb, "election.json"), "utf8").replace('"system": "proportional",', '"system": "proportional"'))
    expect(unusable("--election", file, `${kb}/protocols.csv`)).toContain(`${file}:5:3: not valid JSON: expected "," or "}"`)
    fs.writeFileSync(file, fs.readFileSync(path.join(root, kb, "election.json"), "utf8").replace('"edition": "2011"', '"edition": "2011", "rules2": {}'))
    expect(unusable("--election", file, `${kb}/protocols.csv`)).toContain(`${file}:5:32: rules2: unknown key "rules2"`)
  })

  it("bad arguments", () => {
    const out = path.join(tempDir(), "out")
    for (const args of [["tally", ...kbArgs, "--format", "xml", "--out", out], ["tally", `${kb}/protocols.csv`, "--out", out], ["tally", "--election", `${kb}/election.json`, "--out", out]]) {
      const { code, stderr } = kenesh(...args)
      expect(code, args.join(" ")).toBe(2)
      expect(stderr).not.toContain("    at ")
      expect(fs.existsSync(out)).toBe(false)
    }
  })
})

describe("issue 8: the status never says final too early; a total beyond exact counting is unusable input", () => {
  const akJol = "fixtures/ak-jol-2024"

  it("a majoritarian election with one district's file left out: incomplete, exit 1, not FINAL", () => {
    const dir = tempDir()
    const [header, ...rows] = fs.readFileSync(path.join(root, akJol, "protocols.csv"), "utf8").trimEnd().split("\n")
    const file = path.join(dir, "d1-d2.csv")
    fs.writeFileSync(file, [header, ...rows.filter((r) => !r.startsWith("D3-"))].join("\n") + "\n")
    const json = kenesh("tally", "--election", `${akJol}/election.json`, file, "--format", "json")
    expect(json.code).toBe(1)
    expect(JSON.parse(json.stdout).status).toBe("incomplete")
    const table = kenesh("tally", "--election", `${akJol}/election.json`, file, "--format", "table")
    expect(table.code).toBe(1)
    expect(table.stdout).toContain("STATUS: INCOMPLETE")
    expect(table.stdout).not.toContain("STATUS: FINAL")
  })

  it("a protocols file with a header only: incomplete (nothing counted), never failed", () => {
    const file = brokenCopy((lines) => [lines[0], ""])
    const { code, stdout } = kenesh("tally", "--election", `${kb}/election.json`, file, "--format", "json")
    const result = JSON.parse(stdout)
    expect([code, result.status, result.precincts.counted]).toEqual([1, "incomplete", 0])
  })

  it("totals beyond 2^53: exit 2 with the file named, nothing written, no stack trace", () => {
    const dir = tempDir()
    const election = path.join(dir, "election.json")
    fs.writeFileSync(election, JSON.stringify({ id: "big", name: "Big", system: "proportional", seats: 3, parties: [{ id: "a", name: "A" }] }))
    const file = path.join(dir, "protocols.csv")
    // Each protocol is within bounds; 1,002 of them add up to more than 2^53 voters.
    const rows = Array.from({ length: 1002 }, (_, i) => `P${i},T1,8990000000000,0,0,0,0,0,0,0,0,0,0,0`)
    fs.writeFileSync(file, ["precinct,territory,voters,received,issued_premises,issued_outside,cancelled,spoiled,found_stationary,found_mobile,invalid,valid,against_all,a", ...rows].join("\n") + "\n")
    const out = path.join(dir, "out")
    const { code, stdout, stderr } = kenesh("tally", "--election", election, file, "--out", out)
    expect(code).toBe(2)
    expect(stdout).toBe("")
    expect(stderr).toContain(`${file}:`)
    expect(stderr).toContain("beyond what can be counted exactly")
    expect(stderr).not.toContain("    at ")
    expect(fs.existsSync(out)).toBe(false)
  })
})

describe("golden results: fixtures/<case>/expected.json (regenerate with node scripts/expected.mjs)", () => {
  const cases = fs
    .readdirSync(path.join(root, "fixtures"))
    .filter((d) => fs.existsSync(path.join(root, "fixtures", d, "protocols.csv")))
    .sort()

  it("covers a clean, a faulty and a majoritarian election", () => {
    expect(cases).toEqual(["ak-jol-2024", "kara-balta-2020", "kara-balta-faulty"])
  })

  for (const name of cases) {
    it(`${name}: the output is byte for byte the expected result`, () => {
      const expected = fs.readFileSync(path.join(root, "fixtures", name, "expected.json"), "utf8")
      const { code, stdout } = kenesh("tally", "--election", `fixtures/${name}/election.json`, `fixtures/${name}/protocols.csv`, "--format", "json")
      expect(code).toBe(JSON.parse(expected).status === "final" ? 0 : 1)
      expect(stdout).toBe(expected)
    })
  }
})

describe("the parallel ingest (worker threads over byte ranges) gives byte-identical results", () => {
  const sequential = { KENESH_WORKERS: "1" }
  const parallel = { KENESH_WORKERS: "4", KENESH_PARALLEL_MIN_BYTES: "0" }

  it("on the fixtures, including a duplicate protocol in another range and a missing precinct", async () => {
    for (const name of ["kara-balta-2020", "kara-balta-faulty", "ak-jol-2024"]) {
      const args = ["tally", "--election", `fixtures/${name}/election.json`, `fixtures/${name}/protocols.csv`, "--format", "json"]
      const [one, many] = await Promise.all([keneshAsync(sequential, ...args), keneshAsync(parallel, ...args)])
      expect(many.code, name).toBe(one.code)
      expect(many.stdout, name).toBe(one.stdout)
    }
  })

  it("on generated elections of both systems with faults, versions and quoted cells, and against csv-parse", async () => {
    const dir = tempDir()
    await Promise.all(["proportional", "majoritarian"].map(async (system) => {
      const out = path.join(dir, system)
      const gen = await keneshAsync({}, "generate", "--system", system, "--precincts", "600", "--seed", "11", "--out", out, "--fault-rate", "0.05", "--format", "json")
      expect(gen.code, gen.stderr).toBe(0)
      const protocols = path.join(out, "protocols.csv")
      // A second file: a later version of one precinct, a quoted cell, and a repeated protocol.
      const [header, first, second] = fs.readFileSync(protocols, "utf8").split("\n")
      const col = header.split(",")
      const extra = path.join(out, "more.csv")
      const amended = first.split(",").map((c, i) => (col[i] === "precinct" ? `"${c}"` : c))
      fs.writeFileSync(extra, [["version", ...col].join(","), ["2", ...amended].join(","), ["1", ...second.split(",")].join(",")].join("\n") + "\n")
      const args = ["tally", "--election", path.join(out, "election.json"), protocols, extra, "--format", "json"]
      const plain = ["tally", "--election", path.join(out, "election.json"), protocols, "--format", "json"]
      const [one, many, slow, plainOne, plainMany] = await Promise.all([
        keneshAsync(sequential, ...args),
        keneshAsync(parallel, ...args),
        keneshAsync(sequential, ...args, "--reader", "csv-parse"),
        keneshAsync(sequential, ...plain),
        keneshAsync(parallel, ...plain)
      ])
      expect(one.code, one.stderr).toBe(1)
      const result = JSON.parse(one.stdout)
      expect(result.status).toBe("blocked")
      expect(result.precincts.versions).toHaveLength(1)
      expect(result.findings.some((f: { code: string }) => f.code === "duplicate-protocol")).toBe(true)
      expect(many.stdout, system).toBe(one.stdout)
      expect(slow.stdout, system).toBe(one.stdout)
      // Without the second file the parallel ingest does the whole tally itself.
      expect(plainMany.stdout, system).toBe(plainOne.stdout)
    }))
  })
})
