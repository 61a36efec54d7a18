/**
 * The command line (SPEC §2, §5; issues 8, 10, 13): a misspelt flag is never a file; `--flag=value` works for every
 * flag; a flag given twice is an error; every argument error names its flag, suggests the nearest one and exits 2;
 * `--help` is plain text with value names, optional flags marked, usage lines that say `kenesh COMMAND` and an
 * example; `kenesh` alone prints the overview.
 */
import { spawnSync } from "node:child_process"
import * as fs from "node:fs"
import * as path from "node:path"
import { describe, expect, it } from "vitest"
import { nearest, readArgv } from "../../src/cli/arguments.js"
import { commandSpec } from "../../src/cli/command-spec.js"
import { allocateCommand, generateCommand, tallyCommand, validateCommand } from "../../src/cli/commands.js"
import { commandHelp, usageLine } from "../../src/cli/help.js"
import { tempDir } from "../ballot/readers.js"

const root = path.resolve(import.meta.dirname, "../..")
const bin = path.join(root, "dist/src/bin/kenesh.js")
const kb = "fixtures/kara-balta-2020"
const tally = commandSpec(tallyCommand)
const allocate = commandSpec(allocateCommand)

/** Runs the built command from the repository root. */
const kenesh = (...args: Array<string>) => {
  const r = spawnSync(process.execPath, [bin, ...args], { cwd: root, encoding: "utf8", env: { ...process.env, NO_COLOR: "" } })
  return { code: r.status, stdout: r.stdout, stderr: r.stderr }
}

describe("each command's flags are read from its own definition", () => {
  it("tally: --election FILE required, --out DIR, --format, --reader and --lang with their choices, --all without a value", () => {
    expect(tally.flags.map((f) => [f.name, f.value, f.optional])).toEqual([
      ["election", "FILE", true],
      ["store", "FILE", true],
      ["out", "DIR", true],
      ["format", "table|json|csv", true],
      ["reader", "fast|csv-parse", true],
      ["lang", "en|ru|ky", true],
      ["all", null, true]
    ])
    expect(tally.args).toEqual([{ name: "PROTOCOLS.csv", many: true, optional: true, description: "Protocol files" }])
  })

  it("allocate: --lot may be repeated, and so is optional", () => {
    const lot = allocate.flags.find((f) => f.name === "lot")!
    expect([lot.value, lot.optional, lot.repeated]).toEqual(["IDS", true, true])
    expect(allocate.flags.find((f) => f.name === "seats")!.optional).toBe(false)
  })
})

describe("readArgv: a strict reading of argv", () => {
  it("a misspelt flag is never a file: it is named, with the nearest flag", () => {
    expect(readArgv(tally, ["--election", "e.json", "p.csv", "--fromat", "json"])).toEqual({ _tag: "errors", errors: ["--fromat: kenesh tally has no such flag; did you mean --format?"] })
    expect(readArgv(tally, ["--election", "e.json", "p.csv", "-format", "json"])).toEqual({ _tag: "errors", errors: ["-format: kenesh tally has no such flag; did you mean --format?"] })
  })

  it("a flag far from every flag lists them", () => {
    expect(readArgv(tally, ["--election", "e.json", "p.csv", "--zzzzzz"])).toEqual({
      _tag: "errors",
      errors: ["--zzzzzz: kenesh tally has no such flag; its flags are --election, --store, --out, --format, --reader, --lang, --all"]
    })
  })

  it("--flag=value works for every flag, also repeated ones", () => {
    expect(readArgv(tally, ["--election=e.json", "p.csv", "--format=json", "--out=o", "--reader=csv-parse"])).toEqual({
      _tag: "run",
      argv: ["--election", "e.json", "--format", "json", "--out", "o", "--reader", "csv-parse", "--", "p.csv"]
    })
    expect(readArgv(allocate, ["r.csv", "--seats=5", "--lot=a", "--lot=b,c"])).toEqual({ _tag: "run", argv: ["--seats", "5", "--lot", "a", "--lot", "b,c", "--", "r.csv"] })
  })

  it("a flag given twice names the flag and both values; a repeatable one may be", () => {
    expect(readArgv(allocate, ["r.csv", "--seats", "5", "--seats", "6"])).toEqual({ _tag: "errors", errors: ["--seats was given twice (5 and 6); give it once"] })
    expect(readArgv(tally, ["--election", "--election", "e.json", "p.csv"])).toEqual({ _tag: "errors", errors: ["--election needs a value: --election FILE (found --election instead)"] })
  })

  it("a value not among the choices names the flag and the nearest choice", () => {
    expect(readArgv(tally, ["--election", "e", "p", "--format", "yaml"])).toEqual({ _tag: "errors", errors: ["--format yaml: must be one of table, json, csv"] })
    expect(readArgv(tally, ["--election", "e", "p", "--format", "jsno"])).toEqual({ _tag: "errors", errors: ["--format jsno: must be one of table, json, csv; did you mean json?"] })
  })

  it("a missing value, a missing flag, a missing file, a file too many", () => {
    expect(readArgv(allocate, ["r.csv", "--seats", "--format", "json"])).toEqual({ _tag: "errors", errors: ["--seats needs a value: --seats N (found --format instead)"] })
    expect(readArgv(allocate, ["r.csv"])).toEqual({ _tag: "errors", errors: ["--seats is required: --seats N"] })
    expect(readArgv(commandSpec(validateCommand), ["--election", "e"])).toEqual({ _tag: "errors", errors: ["PROTOCOLS.csv: kenesh validate needs at least one PROTOCOLS.csv file"] })
    expect(readArgv(allocate, ["r.csv", "s.csv", "--seats", "3"])).toEqual({ _tag: "errors", errors: ["s.csv: kenesh allocate takes one RESULTS.csv; this one is too many"] })
  })

  it("a value that starts with a dash is a value; after -- everything is a file", () => {
    expect(readArgv(allocate, ["r.csv", "--seats", "5", "--threshold", "-5"])).toEqual({ _tag: "run", argv: ["--seats", "5", "--threshold=-5", "--", "r.csv"] })
    expect(readArgv(allocate, ["--seats", "5", "--", "--odd.csv"])).toEqual({ _tag: "run", argv: ["--seats", "5", "--", "--odd.csv"] })
  })

  it("a flag without a value takes none", () => {
    expect(readArgv(tally, ["--election", "e", "p", "--all"])).toEqual({ _tag: "run", argv: ["--election", "e", "--all", "--", "p"] })
    expect(readArgv(tally, ["--election", "e", "p", "--all=yes"])).toEqual({ _tag: "errors", errors: ["--all takes no value; write --all alone"] })
  })

  it("--help and -h ask for help wherever they are", () => {
    expect(readArgv(tally, ["--fromat", "-h"])).toEqual({ _tag: "help" })
  })

  it("nearest: a typo, a swap, a prefix; nothing when far", () => {
    expect(nearest("fromat", ["format", "out"])).toBe("format")
    expect(nearest("elec", ["election", "out"])).toBe("election")
    expect(nearest("seat", ["seats", "system"])).toBe("seats")
    expect(nearest("qqqq", ["format", "out"])).toBe(null)
  })
})

