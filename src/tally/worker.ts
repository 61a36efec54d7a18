/** A worker thread of the parallel ingest: hashes protocol files and tallies byte ranges of them (see parallel.ts). */
import * as fs from "node:fs"
import { parentPort } from "node:worker_threads"
import type { Election } from "../ballot/election.js"
import { protocolSchema, readCsvFast } from "../ballot/protocol-scan.js"
import { unpackRegistry, type PackedRegistry } from "../ballot/registry.js"
import { sha256File } from "./hash.js"
import { Tally } from "./tally.js"

/** What a worker is asked: the SHA-256 of a file; the election (registry packed) and file names its ranges share; a byte range. */
export type WorkerJob =
  | { readonly kind: "hash"; readonly path: string }
  | { readonly kind: "setup"; readonly election: Omit<Election, "registry">; readonly registry: PackedRegistry | null; readonly fileNames: ReadonlyArray<string> }
  | { readonly kind: "range"; readonly path: string; readonly fileIndex: number; readonly start: number; readonly end: number }

let election: Election | null = null
let fileNames: ReadonlyArray<string> = []

parentPort!.on("message", (job: WorkerJob) => {
  switch (job.kind) {
    case "hash":
      // A file that cannot be read gets no hash; the one-pass ingest reports it.
      parentPort!.postMessage(fs.existsSync(job.path) ? sha256File(job.path) : "")
      return
    case "setup":
      election = { ...job.election, registry: job.registry === null ? null : unpackRegistry(job.registry) }
      fileNames = job.fileNames
      return
    case "range": {
      if (election === null) throw new Error("a range job came before the election")
      const tally = new Tally(election, fileNames)
      const report = readCsvFast(job.path, protocolSchema(election.layout), {
        name: fileNames[job.fileIndex],
        fileIndex: job.fileIndex,
        sink: tally,
        range: { start: job.start, end: job.end },
        ...(election.registry !== null ? { precincts: election.registry.interner } : {})
      })
      const part = tally.exportPart()
      parentPort!.postMessage({ report, part }, [part.version.buffer as ArrayBuffer, part.file.buffer as ArrayBuffer, part.line.buffer as ArrayBuffer])
    }
  }
})
