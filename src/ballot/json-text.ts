/**
 * JSON with positions, for `file:line:column` messages: a strict parser (duplicate keys and nesting beyond a bound
 * are problems, not silent choices), the offsets of values at many paths in one pass, and lines and columns.
 * Every step is iterative or bounded in depth and linear in the text.
 */
import { lastAtOrBefore } from "./sorted-search.js"
import { shown } from "./problem.js"

/** A path into a JSON document: object keys and array indexes. */
export type JsonPath = ReadonlyArray<PropertyKey>

/** A problem at a character offset of the text. */
export interface JsonProblem {
  readonly offset: number
  readonly message: string
}

/** The parsed value, or the problems that make the text unusable (the first syntax error, or every duplicate key). */
export type ParsedJson = { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly problems: ReadonlyArray<JsonProblem> }

/** Deeper nesting than this is refused: no election file needs more than a few levels. */
export const maxDepth = 64

class JsonSyntaxError {
  constructor(readonly offset: number, readonly message: string) {}
}

const hasOwn = Object.prototype.hasOwnProperty

/** Sets a key as an own property, also `__proto__`, as JSON.parse does. */
const setKey = (obj: Record<string, unknown>, key: string, value: unknown): void => {
  if (key === "__proto__") Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true })
  else obj[key] = value
}

const escapes: Record<string, string> = { '"': '"', "\\": "\\", "/": "/", b: "\b", f: "\f", n: "\n", r: "\r", t: "\t" }

/** The character at `i` for a message: printable as it is, else as U+XXXX. */
const character = (text: string, i: number): string => {
  const c = text.charCodeAt(i)
  return c < 32 || c === 127 || (c >= 0x80 && c < 0xa0) ? `U+${c.toString(16).toUpperCase().padStart(4, "0")}` : `"${text[i]}"`
}

/**
 * Parses `text` as one JSON document (RFC 8259). Duplicate keys in an object are each a problem at the repeated
 * key; nesting deeper than `maxDepth` is a problem at the first container too deep.
 * @example parseJson('{"a":1,"a":2}') // { ok: false, problems: [{ offset: 7, message: 'the key "a" appears twice in this object' }] }
 */
