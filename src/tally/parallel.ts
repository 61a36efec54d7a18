/**
 * The parallel ingest: a large protocols file is cut at line ends into byte ranges, one per worker thread (one
 * fewer than the cores); once it has read the registry, the main thread takes the second half of what is left
 * of the last range (range-limit.ts) and tallies it, then the second half of what is left before that, and so on
 * while a piece is worth taking, so that all end about together whichever thread is faster. The first part becomes the whole tally
 * (`Tally.adopt`) and the others are absorbed in file order (`Tally.absorb`, the one way parts combine). A
 * problem or a quoted cell sends the caller back to the one-pass ingest, which reports them exactly as always.
 */
import * as fs from "node:fs"
import * as os from "node:os"
import { fileURLToPath } from "node:url"
import { Worker } from "node:worker_threads"
import type { Election } from "../ballot/election.js"
import type { ReadReport } from "../ballot/protocol-scan.js"
import { shiftLines, Tally, type TallyPart } from "./tally.js"
import { ProgressBoard } from "./progress.js"
import { filePlaces, ProtocolFiles } from "./protocol-files.js"
import { RangeLimit } from "./range-limit.js"
import { tallyRange, type RangeJob } from "./range.js"
import type { Stages } from "./stages.js"
import type { WorkerJob } from "./worker.js"

/** Files smaller than this are read by the main thread: below it, starting threads costs more than they save (override: KENESH_PARALLEL_MIN_BYTES). */
const minBytes = Number(process.env.KENESH_PARALLEL_MIN_BYTES ?? 48 << 20)

