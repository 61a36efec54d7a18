/** The languages of the human-facing output (SPEC §2 `--lang`) and the table of words of each. */
import { en, type Labels } from "./labels/en.js"
import { ky } from "./labels/ky.js"
import { ru } from "./labels/ru.js"

/** A language of the terminal table, report.html and the live page. */
export type Lang = "en" | "ru" | "ky"

/** Every language, in the order `--help` lists them. */
export const languages: ReadonlyArray<Lang> = ["en", "ru", "ky"]

const tables: ReadonlyMap<Lang, Labels> = new Map<Lang, Labels>([
  ["en", en],
  ["ru", ru],
  ["ky", ky]
])

/** The words of a language. */
export const labelsFor = (lang: Lang): Labels => tables.get(lang)!

/** What a finding code means in the language; a code the table does not know shows itself. */
export const codeText = (L: Labels, code: string): string => {
  const codes: Readonly<Record<string, string>> = L.codes
  return Object.hasOwn(codes, code) ? codes[code] : code
}

export type { Labels }
