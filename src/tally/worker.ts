/** A worker thread of the parallel ingest: tallies byte ranges of protocol files (see parallel.ts). */
import { parentPort } from "node:worker_threads"
import type { Election } from "../ballot/election.js"
import { protocolSchema, readCsvFast } from "../ballot/protocol-scan.js"
import { unpackRegistry, type PackedRegistry } from "../ballot/registry.js"
import { Tally } from "./tally.js"

/** The first message to a worker, shared by its jobs: the election (registry packed) and the names of the files. */
export interface WorkerSetup {
  readonly election: Omit<Election, "registry">
  readonly registry: PackedRegistry | null
  readonly fileNames: ReadonlyArray<string>
}

/** One job: the records of `path` that start in `[start, end)`. */
export interface RangeJob {
  readonly path: string
  readonly fileIndex: number
  readonly start: number
  readonly end: number
}

let setup: WorkerSetup | null = null
let election: Election | null = null

parentPort!.on("message", (message: WorkerSetup | RangeJob) => {
  if ("election" in message) {
    setup = message
    election = { ...message.election, registry: message.registry === null ? null : unpackRegistry(message.registry) } as Election
    return
  }
  const job = message
  if (setup === null || election === null) throw new Error("a range job came before the election")
  const tally = new Tally(election, setup.fileNames)
  const report = readCsvFast(job.path, protocolSchema(election.layout), {
    name: setup.fileNames[job.fileIndex],
    fileIndex: job.fileIndex,
    sink: tally,
    range: { start: job.start, end: job.end },
    ...(election.registry !== null ? { precincts: election.registry.interner } : {})
  })
  const part = tally.exportPart()
  parentPort!.postMessage({ report, part }, [part.version.buffer as ArrayBuffer, part.file.buffer as ArrayBuffer, part.line.buffer as ArrayBuffer])
})
