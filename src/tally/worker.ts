/** A worker thread of the parallel ingest: tallies byte ranges of protocol files and hashes them (see parallel.ts). */
import { parentPort } from "node:worker_threads"
import type { Election } from "../ballot/election.js"
import { protocolSchema, readCsvFast } from "../ballot/protocol-scan.js"
import { sha256File } from "./hash.js"
import { Tally } from "./tally.js"

/** What a worker is asked: the election (without its registry: a part needs none) and file names its ranges share; a byte range; a file's SHA-256. */
export type WorkerJob =
  | { readonly kind: "setup"; readonly election: Election; readonly fileNames: ReadonlyArray<string> }
  | { readonly kind: "hash"; readonly path: string }
  | { readonly kind: "range"; readonly path: string; readonly fileIndex: number; readonly start: number; readonly end: number }

let election: Election | null = null
let fileNames: ReadonlyArray<string> = []

parentPort!.on("message", (job: WorkerJob) => {
  if (job.kind === "setup") {
    election = job.election
    fileNames = job.fileNames
    return
  }
  if (job.kind === "hash") {
    const start = performance.now()
    const sha256 = sha256File(job.path)
    parentPort!.postMessage({ sha256, ms: performance.now() - start })
    return
  }
  if (election === null) throw new Error("a range job came before the election")
  const start = performance.now()
  // About 100 bytes a protocol: the slab is made once, near its size.
  const tally = new Tally(election, fileNames, Math.ceil((job.end - job.start) / 100))
  const report = readCsvFast(job.path, protocolSchema(election.layout), {
    name: fileNames[job.fileIndex],
    fileIndex: job.fileIndex,
    sink: tally,
    range: { start: job.start, end: job.end },
    precincts: tally.ids,
    addPrecincts: true
  })
  const part = tally.exportPart()
  const moved = [part.kind, part.version, part.file, part.line, part.territory, part.district, part.values, part.at].map((a) => a.buffer as ArrayBuffer)
  parentPort!.postMessage({ report, part, ms: performance.now() - start }, moved)
})
