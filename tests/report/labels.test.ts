/** Every language has every word: the tables of ru and ky have exactly the keys of en, each of the same kind. */
import { describe, expect, it } from "vitest"
import { en } from "../../src/report/labels/en.js"
import { codes } from "../../src/reconciliation/finding.js"
import { labelsFor, languages } from "../../src/report/language.js"
import { lineFields } from "../../src/ballot/protocol.js"

/** Every path of a table with the kind of value there: "status.final: string", "version: function/3". */
const shape = (value: unknown, at = ""): Array<string> => {
  if (typeof value === "function") return [`${at}: function/${value.length}`]
  if (Array.isArray(value)) return [`${at}: array/${value.length}`]
  if (typeof value === "object" && value !== null)
    return Object.keys(value)
      .sort()
      .flatMap((k) => shape((value as Record<string, unknown>)[k], at === "" ? k : `${at}.${k}`))
  return [`${at}: ${typeof value}`]
}

/** Sample arguments for a word function of `n` parameters: every mix of a number, a text and a list, in turn. */
const argumentMixes = function* (n: number): Generator<Array<unknown>> {
  const samples: ReadonlyArray<unknown> = [2, "x", ["a", "b"]]
  for (let k = 0; k < samples.length ** n; k++) yield Array.from({ length: n }, (_, i) => samples[Math.floor(k / samples.length ** i) % samples.length])
}

/** Every string a table holds; a function is called with the first mix of sample arguments it accepts. */
const texts = (value: unknown): Array<string> => {
  if (typeof value === "string") return [value]
  if (typeof value === "function") {
    for (const args of argumentMixes(value.length)) {
      try {
        const out = (value as (...a: Array<unknown>) => unknown)(...args)
        if (typeof out === "string") return [out]
      } catch {
        // The next mix.
      }
    }
    throw new Error(`no sample arguments fit ${value.toString().slice(0, 80)}`)
  }
  if (Array.isArray(value)) return value.flatMap(texts)
  if (typeof value === "object" && value !== null) return Object.values(value).flatMap(texts)
  return []
}

describe("the tables of words", () => {
  it.each(languages.filter((l) => l !== "en"))("%s has exactly the keys of en, each of the same kind", (lang) => {
    expect(shape(labelsFor(lang))).toEqual(shape(en))
  })

  it("a key missing in one language is caught", () => {
    const { headings, ...rest } = labelsFor("ru")
    const { findings, ...fewer } = headings
    expect(findings).toBeTypeOf("string")
    expect(shape({ ...rest, headings: fewer })).not.toEqual(shape(en))
  })

  it.each(languages)("%s names every finding code, every protocol line and every status, and no word is empty", (lang) => {
    const L = labelsFor(lang)
    for (const code of [...Object.keys(codes), "asu-mismatch"]) expect(Object.hasOwn(L.codes, code), code).toBe(true)
    for (const line of [...lineFields, "participants"] as const) expect(L.lines[line]).not.toBe("")
    for (const s of ["final", "blocked", "incomplete", "failed", "lot-required"] as const) expect(L.status[s]).not.toBe("")
    for (const t of texts(L)) expect(t.trim()).not.toBe("")
    expect(L.tag).toBe(lang)
  })

  it("the words differ between languages where they must (not English copied)", () => {
    for (const lang of ["ru", "ky"] as const) {
      const L = labelsFor(lang)
      expect(L.lines.invalid).not.toBe(en.lines.invalid)
      expect(L.headings.findings).not.toBe(en.headings.findings)
      expect(L.codes["ballot-balance"]).not.toBe(en.codes["ballot-balance"])
    }
  })

  it("Kyrgyz takes its terms from the law text", () => {
    const ky = labelsFor("ky")
    expect(ky.lines.invalid).toMatch(/жараксыз/i)
    expect(ky.lines.valid).toMatch(/жарактуу/i)
    expect(ky.lines.against_all).toBe("Баардыгына каршы")
    expect(ky.lines.voters).toMatch(/шайлоочулар/)
    expect(ky.lines.received).toMatch(/бюллетен/)
  })

  it("Russian counts agree with their number: 1 мандат, 2 мандата, 5 мандатов, 11 мандатов, 21 мандат", () => {
    const ru = labelsFor("ru")
    expect([1, 2, 5, 11, 21, 22, 112].map(ru.seatsOfKenesh)).toEqual(["1 мандат", "2 мандата", "5 мандатов", "11 мандатов", "21 мандат", "22 мандата", "112 мандатов"])
  })
})