/** How many threads read the protocols, the main thread among them (override: KENESH_WORKERS; 0 or 1 turns the parallel ingest off). */
const readerCount = (): number => {
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
  readerCount() > 1 && workerScript() !== null && files.some((f) => fs.existsSync(f) && fs.statSync(f).size >= minBytes)

/** Byte offsets that cut a file at the line starts that follow `targets` (increasing offsets): from 0 to `size`. */
const cutPoints = (path: string, size: number, targets: ReadonlyArray<number>): Array<number> => {
  const cuts = [0]
  const fd = fs.openSync(path, "r")
  try {
    const window = Buffer.allocUnsafe(1 << 16)
    for (const target of targets) {
      const at = Math.floor(target)
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

/** The least the main thread takes of what is left of a range: a few of the worker's reads (it takes 1 MiB at a time), or a sixteenth of a smaller file. */
const leastPiece = (fileSize: number): number => Math.min(4 << 20, fileSize / 16)

/**
 * Cuts a file's last range after what its worker has read, at the line start half way through the rest: the rest
 * after it, or null when half of the rest is less than `least` bytes.
 */
const cutRest = (limit: RangeLimit, path: string, fileIndex: number, least: number): RangeJob | null => {
  const end = limit.end()
  for (;;) {
    const taken = limit.taken()
    if ((end - taken) / 2 < least) return null
    const at = cutPoints(path, end, [taken + (end - taken) / 2])[1]
    if (at >= end) return null
    // The worker may have read on meanwhile: then cut again after it.
    if (limit.cut(at)) return { path, fileIndex, start: at, end, room: end - at }
  }
}

/** A range's read and its part, and how long the worker took (ms). */
type WorkerAnswer = { readonly report: ReadReport; readonly part: TallyPart; readonly ms: number }

/** A worker thread whose answers come in the order its jobs were posted. */
class Thread {
  private readonly waiting: Array<{ resolve: (answer: unknown) => void; reject: (e: unknown) => void }> = []

  constructor(readonly worker: Worker) {
    worker.on("message", (answer: unknown) => this.waiting.shift()?.resolve(answer))
    worker.on("error", (e) => {
      for (const w of this.waiting.splice(0)) w.reject(e)
    })
  }

  /** Posts a job; its answer comes when the thread has done the jobs before it. */
  post<A>(job: WorkerJob): Promise<A> {
    return new Promise<A>((resolve, reject) => {
      this.waiting.push({ resolve: resolve as (answer: unknown) => void, reject })
      this.worker.postMessage(job)
    })
  }
}

/**
 * Worker threads that read the protocols while the main thread reads the registry: `start` them first,
 * `begin` with the election read without its registry (a part needs none), then `finish` with the whole
 * election: the parts are absorbed in file order and checked against the registry.
 */
export class WorkerPool {
  private answers: ReadonlyArray<ReadonlyArray<Promise<WorkerAnswer>>> = []
  private hashes: ReadonlyArray<Promise<{ sha256: string; ms: number }>> = []
  /** The end of each large file's last range, which the main thread moves back to read the rest (null: a small file); the progress board. */
  private limits: ReadonlyArray<RangeLimit | null> = []
  private board: ProgressBoard | null = null
  /** The files, where every thread's tally keeps protocols by place (protocol-files.ts). */
  private protocolFiles: ProtocolFiles | null = null

  private constructor(private readonly threads: ReadonlyArray<Thread>) {}

  /** Starts the threads when the parallel ingest can be tried on these files; null otherwise. */
  static start(files: ReadonlyArray<string>): WorkerPool | null {
    const script = workerScript()
    if (script === null || !canRunParallel(files)) return null
    return new WorkerPool(Array.from({ length: readerCount() - 1 }, () => new Thread(new Worker(script))))
  }

  /**
   * Hands the threads the election and every file's ranges: they start reading. The last range of a large file
   * runs to its end, for now: the main thread takes the rest of it when it is free (`finish`). With `progressFd`
   * (a terminal's file descriptor) each thread shows the progress of all of them there (progress.ts).
   */
  begin(election: Election, files: ReadonlyArray<string>, progressFd: number | null = null): void {
    // A file that cannot be read is reported by the one-pass ingest, with every other problem.
    const places = filePlaces(files)
    if (places === null) return
    const sizes = places.sizes
    this.protocolFiles = new ProtocolFiles(places, election.layout)
    const readers = this.threads.length + 1
    const total = sizes.reduce((a, b) => a + b, 0)
    this.board = progressFd === null ? null : ProgressBoard.create(progressFd, total, readers * files.length)
    const setup: WorkerJob = { kind: "setup", election: { ...election, registry: null }, fileNames: files, places, progress: this.board?.share ?? null }
    for (const t of this.threads) t.worker.postMessage(setup)
    // A small file is the first thread's; a large one is cut in as many ranges as threads read.
    const cuts = files.map((path, fileIndex) => {
      const size = sizes[fileIndex]
      return size < minBytes ? [0, size] : cutPoints(path, size, Array.from({ length: readers - 2 }, (_, k) => ((k + 1) * size) / readers))
    })
    this.limits = cuts.map((c, fileIndex) => (sizes[fileIndex] < minBytes ? null : RangeLimit.create(c[c.length - 2], sizes[fileIndex])))
    this.answers = cuts.map((c, fileIndex) =>
      c.slice(1).map((end, k) => {
        const start = c[k]
        // The first range's part becomes the whole tally's (Tally.adopt): it is made with room for every file.
        const room = fileIndex === 0 && k === 0 ? total : end - start
        const limit = k === c.length - 2 ? (this.limits[fileIndex]?.share ?? null) : null
        return this.threads[k].post<WorkerAnswer>({ kind: "range", slot: fileIndex * readers + k, path: files[fileIndex], fileIndex, start, end, room, limit })
      })
    )
    // The first thread hashed each file's first range as it read it; after its ranges it hashes the rest.
    this.hashes = files.map((path, fileIndex) => this.threads[0].post<{ sha256: string; ms: number }>({ kind: "hash", path, fileIndex }))
    // Answers are awaited one by one (`finish`): a thread's failure fails the run where its answer is awaited, and
    // the failures of answers never awaited after it are not unhandled rejections.
    for (const a of [...this.answers.flat(), ...this.hashes]) a.catch(() => {})
  }

  /**
   * Absorbs the parts, in file order, into a tally of the whole election (now with its registry); null when
   * the one-pass ingest must do it. The pool is closed after.
   */
  async finish(
    election: Election,
    files: ReadonlyArray<string>,
    stages: Stages
  ): Promise<{ tally: Tally; hashes: ReadonlyArray<string>; rows: number } | null> {
    try {
      if (this.answers.length !== files.length) return null
      // This thread takes pieces of what is left of each large file's last range, from its end, while the workers read.
      const readers = this.threads.length + 1
      const board = this.board
      const mine: Array<Array<{ readonly report: ReadReport; readonly part: TallyPart }>> = this.limits.map((limit, fileIndex) => {
        const pieces: Array<{ readonly report: ReadReport; readonly part: TallyPart }> = []
        const slot = fileIndex * readers + readers - 1
        if (limit === null) return pieces
        const least = leastPiece(limit.end())
        let rowsBefore = 0
        let bytesBefore = 0
        for (let job = cutRest(limit, files[fileIndex], fileIndex, least); job !== null; job = cutRest(limit, files[fileIndex], fileIndex, least)) {
          const start = job.start
          const progress = board === null ? undefined : (rows: number, offset: number) => board.report(slot, rowsBefore + rows, bytesBefore + offset - start)
          // Read with the registry, which this thread has: the part's table is over it (no precinct id is copied).
          const read = tallyRange(election, files, this.protocolFiles, job, undefined, progress)
          rowsBefore += read.report.rows
          bytesBefore += job.end - job.start
          pieces.push(read)
        }
        if (pieces.length > 0) board?.report(slot, rowsBefore, bytesBefore, true)
        // Taken from the end backwards: in file order, the last taken first.
        return pieces.reverse()
      })
      if (mine.some((m) => m.length > 0)) stages.lap("this thread's ranges of the protocols read and tallied")
      let tally: Tally | null = null
      let rows = 0
      // A part is let go as soon as it is absorbed (nothing here holds it after), so that its memory can be freed.
      const answers = [...this.answers]
      this.answers = []
      for (const fileIndex of files.keys()) {
        let lineOffset = 0
        // Each part is absorbed as soon as it comes, and its registry checks run while later parts are read.
        const parts: Array<Promise<WorkerAnswer | { readonly report: ReadReport; readonly part: TallyPart; readonly ms: null }> | null> = [...answers[fileIndex]]
        answers[fileIndex] = []
        for (const own of mine[fileIndex]) parts.push(Promise.resolve({ ...own, ms: null }))
        mine[fileIndex] = []
        for (let k = 0; k < parts.length; k++) {
          const answer = parts[k]!
          parts[k] = null
          const { report, part, ms } = await answer
          stages.lap("waiting for the threads' parts")
          if (ms !== null) stages.beside(`thread ${k + 1}: protocols read and tallied, file ${fileIndex + 1}`, ms)
          if (report.problems.length > 0 || report.quoted) return null
          const shifted = shiftLines(part, lineOffset)
          if (tally === null) tally = Tally.adopt(election, files, shifted, this.protocolFiles)
          else tally.absorb(shifted)
          tally.checkRegistry()
          lineOffset += report.lines
          rows += report.rows
          stages.lap("absorbing the parts")
        }
      }
      const hashes = await Promise.all(this.hashes)
      stages.lap("waiting for the threads' SHA-256")
      for (const [i, h] of hashes.entries()) stages.beside(`thread 1: SHA-256 of file ${i + 1} after its first range`, h.ms)
      return { tally: tally ?? new Tally(election, files, undefined, undefined, this.protocolFiles), hashes: hashes.map((h) => h.sha256), rows }
    } finally {
      await this.close()
    }
  }

  /** Stops the threads. */
  async close(): Promise<void> {
    await Promise.all(this.threads.map((t) => t.worker.terminate()))
  }
}
