/**
 * Pretty JSON in pieces: exactly the text of `JSON.stringify(value, null, 2)` and a line end, as a list of strings
 * of about a megabyte each. A result with a million findings is some hundreds of megabytes of JSON, near the
 * longest string V8 can make (2^29 characters), so it is never made as one string: it is written piece by piece.
 */

import { inPieces, type Pieces } from "../report/pieces.js"

/** JSON's pieces, kept: the text is printed and also written to result.json. */
export type JsonChunks = ReadonlyArray<string>

/** Array items stringified at once: each batch's text is a small string, however long the array. */
const batchLength = 512

/**
 * `value` as pretty JSON (two spaces, as `JSON.stringify(value, null, 2)`), then a line end, in pieces
 * (src/report/pieces.ts) made anew at each reading: for a text read once, such as result.json when it is not printed.
 */
export const jsonPieces = (value: unknown): Pieces => {
  const top = prepared(value, "")
  if (!hasText(top)) throw new Error("jsonPieces: the value has no JSON text")
  return inPieces(function* () {
    yield* fragments(top, "")
    yield "\n"
  })
}

/** The pieces of `jsonPieces`, made once and kept, for a text read more than once (printed and written). */
export const jsonChunks = (value: unknown): JsonChunks => Array.from(jsonPieces(value))

/**
 * The text of `v` (already through `toJSON`, and with a JSON text) at indentation `pad`, in fragments. Objects are
 * laid out key by key; an array's items go to JSON.stringify in batches, whose text at indentation `pad` is its
 * text with `pad` after every line break.
 */
function* fragments(v: unknown, pad: string): Generator<string> {
  if (Array.isArray(v)) {
    if (v.length === 0) {
      yield "[]"
      return
    }
    const edge = 2 + pad.length
    yield `[\n${pad}`
    for (let from = 0; from < v.length; from += batchLength) {
      const text = (JSON.stringify(v.slice(from, from + batchLength), null, 2) as string).replaceAll("\n", `\n${pad}`)
      if (from > 0) yield `,\n${pad}`
      yield text.slice(edge, text.length - edge)
    }
    yield `\n${pad}]`
    return
  }
  if (v === null || typeof v !== "object") {
    yield JSON.stringify(v) as string
    return
  }
  const inner = `${pad}  `
  let first = true
  for (const key of Object.keys(v)) {
    const item = prepared((v as Record<string, unknown>)[key], key)
    if (!hasText(item)) continue
    yield first ? `{\n${inner}${JSON.stringify(key)}: ` : `,\n${inner}${JSON.stringify(key)}: `
    first = false
    yield* fragments(item, inner)
  }
  yield first ? "{}" : `\n${pad}}`
}

/** Whether JSON has a text for a value (JSON.stringify leaves undefined, functions and symbols out of objects). */
const hasText = (v: unknown): boolean => v !== undefined && typeof v !== "function" && typeof v !== "symbol"

/** A value as JSON.stringify sees it: through its `toJSON`, if it has one. */
const prepared = (v: unknown, key: string): unknown =>
  v !== null && typeof v === "object" && typeof (v as { toJSON?: unknown }).toJSON === "function" ? (v as { toJSON: (k: string) => unknown }).toJSON(key) : v
