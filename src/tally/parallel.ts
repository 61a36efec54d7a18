/**
 * The parallel ingest: a large protocols file is cut at line ends into byte ranges, one per core, each
 * tallied by a worker thread; the parts are absorbed in file order. It is optimistic: a problem, a quoted
 * cell, a precinct in two ranges or a replaced version sends the caller back to the one-pass ingest,
 * which reports them exactly as always.
 */
import * as fs from "node:fs"
import * as os from "node:os"
import { fileURLToPath } from "node:url"
import { Worker } from "node:worker_threads"
import type { Election } from "../ballot/election.js"
import type { ReadReport } from "../ballot/protocol-scan.js"
import { packRegistry } from "../ballot/registry.js"
import { sha256File } from "./hash.js"
import { Tally, type TallyData, type TallyPart } from "./tally.js"
import type { RangeJob, WorkerSetup } from "./worker.js"

/** Files smaller than this are read by the main thread: below it, starting threads costs more than they save (override: KENESH_PARALLEL_MIN_BYTES). */
const minBytes = Number(process.env.KENESH_PARALLEL_MIN_BYTES ?? 48 << 20)

/** How many worker threads to use (override: KENESH_WORKERS; 0 or 1 turns the parallel ingest off). */
export const workerCount = (): number => {
  const asked = process.env.KENESH_WORKERS
  return asked !== undefined && /^[0-9]+$/.test(asked) ? Number(asked) : Math.min(os.availableParallelism(), 8)
}

/** The built worker script beside the bundle, if there is one (tests run the sources: no workers there). */
const workerScript = (): URL | null => {
  const url = new URL("../tally/worker.js", import.meta.url)
  return url.protocol === "file:" && fs.existsSync(fileURLToPath(url)) ? url : null
}

/** Whether the parallel ingest can be tried on these files. */
const canRunParallel = (files: ReadonlyArray<string>): boolean =>
  workerCount() > 1 && workerScript() !== null && files.some((f) => fs.existsSync(f) && fs.statSync(f).size >= minBytes)

/** Byte offsets that cut a file into `n` ranges at line starts. */
const cutPoints = (path: string, size: number, n: number): Array<number> => {
  const cuts = [0]
  const fd = fs.openSync(path, "r")
  try {
    const window = Buffer.allocUnsafe(1 << 16)
    for (let k = 1; k < n; k++) {
      const at = Math.floor((size * k) / n)
      const got = fs.readSync(fd, window, 0, window.length, at)
      const lf = window.subarray(0, got).indexOf(10)
      if (lf >= 0 && at + lf + 1 > cuts[cuts.length - 1]) cuts.push(at + lf + 1)
    }
  } finally {
    fs.closeSync(fd)
  }
  cuts.push(size)
  return cuts
}

type WorkerAnswer = { readonly report: ReadReport; readonly part: TallyPart }

/**
 * Worker threads, started before the election is read so that they load while the main thread reads the
 * registry; `ingest` hands them the election, then one byte range of a file each.
 */
export class WorkerPool {
  private constructor(private readonly workers: ReadonlyArray<Worker>) {}

  /** Starts the threads when the parallel ingest can be tried on these files; null otherwise. */
  static start(files: ReadonlyArray<string>): WorkerPool | null {
    const script = workerScript()
    if (script === null || !canRunParallel(files)) return null
    return new WorkerPool(Array.from({ length: workerCount() }, () => new Worker(script)))
  }

  private run(w: Worker, job: RangeJob): Promise<WorkerAnswer> {
    return new Promise<WorkerAnswer>((resolve, reject) => {
      w.once("message", resolve)
      w.once("error", reject)
      w.postMessage(job)
    })
  }

  /** Tallies the files with the threads; null when the one-pass ingest must do it. The pool is closed after. */
  async ingest(
    election: Election,
    files: ReadonlyArray<string>,
    onProgress?: (file: number, bytes: number) => void
  ): Promise<{ data: TallyData; hashes: ReadonlyArray<string>; rows: number } | null> {
    const setup: WorkerSetup = {
      election: { ...election, registry: undefined } as unknown as Omit<Election, "registry">,
      registry: election.registry === null ? null : packRegistry(election.registry),
      fileNames: files
    }
    const n = this.workers.length
    try {
      for (const w of this.workers) w.postMessage(setup)
      const tally = new Tally(election, files)
      let rows = 0
      const hashes: Array<string> = []
      for (const [fileIndex, path] of files.entries()) {
        const size = fs.statSync(path).size
        const cuts = size >= minBytes ? cutPoints(path, size, n) : [0, size]
        onProgress?.(fileIndex, size)
        const answers = Promise.all(cuts.slice(1).map((end, k) => this.run(this.workers[k], { path, fileIndex, start: cuts[k], end })))
        // The main thread hashes the file while the workers read it.
        hashes.push(sha256File(path))
        let lineOffset = 0
        for (const { report, part } of await answers) {
          if (report.problems.length > 0 || report.quoted || !tally.absorb(part, lineOffset)) return null
          lineOffset += report.lines
          rows += report.rows
        }
      }
      return { data: tally.finish(), hashes, rows }
    } finally {
      await this.close()
    }
  }

  /** Stops the threads. */
  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()))
  }
}