export const parseJson = (text: string): ParsedJson => {
  const n = text.length
  let pos = 0
  const duplicates: Array<JsonProblem> = []
  const fail = (message: string, at = pos): never => {
    throw new JsonSyntaxError(at, at >= n ? "the file ends too early" : message)
  }
  const ws = () => {
    while (pos < n) {
      const c = text.charCodeAt(pos)
      if (c === 32 || c === 9 || c === 10 || c === 13) pos++
      else break
    }
  }
  const readString = (): string => {
    if (text.charCodeAt(pos) !== 34) fail("expected a string in double quotes")
    const start = ++pos
    let out = ""
    let from = start
    for (;;) {
      if (pos >= n) fail("a string is not closed", start - 1)
      const c = text.charCodeAt(pos)
      if (c === 34) {
        out += text.slice(from, pos)
        pos++
        return out
      }
      if (c === 92) {
        out += text.slice(from, pos)
        const e = text[pos + 1]
        if (e === "u") {
          const hex = text.slice(pos + 2, pos + 6)
          if (!/^[0-9a-fA-F]{4}$/.test(hex)) fail("a \\u escape needs four hexadecimal digits", pos)
          out += String.fromCharCode(Number.parseInt(hex, 16))
          pos += 6
        } else if (e !== undefined && hasOwn.call(escapes, e)) {
          out += escapes[e]
          pos += 2
        } else if (pos + 1 >= n) fail("a string is not closed", start - 1)
        else fail(`${character(text, pos + 1)} cannot follow a backslash; write \\\\ for a backslash`, pos)
        from = pos
        continue
      }
      if (c === 10 || c === 13) fail("a string is not closed before the end of the line")
      if (c < 32) fail(`a control character (${character(text, pos)}) inside a string; write it as an escape such as \\t`)
      pos++
    }
  }
  const primitive = (): unknown => {
    const c = text.charCodeAt(pos)
    if (c === 34) return readString()
    if (text.startsWith("true", pos)) return (pos += 4), true
    if (text.startsWith("false", pos)) return (pos += 5), false
    if (text.startsWith("null", pos)) return (pos += 4), null
    return readNumber()
  }
  const isDigit = (at: number): boolean => {
    const d = text.charCodeAt(at)
    return d >= 48 && d <= 57
  }
  /** A number as RFC 8259 writes it (`-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`); a whole one of up to 15 digits is read without a string. */
  const readNumber = (): number => {
    const start = pos
    if (text.charCodeAt(pos) === 45) pos++
    const first = text.charCodeAt(pos)
    if (first === 48) pos++
    else if (first >= 49 && first <= 57) while (isDigit(pos)) pos++
    else {
      pos = start
      return fail("expected a value (a number, a string in double quotes, true, false, null, an object or a list)")
    }
    const whole = pos
    if (text.charCodeAt(pos) === 46 && isDigit(pos + 1)) {
      pos += 2
      while (isDigit(pos)) pos++
    }
    const e = text.charCodeAt(pos)
    if (e === 101 || e === 69) {
      const sign = text.charCodeAt(pos + 1) === 43 || text.charCodeAt(pos + 1) === 45 ? 1 : 0
      if (isDigit(pos + 1 + sign)) {
        pos += 2 + sign
        while (isDigit(pos)) pos++
      }
    }
    if (pos !== whole || whole - start > 15 || text.charCodeAt(start) === 45) return Number(text.slice(start, pos))
    let v = 0
    for (let i = start; i < whole; i++) v = v * 10 + (text.charCodeAt(i) - 48)
    return v
  }

  interface Frame {
    readonly value: Array<unknown> | Record<string, unknown>
    readonly isArray: boolean
    key: string
    /** Keys read in this object so far. */
    keys: number
  }
  const stack: Array<Frame> = []
  // The key last read at each depth and place in an object, written without escapes: objects in a list repeat their
  // keys, and one found again is the same string (no new string per key of a million objects).
  const lastKeys: Array<string | undefined> = []
  const readKey = (top: Frame): string => {
    const obj = top.value as Record<string, unknown>
    ws()
    const at = pos
    const slot = stack.length * 8 + top.keys
    const last = top.keys < 8 ? lastKeys[slot] : undefined
    top.keys++
    let key: string
    if (last !== undefined && text.charCodeAt(at) === 34 && text.charCodeAt(at + 1 + last.length) === 34 && text.startsWith(last, at + 1)) {
      key = last
      pos = at + last.length + 2
    } else {
      key = readString()
      if (top.keys <= 8 && pos - at === key.length + 2) lastKeys[slot] = key
    }
    if (hasOwn.call(obj, key)) duplicates.push({ offset: at, message: `the key "${shown(key)}" appears twice in this object; each key may be given once` })
    ws()
    if (text.charCodeAt(pos) !== 58) fail('expected ":"')
    pos++
    return key
  }

  try {
    let result: unknown
    parse: for (;;) {
      ws()
      let value: unknown
      const c = text.charCodeAt(pos)
      if (c === 123 || c === 91) {
        if (stack.length >= maxDepth) fail(`the lists and objects are nested more than ${maxDepth} levels deep`)
        pos++
        ws()
        if (c === 123) {
          const obj: Record<string, unknown> = {}
          if (text.charCodeAt(pos) === 125) (pos++, (value = obj))
          else {
            const frame: Frame = { value: obj, isArray: false, key: "", keys: 0 }
            stack.push(frame)
            frame.key = readKey(frame)
            continue
          }
        } else {
          if (text.charCodeAt(pos) === 93) (pos++, (value = []))
          else {
            stack.push({ value: [], isArray: true, key: "", keys: 0 })
            continue
          }
        }
      } else value = primitive()
      // Attach the value to its container, closing every container that ends here.
      for (;;) {
        const top = stack[stack.length - 1]
        if (top === undefined) {
          result = value
          break parse
        }
        if (top.isArray) (top.value as Array<unknown>).push(value)
        else setKey(top.value as Record<string, unknown>, top.key, value)
        ws()
        const d = text.charCodeAt(pos)
        if (d === 44) {
          pos++
          if (!top.isArray) top.key = readKey(top)
          continue parse
        }
        if (d === (top.isArray ? 93 : 125)) {
          pos++
          stack.pop()
          value = top.value
          continue
        }
        fail(top.isArray ? 'expected "," or "]"' : 'expected "," or "}"')
      }
    }
    ws()
    if (pos < n) fail("unexpected text after the end of the document")
    return duplicates.length > 0 ? { ok: false, problems: duplicates } : { ok: true, value: result }
  } catch (e) {
    if (e instanceof JsonSyntaxError) return { ok: false, problems: [{ offset: e.offset, message: `not valid JSON: ${e.message}` }] }
    throw e
  }
}

