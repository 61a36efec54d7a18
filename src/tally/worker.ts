/** A worker thread of the parallel ingest: tallies byte ranges of protocol files and hashes them (see parallel.ts). */
import { parentPort } from "node:worker_threads"
import type { Election } from "../ballot/election.js"
import { protocolSchema, readCsvFast } from "../ballot/protocol-scan.js"
import { FileHash } from "./hash.js"
import { ProgressBoard, type BoardShare } from "./progress.js"
import { Tally } from "./tally.js"

/**
 * What a worker is asked: the election (without its registry: a part needs none), the file names its ranges
 * share and the progress board, if progress is shown; a byte range, with the room its part is made with and
 * its slot on the board; a file's SHA-256.
 */
export type WorkerJob =
  | { readonly kind: "setup"; readonly election: Election; readonly fileNames: ReadonlyArray<string>; readonly progress: BoardShare | null }
  | { readonly kind: "hash"; readonly path: string; readonly fileIndex: number }
  | { readonly kind: "range"; readonly path: string; readonly fileIndex: number; readonly start: number; readonly end: number; readonly room: number; readonly slot: number }

let election: Election | null = null
let fileNames: ReadonlyArray<string> = []
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
  // `room`: the bytes of protocols this part's arrays are made for (the range's, or every file's for the part
  // that becomes the whole tally). A protocol takes about 100 bytes: counting one per 80 makes the arrays once,
  // a little over their size. Packed counts never take more bytes than their digits: the range's size is room
  // for them (other parts' counts are taken as they are, packed-counts.ts).
  const tally = new Tally(election, fileNames, Math.ceil(job.room / 80), job.end - job.start)
  const report = readCsvFast(job.path, protocolSchema(election.layout), {
    name: fileNames[job.fileIndex],
    fileIndex: job.fileIndex,
    sink: tally,
    range: { start: job.start, end: job.end },
    ...(job.start === 0 ? { onBytes: begin(job.fileIndex).update } : {}),
    ...(board === null ? {} : { onProgress: (rows: number, offset: number) => board!.report(job.slot, rows, offset - job.start) }),
    precincts: tally.ids,
    addPrecincts: true
  })
  board?.report(job.slot, report.rows, job.end - job.start, true)
  // The tally ends here: its part may share its memory (no copy), and the buffers move to the main thread.
  const part = tally.exportPart(true)
  const { arena, starts, ends, table } = part.ids
  const arrays = [arena, starts, ends, ...(table === null ? [] : [table.slots, table.hashes]), part.kind, part.version, part.file, part.line, part.territory, part.district, part.at, part.annulled, ...part.counts]
  const moved = [...new Set(arrays.map((a) => a.buffer as ArrayBuffer))]
  parentPort!.postMessage({ report, part, ms: performance.now() - start }, moved)
})
