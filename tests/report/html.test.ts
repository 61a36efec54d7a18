/**
 * report.html (SPEC §7) as a specification: every section, in every language; names rather than ids; every id
 * and name escaped; nothing fetched and no script; the same bytes for the same result, whatever the clock says.
 */
import { afterEach, describe, expect, it, vi } from "vitest"
import { reportBody, reportDocument } from "../../src/report/html.js"
import { labelsFor, languages } from "../../src/report/language.js"
import { pieceLength } from "../../src/report/pieces.js"
import type { ReportInput } from "../../src/report/view.js"
import { evil, fixture, hostile, joined, reportText } from "./inputs.js"

const sections = ["precincts", "summary", "votes-seats", "derivation", "elected", "women", "findings", "inputs", "signatures"]

/** The text of a document with tags removed and entities of escaped text turned back. */
const text = (html: string) =>
  html
    .replace(/<style>[\s\S]*?<\/style>/g, "")
    .replace(/<[^>]+>/g, " ")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, "&")
    .replace(/\s+/g, " ")

afterEach(() => {
  vi.useRealTimers()
})

describe("report.html of the fixtures", () => {
  it.each(languages)("Kara-Balta 2020 in %s: every section with its heading, the status in words, names and seats", (lang) => {
    const L = labelsFor(lang)
    const html = reportText(fixture("kara-balta-2020"), lang)
    for (const s of sections) expect(html).toContain(`<section class="${s}">`)
    for (const h of ["precincts", "summary", "votesSeats", "derivation", "elected", "women", "findings", "inputs"] as const) expect(text(html)).toContain(L.headings[h])
    expect(html).toContain(`<html lang="${lang}">`)
    expect(text(html)).toContain(`${L.statusWord}: ${L.status.final}`)
    expect(text(html)).toContain(L.statusExplain.final)
    expect(text(html)).toMatch(/Mekenim Kyrgyzstan 2 910 19\.77% \S+ 7/)
    expect(text(html)).not.toContain("mekenim-kyrgyzstan")
    for (const line of Object.values(L.lines)) expect(text(html)).toContain(line)
    expect(html).toContain("<svg")
    expect(text(html)).toContain("94d61a49f4ee9c7aa8ad4a1609242ffd17cac41f251e0b32fdb336bdf0bb9cd5")
  })

  it.each(languages)("Ak-Jol 2024 in %s: districts with their totals and against all, seats per district, the women's reserve", (lang) => {
    const L = labelsFor(lang)
    const html = reportText(fixture("ak-jol-2024"), lang)
    for (const s of [...sections, "districts"]) expect(html).toContain(`<section class="${s}">`)
    const t = text(html)
    expect(t).toContain(`${L.statusWord}: ${L.status.final}`)
    expect(t).toContain(L.districtLine("Kara-Suu district", 2))
    expect(t).toMatch(new RegExp(`Kara-Suu district 2 2 650 640 10 35`))
    expect(t).toContain(L.headings.women)
    expect(t).toMatch(/Ak-Jol district 3 1 1 0/)
  })

  it("the faulty election: blocked, the figures marked provisional, findings grouped with errors first", () => {
    const html = reportText(fixture("kara-balta-faulty"), "en")
    const t = text(html)
    expect(t).toContain("Status: BLOCKED")
    expect(t).toContain("Votes and seats (provisional)")
    expect(t).toContain("5 errors, 1 warning")
    expect(t.indexOf("Precinct 5103")).toBeLessThan(t.indexOf("Precinct 5118"))
    expect(t).toContain("ballots received (1 743) differ from ballots issued, cancelled and spoiled (1 738)")
    expect(t).toContain("missing (no protocol) 1 5118")
  })
})

describe("the summary table on A4", () => {
  /** The hostile report with `n` territories, each with the same totals. */
  const territories = (n: number) => {
    const input = hostile()
    const one = input.result.territories[0]
    return { ...input, result: { ...input.result, territories: Array.from({ length: n }, (_, i) => ({ ...one, territory: `X${i}` })) } }
  }
  /** The column heads of each summary table. */
  const heads = (n: number) =>
    [...reportText(territories(n), "en").split('<section class="summary">')[1].split("</section>")[0].matchAll(/<thead>(.*?)<\/thead>/g)].map((m) =>
      [...m[1].matchAll(/<span class="h">(.*?)<\/span>/g)].map((h) => h[1]).slice(1)
    )

  it("up to six territories and the total: one table", () => {
    expect(heads(6)).toEqual([["X0", "X1", "X2", "X3", "X4", "X5", "Total"]])
  })

  it("more: six territories a table, every territory once, the total last and never alone", () => {
    expect(heads(7)).toEqual([["X0", "X1", "X2", "X3", "X4", "X5"], ["X6", "Total"]])
    const h = heads(13)
    expect(h.map((x) => x.length)).toEqual([6, 6, 2])
    expect(h.flat()).toEqual([...Array.from({ length: 13 }, (_, i) => `X${i}`), "Total"])
  })
})

