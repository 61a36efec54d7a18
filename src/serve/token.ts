/** The bearer token that guards every write (SPEC §6): read from a file, or made and written there (mode 0600). */
import { createHash, randomBytes, timingSafeEqual } from "node:crypto"
import * as fs from "node:fs"

/** Where the token lives when `--token-file` is not given: beside the store. */
export const defaultTokenFile = (store: string): string => `${store}.token`

/** The token of a file (its first line, trimmed); `created` when the file did not exist and a random token was written. Left: why it cannot be read. */
export const loadOrCreateToken = (file: string): { readonly token: string; readonly created: boolean } | { readonly error: string } => {
  try {
    const fd = fs.openSync(file, fs.constants.O_WRONLY | fs.constants.O_CREAT | fs.constants.O_EXCL, 0o600)
    const token = randomBytes(32).toString("base64url")
    try {
      fs.writeSync(fd, token + "\n")
      fs.fsyncSync(fd)
    } finally {
      fs.closeSync(fd)
    }
    return { token, created: true }
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "EEXIST") return { error: `cannot write the token file ${file}: ${(e as Error).message}` }
  }
  return readToken(file)
}

/** The token of an existing file (its first line, trimmed). */
export const readToken = (file: string): { readonly token: string; readonly created: false } | { readonly error: string } => {
  let text: string
  try {
    text = fs.readFileSync(file, "utf8")
  } catch (e) {
    return { error: `cannot read the token file ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}` }
  }
  const token = text.split(/\r?\n/)[0].trim()
  return token === "" ? { error: `the token file ${file} is empty` } : { token, created: false }
}

/** How the audit names whoever presented a token: a prefix of its SHA-256, never the token itself. */
export const tokenIdentity = (token: string): string => createHash("sha256").update(token).digest("hex").slice(0, 16)

/** Whether an `Authorization` header carries the token (compared in constant time). */
export const authorized = (header: string | undefined, token: string): boolean => {
  const m = header === undefined ? null : /^Bearer +(\S+)\s*$/i.exec(header)
  if (m === null) return false
  const a = createHash("sha256").update(m[1]).digest()
  const b = createHash("sha256").update(token).digest()
  return timingSafeEqual(a, b)
}

/** The token presented in an `Authorization` header, if any. */
export const presentedToken = (header: string | undefined): string | null => {
  const m = header === undefined ? null : /^Bearer +(\S+)\s*$/i.exec(header)
  return m === null ? null : m[1]
}