describe("help a person reads", () => {
  it("a command's help: usage line, value names, optional flags, an example; no effect boilerplate", () => {
    const help = commandHelp(tally)
    expect(help).toContain("  kenesh tally [--election FILE] [--store FILE] [--out DIR] [--format table|json|csv] [--reader")
    expect(help).toMatch(/--election FILE +The election definition \(election\.json\)/)
    expect(help).toMatch(/--out DIR +Write result\.json/)
    expect(help).toContain("(optional)")
    expect(help).toContain("Example:\n  kenesh tally --election fixtures/kara-balta-2020/election.json")
    expect(help).not.toContain("A user-defined piece of text")
    expect(help).not.toContain("--wizard")
    for (const spec of [commandSpec(validateCommand), commandSpec(generateCommand), allocate]) expect(commandHelp(spec)).toMatch(/Examples?:\n {2}kenesh /)
  })

  it("generate shows its value names", () => {
    expect(usageLine(commandSpec(generateCommand))).toContain("--precincts N --seed S --out DIR [--parties K] [--territories T] [--districts D] [--fault-rate R]")
  })
})

describe("the built command", () => {
  it("kenesh alone prints the overview, exit 0, no colour codes", () => {
    const r = kenesh()
    expect(r.code).toBe(0)
    expect(r.stdout).toContain("Commands:\n  validate")
    expect(r.stdout).toContain("kenesh COMMAND --help shows the flags of a command.")
    // eslint-disable-next-line no-control-regex
    expect(r.stdout).not.toMatch(/\u001b/)
  })

  it("kenesh tally --help: plain text on stdout, exit 0", () => {
    const r = kenesh("tally", "--help")
    expect(r.code).toBe(0)
    expect(r.stdout.startsWith("kenesh tally: ")).toBe(true)
    // eslint-disable-next-line no-control-regex
    expect(r.stdout).not.toMatch(/\u001b/)
  })

  it("--fromat json: named with the nearest flag, exit 2, nothing read", () => {
    const r = kenesh("tally", "--election", `${kb}/election.json`, `${kb}/protocols.csv`, "--fromat", "json")
    expect(r.code).toBe(2)
    expect(r.stderr).toBe("kenesh: --fromat: kenesh tally has no such flag; did you mean --format?\nkenesh: see kenesh tally --help\n")
  })

  it("--format yaml names the flag; an unknown command suggests the nearest", () => {
    expect(kenesh("tally", "--election", `${kb}/election.json`, `${kb}/protocols.csv`, "--format", "yaml").stderr).toContain("kenesh: --format yaml: must be one of table, json, csv")
    const r = kenesh("tallly")
    expect(r.code).toBe(2)
    expect(r.stderr).toContain("kenesh: tallly: kenesh has no such command; did you mean tally?")
  })

  it("--flag=value for every flag of tally, and --seats 5 --seats 6 refused", () => {
    const out = path.join(tempDir(), "o")
    const r = kenesh("tally", `--election=${kb}/election.json`, `${kb}/protocols.csv`, `--out=${out}`, "--format=json", "--reader=csv-parse")
    expect(r.code).toBe(0)
    expect(JSON.parse(r.stdout).status).toBe("final")
    expect(fs.existsSync(path.join(out, "result.json"))).toBe(true)
    const twice = kenesh("allocate", "r.csv", "--seats", "5", "--seats", "6")
    expect([twice.code, twice.stderr.split("\n")[0]]).toEqual([2, "kenesh: --seats was given twice (5 and 6); give it once"])
  })
})
