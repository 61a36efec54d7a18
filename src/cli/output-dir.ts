/**
 * Writing a set of output files into a folder as one change (SPEC §2): the files go into a new folder beside it,
 * which is then swapped in. A run killed at any moment leaves the old complete set or the new one, never a mix;
 * runs into the same folder at once take turns for the swap, so one complete set is left.
 *
 * Beside `DIR` live, for the time of a run: `.DIR.kenesh-new-PID` (the new set being written), `.DIR.kenesh-lock`
 * (who swaps now) and `.DIR.kenesh-old` (the old set, between the two renames of the swap). A run killed between
 * those two renames leaves `DIR` absent and the old set in `.DIR.kenesh-old`; the next run into `DIR` puts it back
 * before anything else, and removes what killed runs left.
 */
import * as Effect from "effect/Effect"
import * as fs from "node:fs"
import * as path from "node:path"
import { UsageError } from "../ballot/problem.js"
import type { Pieces } from "../report/pieces.js"

/** One output file: its name in the folder and its bytes (text, bytes, or a text in pieces, written piece by piece). */
export interface OutputFile {
  readonly name: string
  readonly content: string | Uint8Array | Pieces
}

/** How long a run waits for another run's swap into the same folder before it gives up. */
const lockWaitMs = 120_000

const sleep = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms)

const exists = (p: string): fs.Stats | null => {
  try {
    return fs.lstatSync(p)
  } catch {
    return null
  }
}

const alive = (pid: number): boolean => {
  if (!Number.isSafeInteger(pid) || pid <= 0) return false
  try {
    process.kill(pid, 0)
    return true
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM"
  }
}

/**
 * Why `dir` cannot be an output folder, or null: a folder inside /proc, /sys or /dev (where creating folders can
 * hang or means something else), or a path taken by something that is not a folder.
 */
export const outputTargetProblem = (dir: string): string | null => {
  if (dir === "") return "the path is empty"
  let probe = path.resolve(dir)
  for (;;) {
    const st = exists(probe)
    if (st !== null) {
      let real = probe
      try {
        real = fs.realpathSync(probe)
      } catch {
        // Resolved as given.
      }
      if (/^\/(proc|sys|dev)(\/|$)/.test(real)) return `${real.split("/").slice(0, 2).join("/")} belongs to the operating system; choose a folder of your own`
      if (probe === path.resolve(dir) && !fs.statSync(probe, { throwIfNoEntry: false })?.isDirectory()) return "it exists and is not a folder"
      return null
    }
    const up = path.dirname(probe)
    if (up === probe) return null
    probe = up
  }
}

/** A text in pieces failed while it was made: a bug (exit 3), not a folder that cannot be written. */
class MakingFailed {
  constructor(readonly cause: unknown) {}
}

/** Writes a file (a text in pieces one piece at a time, each made as it is written) and flushes it to disk. */
const writeDurably = (file: string, content: OutputFile["content"]) => {
  const fd = fs.openSync(file, "wx")
  try {
    if (typeof content === "string" || content instanceof Uint8Array) fs.writeFileSync(fd, content)
    else {
      const pieces = content[Symbol.iterator]()
      for (;;) {
        let next: IteratorResult<string>
        try {
          next = pieces.next()
        } catch (e) {
          throw new MakingFailed(e)
        }
        if (next.done === true) break
        fs.writeFileSync(fd, next.value)
      }
    }
    fs.fsyncSync(fd)
  } finally {
    fs.closeSync(fd)
  }
}

const syncDir = (dir: string) => {
  try {
    const fd = fs.openSync(dir, "r")
    try {
      fs.fsyncSync(fd)
    } finally {
      fs.closeSync(fd)
    }
  } catch {
    // Not every file system lets a folder be flushed; the renames are still atomic.
  }
}

/** Names of the helpers beside `target`. */
const helpers = (target: string) => {
  const parent = path.dirname(target)
  const base = path.basename(target)
  return {
    parent,
    prefix: `.${base}.kenesh-`,
    lock: path.join(parent, `.${base}.kenesh-lock`),
    old: path.join(parent, `.${base}.kenesh-old`),
    fresh: (pid: number) => path.join(parent, `.${base}.kenesh-new-${pid}`)
  }
}

/** Takes the lock beside `target` (waiting while a live run holds it); returns a function that releases it. */
const lock = (target: string): (() => void) => {
  const h = helpers(target)
  const mine = `${h.lock}.${process.pid}`
  fs.writeFileSync(mine, String(process.pid))
  const deadline = Date.now() + lockWaitMs
  try {
    for (;;) {
      try {
        fs.linkSync(mine, h.lock)
        return () => fs.rmSync(h.lock, { force: true })
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e
      }
      let holder = Number.NaN
      try {
        holder = Number(fs.readFileSync(h.lock, "utf8"))
      } catch {
        continue // Released just now.
      }
      if (!alive(holder)) {
        fs.rmSync(h.lock, { force: true })
        continue
      }
      if (Date.now() > deadline) throw new Error(`another run (process ${holder}) has been writing there for ${lockWaitMs / 1000} s`)
      sleep(20)
    }
  } finally {
    fs.rmSync(mine, { force: true })
  }
}

