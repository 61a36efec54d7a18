/**
 * report.html as `kenesh tally --out` writes it, against the golden files fixtures/<case>/report*.html (written
 * only by scripts/expected.mjs); `--lang` and election.json's `lang`; JSON and CSV never change with the language.
 */
import { spawnSync } from "node:child_process"
import * as fs from "node:fs"
import * as path from "node:path"
import { describe, expect, it } from "vitest"
import { tempDir } from "../ballot/readers.js"
import { root } from "./inputs.js"
import { bin, useBuiltCommand } from "../built-command.js"

useBuiltCommand()

const kenesh = (...args: Array<string>) => {
  const r = spawnSync(process.execPath, [bin, ...args], { cwd: root, encoding: "utf8" })
  return { code: r.status, stdout: r.stdout, stderr: r.stderr }
}

const cases = ["ak-jol-2024", "kara-balta-2020", "kara-balta-faulty"]
const goldens = [
  ["en", "report.html"],
  ["ru", "report.ru.html"],
  ["ky", "report.ky.html"]
] as const

const args = (c: string) => ["--election", `fixtures/${c}/election.json`, `fixtures/${c}/protocols.csv`]

describe("report.html written by tally --out", () => {
  it.each(cases.flatMap((c) => goldens.map(([lang, file]) => [c, lang, file] as const)))("%s in %s is byte for byte %s", (c, lang, file) => {
    const out = path.join(tempDir(), "out")
    const run = kenesh("tally", ...args(c), "--out", out, "--format", "json", "--lang", lang)
    expect([0, 1]).toContain(run.code)
    expect(fs.readFileSync(path.join(out, "report.html"), "utf8")).toBe(fs.readFileSync(path.join(root, "fixtures", c, file), "utf8"))
  })

  it("the table says where the files went", () => {
    const out = path.join(tempDir(), "out")
    const run = kenesh("tally", ...args("kara-balta-2020"), "--out", out, "--format", "table")
    expect(run.stdout.trimEnd().split("\n").at(-1)).toBe(`Written to ${out}: result.json, summary.csv, seats.csv, findings.csv, report.html`)
  })
})

describe("--lang and election.json's lang", () => {
  /** Kara-Balta's election with `lang` set, in a fresh folder (the registry is inline, so it moves with it). */
  const withLang = (lang: string) => {
    const dir = tempDir()
    const doc = JSON.parse(fs.readFileSync(path.join(root, "fixtures/kara-balta-2020/election.json"), "utf8"))
    fs.writeFileSync(path.join(dir, "election.json"), JSON.stringify({ ...doc, lang }))
    return ["--election", path.join(dir, "election.json"), path.join(root, "fixtures/kara-balta-2020/protocols.csv")]
  }

  it("election.json's lang sets the table's language; the flag wins over it", () => {
    const a = withLang("ky")
    expect(kenesh("tally", ...a, "--format", "table").stdout).toContain("АБАЛЫ: АКЫРКЫ")
    expect(kenesh("tally", ...a, "--format", "table", "--lang", "ru").stdout).toContain("СТАТУС: ОКОНЧАТЕЛЬНЫЙ")
    expect(kenesh("tally", ...a, "--format", "table", "--lang", "en").stdout).toContain("STATUS: FINAL")
    expect(kenesh("validate", ...a, "--format", "table").stdout).toContain("ЖАРАКТУУ: каталар жок.")
  })

  it("an unknown lang in election.json is unusable input with its position; an unknown --lang is refused", () => {
    const bad = kenesh("tally", ...withLang("de"), "--format", "json")
    expect(bad.code).toBe(2)
    expect(bad.stderr).toMatch(/election\.json:\d+:\d+: lang: must be "en", "ru" or "ky"/)
    expect(kenesh("tally", ...args("kara-balta-2020"), "--lang", "de").code).toBe(2)
  })

  it("JSON, CSV and every --out file but report.html are the same bytes in every language", () => {
    const outs = ["en", "ru", "ky"].map((lang) => {
      const out = path.join(tempDir(), "out")
      const json = kenesh("tally", ...args("kara-balta-faulty"), "--format", "json", "--lang", lang, "--out", out).stdout
      const csv = kenesh("tally", ...args("kara-balta-faulty"), "--format", "csv", "--lang", lang).stdout
      const validate = kenesh("validate", ...args("kara-balta-faulty"), "--format", "csv", "--lang", lang).stdout
      const files = ["result.json", "summary.csv", "seats.csv", "findings.csv"].map((f) => fs.readFileSync(path.join(out, f), "utf8"))
      return { json, csv, validate, files }
    })
    expect(outs[1]).toEqual(outs[0])
    expect(outs[2]).toEqual(outs[0])
  })

  it("--all shows every finding of validate's table", () => {
    const run = kenesh("validate", ...args("kara-balta-faulty"), "--format", "table", "--all", "--lang", "en")
    expect(run.stdout).toContain("Findings: 5 errors, 1 warning")
    expect(run.stdout).not.toContain("--all shows them all")
    expect(run.stdout.trimEnd().split("\n").at(-1)).toBe("NOT VALID: 5 error findings.")
  })
})
