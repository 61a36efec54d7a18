/** JSON with positions: the first syntax error's offset, and the offset of the value at a path, for `file:line:column`. */

/** A path into a JSON document: object keys and array indexes. */
export type JsonPath = ReadonlyArray<PropertyKey>

/** A JSON scanner over `text` that can skip values and stop at a path; it never builds values. */
class Scanner {
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

  fail(what: string): never {
    throw new JsonSyntaxError(this.pos, what)
  }

  expect(ch: string): void {
    this.ws()
    if (this.text[this.pos] !== ch) this.fail(this.pos >= this.text.length ? "the file ends too early" : `expected "${ch}"`)
    this.pos++
  }

  string(): string {
    this.ws()
    if (this.text[this.pos] !== '"') this.fail("expected a string in double quotes")
    const start = this.pos
    this.pos++
    while (this.pos < this.text.length) {
      const c = this.text[this.pos]
      if (c === "\\") this.pos += 2
      else if (c === '"') {
        this.pos++
        return JSON.parse(this.text.slice(start, this.pos)) as string
      } else if (c === "\n") this.fail("a string is not closed before the end of the line")
      else this.pos++
    }
    return this.fail("a string is not closed")
  }

  /** Walks one value; stops at the value `path` names (from `depth` on) and returns true, or skips it all and returns false. */
  value(path: JsonPath, depth: number): boolean {
    this.ws()
    if (depth === path.length) return true
    const c = this.text[this.pos]
    if (c === "{") {
      this.pos++
      this.ws()
      if (this.text[this.pos] === "}") return (this.pos++, false)
      for (;;) {
        const key = this.string()
        this.expect(":")
        if (key === path[depth]) {
          if (depth + 1 === path.length) {
            this.ws()
            return true
          }
          if (this.value(path, depth + 1)) return true
        } else this.skip()
        this.ws()
        if (this.text[this.pos] === ",") this.pos++
        else if (this.text[this.pos] === "}") return (this.pos++, false)
        else this.fail(this.pos >= this.text.length ? "the file ends too early" : 'expected "," or "}"')
      }
    }
    if (c === "[") {
      this.pos++
      this.ws()
      if (this.text[this.pos] === "]") return (this.pos++, false)
      for (let i = 0; ; i++) {
        if (i === path[depth]) {
          if (this.value(path, depth + 1)) return true
        } else this.skip()
        this.ws()
        if (this.text[this.pos] === ",") this.pos++
        else if (this.text[this.pos] === "]") return (this.pos++, false)
        else this.fail(this.pos >= this.text.length ? "the file ends too early" : 'expected "," or "]"')
      }
    }
    this.primitive()
    return false
  }

  skip(): void {
    this.value(noPath, 1)
  }

  primitive(): void {
    this.ws()
    const rest = this.text.slice(this.pos, this.pos + 5)
    if (rest[0] === '"') return void this.string()
    for (const word of ["true", "false", "null"]) {
      if (rest.startsWith(word)) return void (this.pos += word.length)
    }
    const m = /^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?/.exec(this.text.slice(this.pos, this.pos + 400))
    if (m === null || m[0] === "") this.fail(this.pos >= this.text.length ? "the file ends too early" : "expected a value (a number, a string in double quotes, true, false, null, an object or a list)")
    this.pos += m[0].length
  }
}

const noPath: JsonPath = []

/** A syntax error at an offset. */
export class JsonSyntaxError extends Error {
  constructor(readonly offset: number, readonly what: string) {
    super(what)
  }
}

/** Finds the first syntax error in `text` (offset and words), or null when the text is one valid JSON value. */
export const findSyntaxError = (text: string): { offset: number; message: string } | null => {
  const s = new Scanner(text)
  try {
    s.skip()
    s.ws()
    if (s.pos < text.length) s.fail("unexpected text after the end of the document")
    return null
  } catch (e) {
    if (e instanceof JsonSyntaxError) return { offset: e.offset, message: e.what }
    throw e
  }
}

/** The offset where the value at `path` starts, or where the deepest enclosing value that exists starts. */
export const offsetOf = (text: string, path: JsonPath): number => {
  for (let n = path.length; n > 0; n--) {
    const s = new Scanner(text)
    try {
      if (s.value(path.slice(0, n), 0)) return s.pos
    } catch {
      return 0
    }
  }
  const s = new Scanner(text)
  s.ws()
  return s.pos
}