/** Puts back what a killed run left beside `target`: the old set if the new one never arrived, and no leftovers. */
const recover = (target: string) => {
  const h = helpers(target)
  if (exists(h.old) !== null) {
    if (exists(target) === null) fs.renameSync(h.old, target)
    else {
      // The swap was done: entries left in the old set (folders not yet moved) go to the new one.
      for (const e of fs.readdirSync(h.old)) if (exists(path.join(target, e)) === null) fs.renameSync(path.join(h.old, e), path.join(target, e))
      fs.rmSync(h.old, { recursive: true, force: true })
    }
  }
  for (const e of fs.readdirSync(h.parent)) {
    if (!e.startsWith(h.prefix)) continue
    const m = /^(?:new-|lock\.)([0-9]+)$/.exec(e.slice(h.prefix.length))
    if (m !== null && Number(m[1]) !== process.pid && !alive(Number(m[1]))) fs.rmSync(path.join(h.parent, e), { recursive: true, force: true })
  }
}

/**
 * Writes `files` into folder `dir` as one change; `flag` names the option in messages (`--out`). A file that cannot
 * be written fails with a usage error (exit 2); a text in pieces that fails while it is made is a defect (exit 3).
 * Either way nothing is left of the new set.
 */
export const writeOutputDir = (dir: string, files: ReadonlyArray<OutputFile>, flag = "--out"): Effect.Effect<void, UsageError> =>
  Effect.suspend(() => {
    try {
      writeSet(dir, files, flag)
      return Effect.void
    } catch (e) {
      if (e instanceof MakingFailed) return Effect.die(e.cause)
      return Effect.fail(e instanceof UsageError ? e : new UsageError({ message: `${flag} ${dir}: cannot write there: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}` }))
    }
  })

const writeSet = (dir: string, files: ReadonlyArray<OutputFile>, flag: string) => {
  const refuse = (why: string) => new UsageError({ message: `${flag} ${dir}: ${why}; nothing was written` })
  const problem = outputTargetProblem(dir)
  if (problem !== null) throw refuse(problem)
  let target = path.resolve(dir)
  if (exists(target)?.isSymbolicLink()) target = fs.realpathSync(target)
  if (path.dirname(target) === target) throw refuse("the root folder cannot be replaced")
  const names = new Set(files.map((f) => f.name))
  if (exists(target) !== null)
    for (const name of names) {
      const st = exists(path.join(target, name))
      if (st !== null && !st.isFile()) throw refuse(`${path.join(dir, name)} is ${st.isDirectory() ? "a folder" : "not a regular file"}; move it away or choose another folder`)
    }
  const h = helpers(target)
  fs.mkdirSync(h.parent, { recursive: true })
  const fresh = h.fresh(process.pid)
  fs.rmSync(fresh, { recursive: true, force: true })
  fs.mkdirSync(fresh)
  let release: (() => void) | null = null
  try {
    for (const f of files) writeDurably(path.join(fresh, f.name), f.content)
    release = lock(target)
    recover(target)
    const before = exists(target)
    if (before !== null && !before.isDirectory()) throw refuse("it exists and is not a folder")
    // Whatever else the folder holds stays: files are linked into the new set, folders moved over after the swap.
    const folders: Array<string> = []
    if (before !== null)
      for (const e of fs.readdirSync(target, { withFileTypes: true })) {
        if (names.has(e.name)) continue
        const from = path.join(target, e.name)
        if (e.isDirectory()) folders.push(e.name)
        else if (e.isSymbolicLink()) fs.symlinkSync(fs.readlinkSync(from), path.join(fresh, e.name))
        else
          try {
            fs.linkSync(from, path.join(fresh, e.name))
          } catch {
            fs.copyFileSync(from, path.join(fresh, e.name))
          }
      }
    syncDir(fresh)
    if (before !== null) fs.renameSync(target, h.old)
    fs.renameSync(fresh, target)
    syncDir(h.parent)
    if (before !== null) {
      for (const name of folders) fs.renameSync(path.join(h.old, name), path.join(target, name))
      fs.rmSync(h.old, { recursive: true, force: true })
    }
  } catch (e) {
    fs.rmSync(fresh, { recursive: true, force: true })
    throw e
  } finally {
    release?.()
  }
}
