/**
 * Pretty JSON in pieces: exactly the text of `JSON.stringify(value, null, 2)` and a line end, as a list of strings
 * of about a megabyte each. A result with a million findings is some hundreds of megabytes of JSON, near the
 * longest string V8 can make (2^29 characters), so it is never made as one string: it is written piece by piece.
 */

/** What a list of pieces is: the text is their concatenation. */
export type JsonChunks = ReadonlyArray<string>

/** Array items stringified at once: each batch's text is a small string, however long the array. */
const batchLength = 512
const pieceLength = 1 << 20

/** `value` as pretty JSON (two spaces, as `JSON.stringify(value, null, 2)`), then a line end, in pieces. */
export const jsonChunks = (value: unknown): JsonChunks => {
  const pieces: Array<string> = []
  let parts: Array<string> = []
  let length = 0
  const push = (s: string) => {
    parts.push(s)
    length += s.length
    if (length >= pieceLength) {
      pieces.push(parts.join(""))
      parts = []
      length = 0
    }
  }
  /**
   * Writes `v` (already through `toJSON`) at indentation `pad`; returns false when JSON has nothing for it
   * (undefined, a function). Objects are laid out key by key; an array's items go to JSON.stringify in batches,
   * whose text at indentation `pad` is its text with `pad` after every line break.
   */
  const write = (v: unknown, pad: string): boolean => {
    if (Array.isArray(v)) {
      if (v.length === 0) return push("[]"), true
      const edge = 2 + pad.length
      push(`[\n${pad}`)
      for (let from = 0; from < v.length; from += batchLength) {
        const text = (JSON.stringify(v.slice(from, from + batchLength), null, 2) as string).replaceAll("\n", `\n${pad}`)
        if (from > 0) push(`,\n${pad}`)
        push(text.slice(edge, text.length - edge))
      }
      push(`\n${pad}]`)
      return true
    }
    if (v === null || typeof v !== "object") {
      const text = JSON.stringify(v) as string | undefined
      if (text === undefined) return false
      push(text)
      return true
    }
    const inner = `${pad}  `
    let first = true
    for (const key of Object.keys(v)) {
      const item = prepared((v as Record<string, unknown>)[key], key)
      if (item === undefined || typeof item === "function" || typeof item === "symbol") continue
      push(first ? `{\n${inner}${JSON.stringify(key)}: ` : `,\n${inner}${JSON.stringify(key)}: `)
      first = false
      write(item, inner)
    }
    push(first ? "{}" : `\n${pad}}`)
    return true
  }
  if (!write(prepared(value, ""), "")) throw new Error("jsonChunks: the value has no JSON text")
  push("\n")
  if (parts.length > 0) pieces.push(parts.join(""))
  return pieces
}

/** A value as JSON.stringify sees it: through its `toJSON`, if it has one. */
const prepared = (v: unknown, key: string): unknown =>
  v !== null && typeof v === "object" && typeof (v as { toJSON?: unknown }).toJSON === "function" ? (v as { toJSON: (k: string) => unknown }).toJSON(key) : v
