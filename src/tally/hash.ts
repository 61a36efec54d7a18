/** SHA-256 of input files, so a result names exactly the files it counted. */
import { createHash } from "node:crypto"
import * as fs from "node:fs"

/** The SHA-256 of a file, in hex. */
export const sha256File = (path: string): string => {
  const hash = createHash("sha256")
  const fd = fs.openSync(path, "r")
  try {
    const buf = Buffer.allocUnsafe(1 << 22)
    for (let n; (n = fs.readSync(fd, buf, 0, buf.length, null)) > 0; ) hash.update(buf.subarray(0, n))
  } finally {
    fs.closeSync(fd)
  }
  return hash.digest("hex")
}
