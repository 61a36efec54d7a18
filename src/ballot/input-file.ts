/**
 * Opening input files safely: only a regular file is read, within a size bound; a folder, a pipe, a device, a file
 * of /proc or /sys, an empty path or a file too large is a problem at `file:1:1` that says what it is.
 */
import * as fs from "node:fs"
import * as path from "node:path"
import type { Problem } from "./problem.js"

/** The largest file read whole into memory (election.json, a registry CSV for csv-parse, results.csv): 256 MiB. */
export const maxWholeFileBytes = 256 * 1024 * 1024

/**
 * The bytes a streamed read takes at a time (every reader and hash holds one buffer of them): 1 MiB. More saves
 * no time, and each buffer is memory the process holds.
 */
export const readChunkBytes = 1 << 20

/** The largest protocols file, read in chunks: 64 GiB, far beyond any real election. */
export const maxStreamedFileBytes = 64 * 1024 * 1024 * 1024

const mib = (bytes: number) => `${(bytes / (1024 * 1024)).toFixed(0)} MiB`

/** Why the path cannot be opened for reading, in words, or null when it is a readable regular file within the bound. */
const whyUnreadable = (file: string, maxBytes: number): string | null => {
  if (file === "") return "the path is empty"
  let stat: fs.Stats
  try {
    stat = fs.statSync(file)
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code
    if (code === "ENOENT") return "there is no such file"
    if (code === "EACCES") return "permission denied"
    if (code === "ENOTDIR") return "a part of the path is not a folder"
    if (code === "ELOOP") return "the path has a loop of symbolic links"
    if (code === "ENAMETOOLONG") return "the path is too long"
    return code ?? (e as Error).message
  }
  if (stat.isDirectory()) return "it is a folder, not a file; name a file inside it"
  if (stat.isFIFO()) return "it is a named pipe, not a regular file; save the data to a file first"
  if (stat.isSocket()) return "it is a socket, not a regular file"
  if (stat.isCharacterDevice() || stat.isBlockDevice()) return "it is a device, not a regular file"
  if (!stat.isFile()) return "it is not a regular file"
  let real = file
  try {
    real = fs.realpathSync(file)
  } catch {
    // The stat above succeeded; a path that cannot be resolved is read as given.
  }
  if (/^\/(proc|sys)(\/|$)/.test(real)) return `it is a file of the operating system (${real.split("/")[1] === "proc" ? "/proc" : "/sys"}), not an input file`
  if (stat.size > maxBytes) return `it is ${mib(stat.size)}, more than the ${mib(maxBytes)} an input file of this kind may have`
  try {
    fs.closeSync(fs.openSync(file, fs.constants.O_RDONLY | fs.constants.O_NONBLOCK))
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code
    return code === "EACCES" ? "permission denied" : (code ?? (e as Error).message)
  }
  return null
}

/**
 * Checks that `file` is a regular file that can be read, of at most `maxBytes`; otherwise a problem at `shown:1:1`
 * saying what it is. `what` names the file in the message ("the protocols file").
 * @example checkInputFile("/tmp", "/tmp", "the protocols file") // { file: "/tmp", line: 1, column: 1, message: "cannot read the protocols file: it is a folder, ..." }
 */
export const checkInputFile = (file: string, shown: string, what: string, maxBytes: number = maxWholeFileBytes): Problem | null => {
  const why = whyUnreadable(file, maxBytes)
  return why === null ? null : { file: shown === "" ? "(empty path)" : shown, line: 1, column: 1, message: `cannot read ${what}: ${why}` }
}

/** The path of `relative` taken from the folder of `base` (an empty or "." path stays visible as such in messages). */
export const besideFile = (base: string, relative: string): { path: string; shown: string } =>
  relative === "" ? { path: "", shown: "" } : { path: path.resolve(path.dirname(base), relative), shown: path.join(path.dirname(base), relative) }
