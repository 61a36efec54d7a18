/** SHA-256 of input files, so a result names exactly the files it counted. */
import { createHash } from "node:crypto"
import * as fs from "node:fs"
import { readChunkBytes } from "./input-file.js"

/**
 * A file's SHA-256 fed with the bytes a reader reads, as it reads them (`update`, from the file's start, in
 * order), and finished by reading whatever part of the file it was not fed: a read is not done twice.
 */
export class FileHash {
  private readonly hash = createHash("sha256")
  /** Bytes fed so far: the file's first `fed` bytes. */
  private fed = 0

  /** Feeds the file's next bytes. */
  readonly update = (bytes: Uint8Array): void => {
    this.hash.update(bytes)
    this.fed += bytes.length
  }

  /** The SHA-256 of the file at `path`, in hex, reading it from where the bytes fed end. */
  finish(path: string): string {
    const fd = fs.openSync(path, "r")
    try {
      const buf = Buffer.allocUnsafe(readChunkBytes)
      for (let n; (n = fs.readSync(fd, buf, 0, buf.length, this.fed)) > 0; ) this.update(buf.subarray(0, n))
    } finally {
      fs.closeSync(fd)
    }
    return this.hash.digest("hex")
  }
}

/** The SHA-256 of a file, in hex. */
export const sha256File = (path: string): string => new FileHash().finish(path)
