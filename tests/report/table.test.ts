/** The terminal table (`--format table`) as a specification: names, status, precincts, districts, findings, seats. */
import { describe, expect, it } from "vitest"
import { labelsFor, languages } from "../../src/report/language.js"
import { findingsShown, findingsTable, tallyTable } from "../../src/report/table.js"
import type { FindingView } from "../../src/report/view.js"
import { fixture, hostile } from "./inputs.js"

describe("tally's table", () => {
  it("Kara-Balta 2020: names, not ids; the elected; final status; no 'provisional'", () => {
    const t = tallyTable(fixture("kara-balta-2020"), "en", { all: false })
    expect(t).toMatch(/^STATUS: FINAL - /m)
    expect(t).toMatch(/Mekenim Kyrgyzstan\s+2 910\s+yes\s+7/)
    expect(t).not.toContain("mekenim-kyrgyzstan")
    expect(t).toMatch(/^Against all\s+152/m)
    expect(t).toContain("Elected deputies:")
    expect(t).toContain("Seat 30: Mekenim Kyrgyzstan, remainder 0.8637 (11352/13143)")
    expect(t).not.toContain("provisional")
    expect(t).toContain("Precincts: 20 registered, 20 counted, 0 annulled, 0 missing, 0 preliminary")
  })

  it("a result that is not final says provisional in the seats header and the elected", () => {
    const t = tallyTable(fixture("kara-balta-faulty"), "en", { all: false })
    expect(t).toMatch(/^Seats \(provisional\), Hare quota, largest remainders, 31 seats: allocated$/m)
    expect(t).toContain("Elected deputies (provisional):")
    expect(t).toContain("  missing (no protocol): 5118")
  })

  it("Ak-Jol 2024: district totals with against all, each district's candidates, reserve and elected", () => {
    const t = tallyTable(fixture("ak-jol-2024"), "en", { all: false })
    expect(t).toMatch(/^Kara-Suu district\s+2\s+2\s+650\s+640\s+35$/m)
    expect(t).toMatch(/^Kara-Suu district \(2 seats\): allocated$/m)
    expect(t).toMatch(/^d2-nurlanova\s+woman\s+390\s+yes$/m)
    expect(t).toContain("Women's reserve: 1 reserved, 1 woman elected")
    expect(t).toContain("Elected deputies: d2-mamatov, d2-nurlanova")
  })

  it("preliminary precincts and the versions that counted are listed; the party without a name shows its id", () => {
    const t = tallyTable(hostile(), "en", { all: false })
    expect(t).toMatch(/^STATUS: INCOMPLETE - /m)
    expect(t).toContain("  preliminary (automatic count only): p<1>")
    expect(t).toContain("  counted from a later version: p2: version 2")
    expect(t).toMatch(/^<script>\s+40\s+yes\s+2$/m)
  })

  it.each(languages)("in %s: the status, headings and protocol lines are in the language", (lang) => {
    const L = labelsFor(lang)
    const t = tallyTable(fixture("kara-balta-faulty"), lang, { all: false })
    expect(t).toContain(`${L.statusWord.toUpperCase()}: ${L.status.blocked}`)
    expect(t).toContain(L.lines.found_mobile)
    expect(t).toContain(`${L.headings.findings}: ${L.findingsCount(5, 1)}`)
    expect(t).toContain(L.headings.derivation)
  })
})

describe("findings in the table", () => {
  const many = (n: number): ReadonlyArray<FindingView> =>
    Array.from({ length: n }, (_, i) => ({
      code: "ballot-balance",
      severity: i % 3 === 0 ? "warning" : "error",
      precinct: `5${String(101 + i)}`,
      file: "p.csv",
      line: i + 2,
      message: `finding ${i}`,
      expected: 1,
      actual: 2
    }))
  const e = fixture("kara-balta-faulty").election

  it(`shows the first ${findingsShown} and says how to see the rest; --all shows every one`, () => {
    const short = findingsTable(many(50), e, "en", { all: false })
    expect(short.split("\n").filter((l) => l.includes("finding ")).length).toBe(findingsShown)
    expect(short).toContain(`Showing ${findingsShown} of 50 findings; --all shows them all.`)
    const all = findingsTable(many(50), e, "en", { all: true })
    expect(all.split("\n").filter((l) => l.includes("finding ")).length).toBe(50)
    expect(all).not.toContain("--all")
  })

  it("each row names its territory; precincts with errors come before those with warnings only", () => {
    const t = findingsTable(many(4), e, "en", { all: true })
    const rows = t.split("\n").filter((l) => l.includes("finding "))
    expect(rows.every((r) => r.trimStart().startsWith("Kara-Balta TEC"))).toBe(true)
    expect(rows.map((r) => /finding (\d+)/.exec(r)![1])).toEqual(["1", "2", "0", "3"])
  })

  it("in Russian and Kyrgyz a finding is the rule in the language and the figures", () => {
    expect(findingsTable(many(1), e, "ru", { all: true })).toContain("Полученные бюллетени не равны сумме выданных, погашенных и испорченных: ожидалось 1, в протоколе 2 [p.csv:2]")
    expect(findingsTable(many(1), e, "ky", { all: true })).toContain("күтүлгөнү 1, протоколдо 2")
  })

  it("control characters of ids, names and messages never reach the terminal as such", () => {
    const f: FindingView = { code: "ballot-balance", severity: "error", precinct: "p\u001b[31m", file: "a\u0007.csv", line: 2, message: "m\u009b2J", expected: 1, actual: 2 }
    const t = findingsTable([f], e, "en", { all: true })
    expect(t).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/)
    expect(t).toContain("p\\u{1b}[31m")
    expect(t).toContain("m\\u{9b}2J")
  })

  it("no findings: one sentence", () => {
    expect(findingsTable([], e, "en", { all: false })).toBe("No findings: every protocol adds up.")
  })
})
