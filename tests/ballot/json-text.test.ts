/**
 * The strict JSON parser reads what JSON.parse reads, value for value, and refuses what it refuses; a key given
 * twice in an object is a problem at the second, however the key is written and however many objects repeat it.
 */
import fc from "fast-check"
import { describe, expect, it } from "vitest"
import { lineColumns, parseJson } from "../../src/ballot/json-text.js"

/** The value parseJson reads, written back as JSON (or its problems). */
const read = (text: string) => {
  const r = parseJson(text)
  return r.ok ? JSON.stringify(r.value) : r.problems
}

describe("parseJson", () => {
  it("reads every JSON document as JSON.parse does (numbers, strings, escapes, nesting, indentation)", () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 6 }), fc.constantFrom(undefined, 0, 2, "\t"), (value, indent) => {
        const text = JSON.stringify(value, null, indent)
        expect(read(text)).toBe(JSON.stringify(JSON.parse(text)))
      }),
      { numRuns: 500, seed: 7 }
    )
  })

  it("numbers: every form RFC 8259 allows, as JSON.parse reads them; the forms it does not, refused where they go wrong", () => {
    const good = ["0", "-0", "7", "-12", "123456789012345", "1234567890123456789", "9007199254740993", "1.5", "-0.25", "1e3", "1E+3", "2e-2", "0.1e1", "12.5E-3"]
    for (const n of good) expect(read(`[${n}]`), n).toBe(JSON.stringify(JSON.parse(`[${n}]`)))
    const bad: ReadonlyArray<[string, number, string]> = [
      ["-", 1, "expected a value (a number, a string in double quotes, true, false, null, an object or a list)"],
      ["01", 2, 'expected "," or "]"'],
      ["1.", 2, 'expected "," or "]"'],
      ["1e", 2, 'expected "," or "]"'],
      ["1e+", 2, 'expected "," or "]"'],
      ["-01", 3, 'expected "," or "]"'],
      ["+1", 1, "expected a value (a number, a string in double quotes, true, false, null, an object or a list)"],
      [".5", 1, "expected a value (a number, a string in double quotes, true, false, null, an object or a list)"]
    ]
    for (const [n, offset, message] of bad) {
      expect(() => JSON.parse(`[${n}]`), n).toThrow()
      expect(read(`[${n}]`), n).toEqual([{ offset, message: `not valid JSON: ${message}` }])
    }
  })

  it("a key given twice in one of many objects alike is found, also when written with an escape", () => {
    const rows = Array.from({ length: 2000 }, (_, i) => (i === 1500 ? '{"id":"a","\\u0069d":"b"}' : i === 1700 ? '{"\\u0069d":"a","id":"b"}' : `{"id":"p${i}","voters":${i}}`))
    const text = `[${rows.join(",\n")}]`
    const at = lineColumns(text)
    const r = parseJson(text)
    expect(r.ok).toBe(false)
    if (!r.ok) expect(r.problems.map((p) => [at(p.offset), p.message])).toEqual([
      [{ line: 1501, column: 11 }, 'the key "id" appears twice in this object; each key may be given once'],
      [{ line: 1701, column: 16 }, 'the key "id" appears twice in this object; each key may be given once']
    ])
    // The same keys in other orders, other objects and other depths are read as written.
    const mixed = '[{"a":1,"b":{"a":2,"b":3}},{"b":4,"a":5},{"a":{"b":{"a":6}},"ab":7,"b":8},{"a\\"":9,"a":10}]'
    expect(read(mixed)).toBe(JSON.stringify(JSON.parse(mixed)))
  })
})