describe("escaping, self-containment and determinism", () => {
  it.each(languages)("in %s, markup in ids, names, files and messages stays text", (lang) => {
    const html = reportText(hostile(), lang)
    expect(html).not.toMatch(/<script|<img|onerror=alert\(1\)>/i)
    expect(html).toContain("&lt;script&gt;")
    // The party without a name shows its id, escaped; the other its name.
    expect(text(html)).toContain("<script>")
    expect(text(html)).toContain(`Party ${evil}`)
    expect(text(html)).toContain(`Deputy ${evil}`)
    expect(text(html)).toContain(`TEC ${evil}`)
  })

  it("nothing is fetched and nothing runs: no tag is a script, link or frame, none has src or href; no url() or @import", () => {
    for (const input of [hostile(), fixture("kara-balta-2020"), fixture("ak-jol-2024")]) {
      const html = reportText(input, "en")
      // Escaped text holds no "<", so these are every tag of the document.
      const tags = html.match(/<[^>]*>/g) ?? []
      expect(tags.filter((tag) => /^<\/?(script|link|iframe|object|embed|img|image|use|base|form)\b|\s(src|href|xlink:href|on[a-z]+)=/i.test(tag))).toEqual([])
      const style = /<style>([\s\S]*?)<\/style>/.exec(html)![1]
      expect(style).not.toMatch(/url\(|@import|@font-face/i)
      expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">`)
      // The only address in the file is the SVG namespace, which is a name and is never fetched.
      expect(tags.flatMap((tag) => tag.match(/https?:\/\/[^"'\s<>]+/g) ?? []).every((u) => u === "http://www.w3.org/2000/svg")).toBe(true)
    }
  })

  it("the same result gives the same bytes, whatever the date", () => {
    vi.useFakeTimers()
    vi.setSystemTime(new Date("2020-10-04T20:00:00Z"))
    const a = reportText(hostile(), "ky")
    vi.setSystemTime(new Date("2031-01-01T00:00:00Z"))
    const b = reportText(hostile(), "ky")
    expect(b).toBe(a)
    expect(a).not.toContain("2031")
    expect(a).not.toContain("2020")
  })

  it("the body is the document's content: the live page can embed it", () => {
    const input = fixture("kara-balta-faulty")
    const body = joined(reportBody(input, "ru"))
    expect(body).not.toMatch(/<html|<head>|<style/)
    expect(reportText(input, "ru")).toContain(body)
  })
})

describe("the parts of SPEC §3 that arrive later", () => {
  it("status incomplete and preliminary precincts, in words", () => {
    const t = text(reportText(hostile(), "en"))
    expect(t).toContain("Status: INCOMPLETE")
    expect(t).toContain("preliminary (automatic count only) 1 p<1>")
    expect(t).toContain("counted from a later version 1 p2: version 2")
  })

  it("margins: votes to gain a seat and votes a list can lose, or that no number does it", () => {
    const t = text(reportText(hostile(), "en"))
    expect(t).toContain("Margins: votes that would change a list's seats")
    expect(t).toMatch(/<script> 2 11 1/)
    expect(t).toContain(`Party ${evil} 3 no number of votes cannot lose a seat`)
  })

  it.each(languages)("sensitivity in %s: each precinct's answer in words, the witness when it can", (lang) => {
    const L = labelsFor(lang)
    const t = text(reportText(hostile(), lang))
    expect(t).toContain(L.headings.sensitivity)
    expect(t).toContain(L.answer.cannot)
    expect(t).toContain(L.answer.can)
    expect(t).toContain(L.answer.undetermined)
    expect(t).toContain(L.witness("90"))
    expect(t).toContain(`${L.witnessSeats} <script> 3, Party ${evil} 2`)
    expect(t).toContain(L.together(2, "200"))
  })

  it("without the field, no sensitivity section; with null, a sentence that there is nothing to ask", () => {
    const base = fixture("kara-balta-2020")
    const { sensitivity: _, ...withoutField } = base.result as typeof base.result & { sensitivity?: unknown }
    expect(reportText({ ...base, result: withoutField }, "en")).not.toContain('<section class="sensitivity">')
    const none = reportText({ ...base, result: { ...base.result, sensitivity: null } }, "en")
    expect(none).toContain('<section class="sensitivity">')
    expect(text(none)).toContain(labelsFor("en").sensitivityNone)
  })

  it("findings: the election total first, then territories in the election's order, unknown last; errors first", () => {
    const t = text(reportText(hostile(), "en"))
    expect(t).toContain("3 errors, 4 warnings")
    const at = (s: string) => t.indexOf(s, t.lastIndexOf("3 errors, 4 warnings"))
    expect(at("Election total")).toBeGreaterThan(0)
    expect(at("Election total")).toBeLessThan(at("Second TEC"))
    expect(at("Second TEC")).toBeLessThan(at(`TEC ${evil}`))
    expect(at(`TEC ${evil}`)).toBeLessThan(at("Territory not known"))
    // In Second TEC, precinct p2 has an error and a warning: the error first; p3 (a warning only) after p2.
    expect(at("Ballots received do not equal")).toBeLessThan(at("Voters on the list differ"))
    expect(at("Precinct p2")).toBeLessThan(at("Precinct p3"))
  })
})

describe("report.html of a result with many findings, in pieces", () => {
  /** The hostile result with `n` more registered precincts, each missing: a finding, an id and a sensitivity row each. */
  const manyMissing = (n: number): ReportInput => {
    const base = hostile()
    const missing = Array.from({ length: n }, (_, i) => `m${i}<&>`)
    const sensitivity = base.result.sensitivity!
    return {
      election: base.election,
      result: {
        ...base.result,
        precincts: { ...base.result.precincts, missing: [...base.result.precincts.missing, ...missing] },
        findings: [
          ...base.result.findings,
          ...missing.map((precinct) => ({ code: "missing-precinct", severity: "warning" as const, precinct, file: null, line: null, message: `no protocol from ${precinct}`, expected: null, actual: null }))
        ],
        sensitivity: { ...sensitivity, precincts: [...sensitivity.precincts, ...missing.map((precinct) => ({ precinct, why: "missing" as const, voters: 100, answer: "cannot" as const, witness: null }))] }
      }
    }
  }

  it("comes as pieces of about a megabyte, not as one string, and they are read again alike", () => {
    const pieces = [...reportDocument(manyMissing(20_000), "ru")]
    expect(pieces.length).toBeGreaterThan(3)
    for (const piece of pieces.slice(0, -1)) expect(piece.length).toBeGreaterThanOrEqual(pieceLength)
    for (const piece of pieces) expect(piece.length).toBeLessThan(2 * pieceLength)
    expect([...reportDocument(manyMissing(20_000), "ru")]).toEqual(pieces)
  })

  it("joined, the pieces hold every finding, every missing id and every sensitivity row, once", () => {
    const html = joined(reportDocument(manyMissing(20_000), "en"))
    expect(html.startsWith("<!DOCTYPE html>\n")).toBe(true)
    expect(html.endsWith("</html>\n")).toBe(true)
    expect(html.match(/<tr class="warning">/g)).toHaveLength(20_000 + 4)
    expect(html.match(/<tr class="group"><th colspan="4">Precinct m[0-9]+&lt;&amp;&gt;<\/th><\/tr>/g)).toHaveLength(20_000)
    expect(html).toContain(`<span class="ids">p3, m0&lt;&amp;&gt;, m1&lt;&amp;&gt;`)
    expect(html).toContain(`m4095&lt;&amp;&gt;, m4096&lt;&amp;&gt;`)
    expect(html).toContain(`m19999&lt;&amp;&gt;</span>`)
    expect(html.match(/<tr><th>m[0-9]+&lt;&amp;&gt;<\/th>/g)).toHaveLength(20_000)
    expect(html).toContain(joined(reportBody(manyMissing(20_000), "en")))
  })

  it("is made as it is read: the first piece comes before the last finding's row is made", () => {
    const input = manyMissing(20_000)
    const findings = [...input.result.findings]
    // A warning of a precinct that no territory knows and whose id sorts last: the document's last row.
    findings.push({
      ...findings[0],
      precinct: "zz",
      severity: "warning",
      get message(): string {
        throw new Error("the last finding's row was made")
      }
    })
    const pieces = reportDocument({ ...input, result: { ...input.result, findings } }, "en")[Symbol.iterator]()
    expect(pieces.next().value).toMatch(/^<!DOCTYPE html>/)
    expect(() => {
      for (let p = pieces.next(); p.done !== true; p = pieces.next());
    }).toThrow("the last finding's row was made")
  })
})
