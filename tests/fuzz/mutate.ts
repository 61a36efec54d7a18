/**
 * Seeded mutators of the inputs kenesh reads: CSV files (protocols, registry, results), election.json and
 * command lines. Each picks one to three mutations; each mutation is a thing a person, a spreadsheet or a broken
 * transfer does to a file.
 */
import type { Random } from "./random.js"

/** Characters a mutation inserts or replaces with: separators, quotes, line ends, signs, odd spaces, controls. */
const characters = [",", '"', "\n", "\r", "\r\n", " ", "-", "+", ".", ";", "0", "7", "9", "a", "é", "Ж", "\t", "\u0000", "\u0007", "\u001b", "\u00a0", "\ufeff", "\u2028", "😀", "\\", "'", "=", "e"]

/** Cell values that a reader must refuse or read exactly. */
const cells = [
  "", " ", " 5", "5 ", "-3", "+3", "3.0", '"1,000"', "1e3", "0x10", "٣", "NaN", "Infinity", "007",
  "9007199254740991", "9007199254740992", "99999999999999999999", "__proto__", "constructor", "toString", "hasOwnProperty",
  '"quoted"', '"a""b"', '"unterminated', 'x"y', '"line\nbreak"', "\u0000", "\u001b[31mred", "9".repeat(400)
]

/** Text as lines, keeping each line's ending. */
const lines = (text: string): Array<string> => text.match(/[^\n]*\n|[^\n]+$/g) ?? []

const at = (r: Random, n: number) => (n <= 0 ? 0 : r.int(n))

/** One mutation of CSV text. */
const csvStep = (r: Random, text: string): string => {
  const ls = lines(text)
  switch (r.int(16)) {
    case 0: {
      const i = at(r, text.length + 1)
      return text.slice(0, i) + r.pick(characters) + text.slice(i)
    }
    case 1: {
      const i = at(r, text.length)
      return text.slice(0, i) + r.pick(characters) + text.slice(i + 1)
    }
    case 2: {
      const i = at(r, text.length)
      return text.slice(0, i) + text.slice(i + 1 + r.int(3))
    }
    case 3:
    case 4: {
      // One cell of one row replaced.
      const li = at(r, ls.length)
      const line = ls[li] ?? ""
      const end = line.endsWith("\r\n") ? "\r\n" : line.endsWith("\n") ? "\n" : ""
      const parts = line.slice(0, line.length - end.length).split(",")
      parts[at(r, parts.length)] = r.pick(cells)
      ls[li] = parts.join(",") + end
      return ls.join("")
    }
    case 5: {
      const li = at(r, ls.length)
      ls.splice(li, 1)
      return ls.join("")
    }
    case 6: {
      const li = at(r, ls.length)
      ls.splice(li, 0, ls[li] ?? "")
      return ls.join("")
    }
    case 7: {
      const li = 1 + at(r, ls.length - 1)
      ls.splice(li, 0, r.pick(["\n", "\r\n", "\r", ",,,,,,,,,,\n", ",\r\n", " \n", '""\n']))
      return ls.join("")
    }
    case 8:
      // Some lines with CRLF, others with LF.
      return ls.map((l) => (r.chance(0.5) ? l.replace(/\n$/, "\r\n") : l)).join("")
    case 9:
      return text.slice(0, at(r, text.length))
    case 10:
      // The header's cells quoted, as some tools write them.
      return ls.length === 0 ? text : [ls[0].replace(/[^,\r\n]+/g, (c) => `"${c}"`), ...ls.slice(1)].join("")
    case 11: {
      // A column renamed, dropped or doubled in the header only.
      if (ls.length === 0) return text
      const end = ls[0].endsWith("\n") ? "\n" : ""
      const h = ls[0].trimEnd().split(",")
      const i = at(r, h.length)
      const k = r.int(3)
      if (k === 0) h[i] = h[i].slice(0, -1) || "x"
      else if (k === 1) h.splice(i, 1)
      else h.push(h[i])
      ls[0] = h.join(",") + end
      return ls.join("")
    }
    case 12:
      return "\ufeff" + text
    case 13:
      return r.chance(0.5) ? text.replaceAll(",", ";") : text.replace(/\n$/, "")
    case 14: {
      // Rows repeated: a larger file, with duplicates.
      const body = ls.slice(1)
      const times = 1 + r.int(r.chance(0.1) ? 400 : 5)
      return [ls[0] ?? "", ...Array.from({ length: times }, () => body).flat()].join("")
    }
    default: {
      const a = at(r, ls.length)
      const b = at(r, ls.length)
      ;[ls[a], ls[b]] = [ls[b], ls[a]]
      return ls.join("")
    }
  }
}

