/**
 * Pretty JSON in pieces: exactly the text of `JSON.stringify(value, null, 2)` and a line end, as a list of strings
 * of about a megabyte each. A result with a million findings is some hundreds of megabytes of JSON, near the
 * longest string V8 can make (2^29 characters), so it is never made as one string: it is written piece by piece.
 */

/** What a list of pieces is: the text is their concatenation. */
export type JsonChunks = ReadonlyArray<string>

/** Below this depth, objects and arrays are laid out here; deeper ones (a finding, a precinct's answer) by JSON.stringify. */
const spreadDepth = 2
const pieceLength = 1 << 20

/** `value` as pretty JSON (two spaces, as `JSON.stringify(value, null, 2)`), then a line end, in pieces. */
export const jsonChunks = (value: unknown): JsonChunks => {
  const pieces: Array<string> = []
  let piece = ""
  const push = (s: string) => {
    piece += s
    if (piece.length >= pieceLength) {
      pieces.push(piece)
      piece = ""
    }
  }
  /** Writes `v` (already through `toJSON`) at indentation `pad`; returns false when JSON has nothing for it (undefined, a function). */
  const write = (v: unknown, pad: string, depth: number): boolean => {
    if (depth >= spreadDepth || v === null || typeof v !== "object") {
      const text = JSON.stringify(v, null, 2) as string | undefined
      if (text === undefined) return false
      push(pad === "" ? text : text.replaceAll("\n", `\n${pad}`))
      return true
    }
    const inner = `${pad}  `
    if (Array.isArray(v)) {
      if (v.length === 0) return push("[]"), true
      push("[\n")
      v.forEach((item, i) => {
        push(inner)
        if (!write(prepared(item, String(i)), inner, depth + 1)) push("null")
        push(i < v.length - 1 ? ",\n" : "\n")
      })
      push(`${pad}]`)
      return true
    }
    let first = true
    for (const key of Object.keys(v)) {
      const item = prepared((v as Record<string, unknown>)[key], key)
      if (item === undefined || typeof item === "function" || typeof item === "symbol") continue
      push(first ? `{\n${inner}${JSON.stringify(key)}: ` : `,\n${inner}${JSON.stringify(key)}: `)
      first = false
      write(item, inner, depth + 1)
    }
    push(first ? "{}" : `\n${pad}}`)
    return true
  }
  if (!write(prepared(value, ""), "", 0)) throw new Error("jsonChunks: the value has no JSON text")
  push("\n")
  if (piece !== "") pieces.push(piece)
  return pieces
}

/** A value as JSON.stringify sees it: through its `toJSON`, if it has one. */
const prepared = (v: unknown, key: string): unknown =>
  v !== null && typeof v === "object" && typeof (v as { toJSON?: unknown }).toJSON === "function" ? (v as { toJSON: (k: string) => unknown }).toJSON(key) : v
