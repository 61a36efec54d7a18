/** A worker thread of the parallel ingest: tallies byte ranges of protocol files and hashes them (see parallel.ts). */
import { parentPort } from "node:worker_threads"
import type { Election } from "../ballot/election.js"
import { FileHash } from "../ballot/file-hash.js"
import { ProgressBoard, type BoardShare } from "./progress.js"
import { ProtocolFiles, type FilePlaces } from "./protocol-files.js"
import { RangeLimit } from "./range-limit.js"
import { partBuffers, tallyRange, type RangeJob } from "./range.js"

/**
 * What a worker is asked: the election (without its registry: a part needs none), the file names its ranges
 * share, their places (protocol-files.ts) and the progress board, if progress is shown; a byte range, with the room its part is made with, its
 * slot on the board and, for the last range of a file, the limit the main thread may move back; a file's SHA-256.
 */
export type WorkerJob =
  | { readonly kind: "setup"; readonly election: Election; readonly fileNames: ReadonlyArray<string>; readonly places: FilePlaces; readonly progress: BoardShare | null }
  | { readonly kind: "hash"; readonly path: string; readonly fileIndex: number }
  | ({ readonly kind: "range"; readonly slot: number; readonly limit: SharedArrayBuffer | null } & RangeJob)

let election: Election | null = null
let fileNames: ReadonlyArray<string> = []
let files: ProtocolFiles | null = null
let board: ProgressBoard | null = null
// The hash of each file whose first range this thread read, fed with the bytes it read (finished by the hash job).
const begun = new Map<number, FileHash>()

/** A new hash of file `fileIndex`, kept for its hash job. */
const begin = (fileIndex: number): FileHash => {
  const hash = new FileHash()
  begun.set(fileIndex, hash)
  return hash
}

parentPort!.on("message", (job: WorkerJob) => {
  if (job.kind === "setup") {
    election = job.election
    fileNames = job.fileNames
    files = new ProtocolFiles(job.places, job.election.layout)
    board = job.progress === null ? null : ProgressBoard.join(job.progress)
    return
  }
  if (job.kind === "hash") {
    const start = performance.now()
    const sha256 = (begun.get(job.fileIndex) ?? new FileHash()).finish(job.path)
    begun.delete(job.fileIndex)
    parentPort!.postMessage({ sha256, ms: performance.now() - start })
    return
  }
  if (election === null) throw new Error("a range job came before the election")
  const start = performance.now()
  const progress = board === null ? undefined : (rows: number, offset: number) => board!.report(job.slot, rows, offset - job.start)
  const limit = job.limit === null ? undefined : RangeLimit.join(job.limit)
  const { report, part } = tallyRange(election, fileNames, files, job, job.start === 0 ? begin(job.fileIndex).update : undefined, progress, limit)
  board?.report(job.slot, report.rows, job.end - job.start, true)
  parentPort!.postMessage({ report, part, ms: performance.now() - start }, partBuffers(part))
})
