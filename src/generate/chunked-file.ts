/** An output file built as bytes in a reused buffer, written in large chunks to a temporary name, renamed when complete. */
import * as fs from "node:fs"
import * as path from "node:path"

/** Bytes gathered before they go to disk. */
const chunkSize = 1 << 20

/** Room kept free for one number or one small piece of text before checking again. */
const margin = 32

/**
 * Writes to `dir/.name.pid.tmp` through one reused buffer (no string per row, so no garbage per row);
 * `commit` renames the file to `dir/name`, `discard` removes it. Mutates itself on every call.
 */
export class ChunkedFile {
  /** The final path of the file. */
  readonly target: string
  private readonly temp: string
  private fd: number
  private readonly buffer = Buffer.allocUnsafe(chunkSize)
  private at = 0

  constructor(dir: string, name: string) {
    this.target = path.join(dir, name)
    this.temp = path.join(dir, `.${name}.${process.pid}.tmp`)
    this.fd = fs.openSync(this.temp, "w")
  }

  /** Appends text as UTF-8. */
  text(text: string): void {
    if (text.length * 3 > chunkSize - this.at) this.flush()
    if (text.length * 3 > chunkSize) this.writeAll(Buffer.from(text, "utf8"))
    else this.at += this.buffer.write(text, this.at, "utf8")
  }

  /** Appends text known to be ASCII (ids), faster than `text`. */
  ascii(text: string): void {
    if (this.at + text.length + margin > chunkSize) this.flush()
    for (let i = 0; i < text.length; i++) this.buffer[this.at++] = text.charCodeAt(i)
  }

  /** Appends a non-negative whole number in decimal digits. */
  int(n: number): void {
    if (this.at + margin > chunkSize) this.flush()
    let digits = 1
    for (let rest = n; rest >= 10; rest = Math.floor(rest / 10)) digits++
    let i = this.at + digits
    this.at = i
    let rest = n
    do {
      this.buffer[--i] = 48 + (rest % 10)
      rest = Math.floor(rest / 10)
    } while (rest > 0)
  }

  /** Appends one byte (an ASCII character code). */
  byte(code: number): void {
    if (this.at + margin > chunkSize) this.flush()
    this.buffer[this.at++] = code
  }

  /** Appends `count` copies of one byte, e.g. a run of empty cells' commas. */
  repeat(code: number, count: number): void {
    for (let left = count; left > 0; ) {
      if (this.at + margin > chunkSize) this.flush()
      const n = Math.min(left, chunkSize - this.at)
      this.buffer.fill(code, this.at, this.at + n)
      this.at += n
      left -= n
    }
  }

  /** Writes out what has gathered. */
  flush(): void {
    this.writeAll(this.buffer.subarray(0, this.at))
    this.at = 0
  }

  /** Writes the rest, closes the file and moves it to its final name. */
  commit(): void {
    this.flush()
    fs.closeSync(this.fd)
    this.fd = -1
    fs.renameSync(this.temp, this.target)
  }

  /** Closes and removes the temporary file (after a failure); does nothing after `commit`. */
  discard(): void {
    if (this.fd < 0) return
    fs.closeSync(this.fd)
    this.fd = -1
    fs.rmSync(this.temp, { force: true })
  }

  private writeAll(bytes: Uint8Array): void {
    for (let done = 0; done < bytes.length; ) done += fs.writeSync(this.fd, bytes, done)
  }
}
