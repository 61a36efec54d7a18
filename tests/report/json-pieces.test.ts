/** The pieces of pretty and of compact JSON are exactly JSON.stringify's text, however the value nests. */
import fc from "fast-check"
import { describe, expect, it } from "vitest"
import { jsonChunks, jsonPieces } from "../../src/report/json-pieces.js"

const pretty = (v: unknown) => `${JSON.stringify(v, null, 2)}\n`
const compact = (v: unknown) => `${JSON.stringify(v)}\n`

describe("jsonChunks", () => {
  it("joined, equals JSON.stringify(value, null, 2) and a line end, for any JSON value", () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        expect(jsonChunks(v).join("")).toBe(pretty(v))
      }),
      { numRuns: 500 }
    )
  })

  it("as JSON.stringify: undefined and functions left out of objects, null in arrays; toJSON used; __proto__ as a key", () => {
    const odd = Object.assign(Object.create(null) as Record<string, unknown>, { a: undefined, b: () => 1, c: [undefined, () => 2, 3], d: { toJSON: () => ["x"] }, e: {}, f: [] })
    odd["__proto__"] = { deep: { deeper: [1, { x: "a\nb" }] } }
    expect(jsonChunks(odd).join("")).toBe(pretty(odd))
    expect(jsonChunks({ when: new Date(0) }).join("")).toBe(pretty({ when: new Date(0) }))
  })

  it("a large result comes in pieces of about a megabyte, none of them the whole text", () => {
    const findings = Array.from({ length: 30_000 }, (_, i) => ({ code: "missing-precinct", precinct: `P${i}`, message: `no protocol from registered precinct "P${i}"` }))
    const chunks = jsonChunks({ findings, nested: { deeper: [[1, 2], { a: findings.slice(0, 2000) }] } })
    expect(chunks.length).toBeGreaterThan(3)
    expect(Math.max(...chunks.map((c) => c.length))).toBeLessThan(2 * (1 << 20))
    expect(chunks.join("")).toBe(pretty({ findings, nested: { deeper: [[1, 2], { a: findings.slice(0, 2000) }] } }))
  })

  it("jsonPieces: the same pieces, made anew at each reading; a value with no JSON text is refused at once", () => {
    const findings = Array.from({ length: 30_000 }, (_, i) => ({ code: "missing-precinct", precinct: `P${i}` }))
    const pieces = jsonPieces({ findings })
    expect([...pieces]).toEqual(jsonChunks({ findings }))
    expect([...pieces]).toEqual(jsonChunks({ findings }))
    expect(() => jsonPieces(undefined)).toThrow("no JSON text")
  })
})

describe("jsonPieces, compact", () => {
  it("joined, equals JSON.stringify(value) and a line end, for any JSON value", () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        expect([...jsonPieces(v, "compact")].join("")).toBe(compact(v))
      }),
      { numRuns: 500 }
    )
  })

  it("as JSON.stringify: undefined and functions left out of objects, null in arrays; toJSON used; __proto__ as a key", () => {
    const odd = Object.assign(Object.create(null) as Record<string, unknown>, { a: undefined, b: () => 1, c: [undefined, () => 2, 3], d: { toJSON: () => ["x"] }, e: {}, f: [] })
    odd["__proto__"] = { deep: { deeper: [1, { x: "a\nb" }] } }
    expect([...jsonPieces(odd, "compact")].join("")).toBe(compact(odd))
  })

  it("a large result comes in pieces of about a megabyte, none of them the whole text", () => {
    const findings = Array.from({ length: 30_000 }, (_, i) => ({ code: "missing-precinct", precinct: `P${i}`, message: `no protocol from registered precinct "P${i}"` }))
    const value = { findings, nested: { deeper: [[1, 2], { a: findings.slice(0, 2000) }] } }
    const pieces = [...jsonPieces(value, "compact")]
    expect(pieces.length).toBeGreaterThan(2)
    expect(Math.max(...pieces.map((c) => c.length))).toBeLessThan(2 * (1 << 20))
    expect(pieces.join("")).toBe(compact(value))
  })
})