interface Trie {
  readonly children: Map<PropertyKey, Trie>
  at: number
}

/**
 * The offsets where the values at `paths` start, found in one pass over a valid JSON `text`; for a path that does
 * not exist, where the deepest enclosing value that exists starts.
 */
export const offsetsOf = (text: string, paths: ReadonlyArray<JsonPath>): Array<number> => {
  const root: Trie = { children: new Map(), at: -1 }
  for (const p of paths) {
    let node = root
    for (const k of p) {
      let next = node.children.get(k)
      if (next === undefined) node.children.set(k, (next = { children: new Map(), at: -1 }))
      node = next
    }
  }
  const cur = new Cursor(text)
  const readKey = (): string => {
    const start = cur.pos
    cur.skipString()
    return JSON.parse(text.slice(start, cur.pos)) as string
  }
  // Depth is bounded by the parser's `maxDepth`, so this recursion is too.
  const walk = (node: Trie): void => {
    cur.ws()
    node.at = cur.pos
    const c = text.charCodeAt(cur.pos)
    if (node.children.size === 0 || (c !== 123 && c !== 91)) return cur.skipValue()
    cur.pos++
    for (let i = 0; ; i++) {
      cur.ws()
      const d = text.charCodeAt(cur.pos)
      if (d === 125 || d === 93 || cur.pos >= text.length) return void cur.pos++
      if (d === 44) {
        cur.pos++
        cur.ws()
      }
      let child: Trie | undefined
      if (c === 123) {
        const key = readKey()
        cur.ws()
        cur.pos++ // the colon
        child = node.children.get(key)
      } else child = node.children.get(i)
      if (child !== undefined) walk(child)
      else cur.skipValue()
    }
  }
  walk(root)
  return paths.map((p) => {
    let node = root
    let at = root.at
    for (const k of p) {
      const next = node.children.get(k)
      if (next === undefined || next.at < 0) break
      node = next
      at = next.at
    }
    return at
  })
}

/** The offsets where the elements of the list at `path` start, in one pass (empty when there is no such list). */
export const elementOffsets = (text: string, path: JsonPath): Array<number> => {
  const cur = new Cursor(text)
  cur.pos = offsetsOf(text, [path])[0]
  const out: Array<number> = []
  if (text.charCodeAt(cur.pos) !== 91) return out
  cur.pos++
  for (;;) {
    cur.ws()
    const c = text.charCodeAt(cur.pos)
    if (c === 93 || cur.pos >= text.length) return out
    if (c === 44) {
      cur.pos++
      cur.ws()
    }
    out.push(cur.pos)
    cur.skipValue()
  }
}

/** A position in a valid JSON text that can skip whitespace, strings and whole values. */
class Cursor {
  pos = 0
  constructor(readonly text: string) {}

  ws(): void {
    const t = this.text
    while (this.pos < t.length) {
      const c = t.charCodeAt(this.pos)
      if (c === 32 || c === 9 || c === 10 || c === 13) this.pos++
      else break
    }
  }

  skipString(): void {
    const t = this.text
    this.pos++
    while (this.pos < t.length) {
      const c = t.charCodeAt(this.pos)
      if (c === 92) this.pos += 2
      else if (c === 34) return void this.pos++
      else this.pos++
    }
  }

  /** Skips one value (iteratively, whatever its depth), stopping before the "," or closing bracket after it. */
  skipValue(): void {
    const t = this.text
    this.ws()
    let depth = 0
    while (this.pos < t.length) {
      const c = t.charCodeAt(this.pos)
      if (c === 34) {
        this.skipString()
        if (depth === 0) return
      } else if (c === 123 || c === 91) (depth++, this.pos++)
      else if (c === 125 || c === 93) {
        if (depth === 0) return
        depth--
        this.pos++
        if (depth === 0) return
      } else if (c === 44 && depth === 0) return
      else this.pos++
    }
  }
}

/** Line and column (1-based, in UTF-16 units) of offsets in `text`; the line index is built once, each lookup is a binary search. */
export const lineColumns = (text: string): ((offset: number) => { line: number; column: number }) => {
  const starts: Array<number> = [0]
  for (let i = text.indexOf("\n"); i >= 0; i = text.indexOf("\n", i + 1)) starts.push(i + 1)
  return (offset) => {
    const k = lastAtOrBefore(starts, offset)
    return { line: k + 1, column: offset - starts[k] + 1 }
  }
}