/** Bytes of a text, sometimes in another encoding or with a byte that is not UTF-8. */
const encode = (r: Random, text: string): Buffer => {
  const k = r.int(40)
  if (k === 0) return Buffer.from(text, "latin1")
  if (k === 1) return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, "utf16le")])
  if (k === 2) {
    const b = Buffer.from(text, "utf8")
    const i = at(r, b.length)
    return Buffer.concat([b.subarray(0, i), Buffer.from([r.pick([0xff, 0xc0, 0xe9, 0x80, 0xcf])]), b.subarray(i)])
  }
  return Buffer.from(text, "utf8")
}

/** A mutated copy of a CSV file. */
export const mutateCsv = (r: Random, text: string): Buffer => {
  let t = text
  for (let n = 1 + r.int(3); n > 0; n--) t = csvStep(r, t)
  return encode(r, t)
}

/** Values a JSON mutation puts somewhere. */
const jsonValues: ReadonlyArray<unknown> = [
  null, true, false, 0, -1, 1.5, 1e21, 9007199254740993, "", " ", "x", "__proto__", "constructor", [], {}, [1, 2], { a: 1 },
  "\u0000", "\u001b[2J", "\ud800", "9".repeat(2000), 2000, 1000000
]

type Json = null | boolean | number | string | Array<Json> | { [k: string]: Json }

/** Every path to a value in a JSON tree. */
const paths = (v: Json, prefix: Array<string | number> = [], out: Array<Array<string | number>> = []) => {
  out.push(prefix)
  if (Array.isArray(v)) v.forEach((x, i) => paths(x, [...prefix, i], out))
  else if (v !== null && typeof v === "object") for (const k of Object.keys(v)) paths(v[k], [...prefix, k], out)
  return out
}

const get = (v: Json, p: ReadonlyArray<string | number>): Json => p.reduce<Json>((acc, k) => (acc as Record<string, Json>)[k as string], v)

/** Paths a registry may name (resolved from the case's folder). */
const registryPaths = ["", ".", "..", "/dev/zero", "/dev/null", "/proc/self/status", "/proc/self/mem", "missing.csv", "fifo", "folder", "precincts.csv", "/etc/passwd"]

/** One structural mutation of an election document, or null to mutate its text instead. */
const jsonStep = (r: Random, doc: Json, ids: ReadonlyArray<string>): Json => {
  const all = paths(doc).filter((p) => p.length > 0)
  const p = r.pick(all)
  const parent = get(doc, p.slice(0, -1)) as Record<string | number, Json>
  const key = p[p.length - 1]
  switch (r.int(8)) {
    case 0:
      if (Array.isArray(parent)) parent.splice(key as number, 1)
      else delete parent[key]
      break
    case 1:
      parent[key] = r.pick(jsonValues) as Json
      break
    case 2:
      if (!Array.isArray(parent)) parent[r.pick(["extra", "Seats", "__proto__", "constructor", "toString"])] = 1
      else parent.push(parent[0] ?? null)
      break
    case 3:
      ;(doc as Record<string, Json>).precincts = r.pick(registryPaths)
      break
    case 4:
      ;(doc as Record<string, Json>).annulled = Array.from({ length: r.chance(0.1) ? 20000 : 1 + r.int(5) }, () => (r.chance(0.7) ? r.pick(ids) : `x${r.int(100)}`))
      break
    case 5:
      ;(doc as Record<string, Json>).lots = [{ among: [r.pick(ids), "__proto__"], winners: [r.pick(ids)] }]
      break
    case 6:
      ;(doc as Record<string, Json>).rules = r.pick<Json>([{ tie: "votes" }, { threshold: { percent: "100.5" } }, { threshold: { percent: 1e400 } }, { marksPerVoter: 0 }, { womenReserve: null }, { x: 1 }])
      break
    default:
      if (typeof parent[key] === "string") parent[key] = `${parent[key] as string}${r.pick(["\u0000", "\u0085", "\\", '"', " "])}`
  }
  return doc
}

