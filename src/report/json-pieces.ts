/**
 * JSON in pieces: exactly the text of `JSON.stringify(value, null, 2)` (pretty, as the commands print it) or of
 * `JSON.stringify(value)` (compact, as `kenesh serve` answers), and a line end, as a list of strings of about a
 * megabyte each. A result with a million findings is some hundreds of megabytes of JSON, near the longest string
 * V8 can make (2^29 characters), so it is never made as one string: it is written piece by piece.
 */

import { inPieces, type Pieces } from "./pieces.js"

/** JSON's pieces, kept: the text is printed and also written to result.json. */
export type JsonChunks = ReadonlyArray<string>

/** How JSON is laid out: pretty (two spaces, as `JSON.stringify(value, null, 2)`) or compact (as `JSON.stringify(value)`). */
export type JsonLayout = "pretty" | "compact"

/** Array items stringified at once: each batch's text is a small string, however long the array. */
const batchLength = 512

/**
 * `value` as JSON (pretty by default), then a line end, in pieces (src/report/pieces.ts) made anew at each
 * reading: for a text read once, such as result.json when it is not printed.
 * @example [...jsonPieces({ a: [1] }, "compact")] // ['{"a":[1]}\n']
 */
export const jsonPieces = (value: unknown, layout: JsonLayout = "pretty"): Pieces => {
  const top = prepared(value, "")
  if (!hasText(top)) throw new Error("jsonPieces: the value has no JSON text")
  const step = layout === "pretty" ? "  " : ""
  return inPieces(function* () {
    yield* fragments(top, "", step)
    yield "\n"
  })
}

/** The pieces of pretty `jsonPieces`, made once and kept, for a text read more than once (printed and written). */
export const jsonChunks = (value: unknown): JsonChunks => Array.from(jsonPieces(value))

/**
 * The text of `v` (already through `toJSON`, and with a JSON text) at indentation `pad`, indenting by `step`
 * (empty: compact), in fragments. Objects are laid out key by key; an array's items go to JSON.stringify in
 * batches, whose text at indentation `pad` is its text with `pad` after every line break.
 */
function* fragments(v: unknown, pad: string, step: string): Generator<string> {
  const nl = step === "" ? "" : "\n"
  if (Array.isArray(v)) {
    if (v.length === 0) {
      yield "[]"
      return
    }
    const edge = 1 + nl.length + pad.length
    yield `[${nl}${pad}`
    for (let from = 0; from < v.length; from += batchLength) {
      const text = (JSON.stringify(v.slice(from, from + batchLength), null, step) as string).replaceAll("\n", `\n${pad}`)
      if (from > 0) yield `,${nl}${pad}`
      yield text.slice(edge, text.length - edge)
    }
    yield `${nl}${pad}]`
    return
  }
  if (v === null || typeof v !== "object") {
    yield JSON.stringify(v) as string
    return
  }
  const inner = `${pad}${step}`
  const colon = step === "" ? ":" : ": "
  let first = true
  for (const key of Object.keys(v)) {
    const item = prepared((v as Record<string, unknown>)[key], key)
    if (!hasText(item)) continue
    yield `${first ? "{" : ","}${nl}${inner}${JSON.stringify(key)}${colon}`
    first = false
    yield* fragments(item, inner, step)
  }
  yield first ? "{}" : `${nl}${pad}}`
}

/** Whether JSON has a text for a value (JSON.stringify leaves undefined, functions and symbols out of objects). */
const hasText = (v: unknown): boolean => v !== undefined && typeof v !== "function" && typeof v !== "symbol"

/** A value as JSON.stringify sees it: through its `toJSON`, if it has one. */
const prepared = (v: unknown, key: string): unknown =>
  v !== null && typeof v === "object" && typeof (v as { toJSON?: unknown }).toJSON === "function" ? (v as { toJSON: (k: string) => unknown }).toJSON(key) : v
