/**
 * The program bundle (`program.js`) and its V8 code cache (`program.js.cache`), made by the build
 * (`./make-code-cache.ts`): a start deserializes the compiled code instead of compiling a megabyte of JavaScript.
 * The cache file is one line `kenesh code cache SHA256` and V8's data, where SHA256 is the digest of the bundle's
 * bytes followed by V8's data: a cache made for another build of the bundle, or damaged, is never used (V8 itself
 * checks only the length of the source and no digest of its data), and the bundle is then compiled from its text.
 */
import { createHash } from "node:crypto"
import * as fs from "node:fs"
import { createRequire } from "node:module"
import * as path from "node:path"
import { pathToFileURL } from "node:url"
import { Script } from "node:vm"

/** The bundle's two files. */
export interface ProgramFiles {
  readonly bundle: string
  readonly cache: string
}

/** The program's files in `dir` (dist/src/bin, where the launcher is). */
export const programFiles = (dir: string): ProgramFiles => {
  const bundle = path.join(dir, "program.js")
  return { bundle, cache: `${bundle}.cache` }
}

/** The bundle compiled, its bytes, and what became of its cache. */
export interface CompiledProgram {
  readonly script: Script
  readonly bytes: Buffer
  /** `used`; `none`: missing, for another bundle or damaged (or not asked for); `rejected`: refused by V8 (another Node or other V8 flags). */
  readonly cache: "used" | "none" | "rejected"
}

const tag = "kenesh code cache "

const digest = (bundle: Uint8Array, data: Uint8Array): string => createHash("sha256").update(bundle).update(data).digest("hex")

/** V8's data from the cache file, if the file is there and was made for exactly these bundle bytes; else null. */
const readCache = (file: string, bundle: Buffer): Buffer | null => {
  let bytes: Buffer
  try {
    bytes = fs.readFileSync(file)
  } catch {
    return null
  }
  const end = bytes.indexOf(10)
  if (end < 0) return null
  const data = bytes.subarray(end + 1)
  return bytes.toString("latin1", 0, end) === tag + digest(bundle, data) ? data : null
}

/** Compiles the bundle, from its cache when `useCache` and the cache fits, else from its text. */
export const compileProgram = (files: ProgramFiles, useCache: boolean): CompiledProgram => {
  const bytes = fs.readFileSync(files.bundle)
  const cachedData = useCache ? readCache(files.cache, bytes) : null
  // The bundle is one function expression: `(function (require, importMetaUrl) { ... })` (scripts/build.mjs).
  const script = new Script(bytes.toString("utf8"), { filename: files.bundle, ...(cachedData !== null ? { cachedData } : {}) })
  return { script, bytes, cache: cachedData === null ? "none" : script.cachedDataRejected === true ? "rejected" : "used" }
}

/** Runs the compiled bundle: the program reads process.argv and sets the exit code. */
export const startProgram = (program: CompiledProgram, files: ProgramFiles): void => {
  const run = program.script.runInThisContext() as (require: NodeJS.Require, importMetaUrl: string) => void
  run(createRequire(files.bundle), pathToFileURL(files.bundle).href)
}

/** Writes the cache of the compiled bundle, with every function it has compiled so far, in one rename. */
export const writeCache = (program: CompiledProgram, files: ProgramFiles): void => {
  const data = program.script.createCachedData()
  const temporary = `${files.cache}.${process.pid}`
  fs.writeFileSync(temporary, Buffer.concat([Buffer.from(`${tag}${digest(program.bytes, data)}\n`, "latin1"), data]))
  fs.renameSync(temporary, files.cache)
}