/** One mutation of JSON text: a character, a duplicate key, deep nesting, a bad escape. */
const jsonTextStep = (r: Random, text: string): string => {
  const i = at(r, text.length)
  switch (r.int(7)) {
    case 0:
      return text.slice(0, i) + r.pick([...characters, "{", "}", "[", "]", ":"]) + text.slice(i)
    case 1:
      return text.slice(0, i) + text.slice(i + 1)
    case 2:
      return text.replace("{", `{${r.pick(['"seats": 3,', '"rules": {},', '"id": "z",', '"system": "majoritarian",'])}`)
    case 3: {
      const depth = r.pick([70, 2500, 100000])
      return text.replace(/"name": *"[^"]*"/, `"name": ${"[".repeat(depth)}${"]".repeat(depth)}`)
    }
    case 4:
      return text.replace(/"name": *"/, `"name": "${r.pick(["\\x", "\\u12", "\\u00zz", "\\", "\\ud800", "\t", "\\u0000", "\\u001b"])}`)
    case 5:
      return text.replace(/\n/g, r.pick(["\r\n", "\r", " "]))
    default:
      return text.replace(/(\d+)/, r.pick(["1e400", "-0", "1.0", "01", "9007199254740993", "0x10", "Infinity", "NaN"]))
  }
}

/** A mutated copy of an election.json text; `ids` are precinct ids to draw from. */
export const mutateElection = (r: Random, text: string, ids: ReadonlyArray<string>): Buffer => {
  let t = text
  if (r.chance(0.6)) {
    const doc = JSON.parse(t) as Json
    for (let n = 1 + r.int(2); n > 0; n--) jsonStep(r, doc, ids)
    t = JSON.stringify(doc, null, r.chance(0.5) ? 2 : undefined)
  }
  if (r.chance(0.5)) for (let n = 1 + r.int(2); n > 0; n--) t = jsonTextStep(r, t)
  return encode(r, t)
}

/** Values put into a flag. */
const flagValues = ["", "-5", "0", "1", "7", "100.0000001", "1e400", "NaN", "99999999999999999999", "abc", "a,b", ",", "--x", "5.5", " 5", "١", "\u001b[31m"]

/** One mutation of a command line: a flag misspelt, joined with `=`, given twice, without its value, and so on. */
const argStep = (r: Random, argv: Array<string>): Array<string> => {
  const flags = argv.map((a, i) => (a.startsWith("--") ? i : -1)).filter((i) => i > 0)
  const fi = flags.length > 0 ? r.pick(flags) : 1
  const a = [...argv]
  switch (r.int(12)) {
    case 0: {
      const f = a[fi]
      const j = 2 + at(r, f.length - 2)
      a[fi] = r.chance(0.5) ? f.slice(0, j) + f.slice(j + 1) : f.slice(0, j) + f[j + 1] + f[j] + f.slice(j + 2)
      return a
    }
    case 1:
      if (fi + 1 < a.length && !a[fi + 1].startsWith("--")) a.splice(fi, 2, `${a[fi]}=${a[fi + 1]}`)
      return a
    case 2:
      return [...a, a[fi], fi + 1 < a.length ? a[fi + 1] : "1"]
    case 3:
      if (fi + 1 < a.length) a.splice(fi + 1, 1)
      return a
    case 4:
      if (fi + 1 < a.length) a[fi + 1] = r.pick(flagValues)
      return a
    case 5:
      return [...a, r.pick(["--xyz", "--Format", "-f", "--help", "-h", "--version", "--", "--wizard", "--log-level=debug", "--completions"])]
    case 6:
      a.splice(fi, 1)
      return a
    case 7:
      return [...a, r.pick(["extra.csv", "-", "--", "", "\u001b"])]
    case 8:
      a[0] = r.pick([`${a[0]}x`, a[0].slice(1), a[0].toUpperCase(), "help", ""])
      return a
    case 9:
      a[fi] = a[fi].slice(1)
      return a
    case 10:
      return [a[0], ...a.slice(1).reverse()]
    default:
      return [...a, r.pick(["--seats", "--method", "--lot", "--threshold", "--reader", "--out", "--format"]), r.pick(flagValues)]
  }
}

/** A mutated command line. */
export const mutateArgs = (r: Random, argv: ReadonlyArray<string>): Array<string> => {
  let a = [...argv]
  for (let n = 1 + r.int(3); n > 0; n--) a = argStep(r, a)
  return a
}
