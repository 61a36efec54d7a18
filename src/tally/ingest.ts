/** Reads protocol files into a tally: every problem of every file collected; a total beyond exact counting is one too. */
import * as fs from "node:fs"
import type { Election } from "../ballot/election.js"
import type { Problem } from "../ballot/problem.js"
import { readProtocolsFast, type ReadReport } from "../ballot/protocol-scan.js"
import { readProtocolsCsvParse } from "../ballot/protocol-csv-parse.js"
import { FileHash } from "../ballot/file-hash.js"
import type { WorkerPool } from "./parallel.js"
import { ProgressBoard } from "./progress.js"
import { FileChanged, filePlaces, ProtocolFiles } from "./protocol-files.js"
import { noStages, type Stages } from "./stages.js"
import { Tally, type TallyData } from "./tally.js"

/** Which protocols reader to use: the byte scanner, or csv-parse (the straightforward reference). */
export type Reader = "fast" | "csv-parse"

/** What reading the inputs gives: the tally (and its state), or every problem that makes them unusable. */
export type IngestOutcome =
  | { readonly ok: true; readonly tally: Tally; readonly data: TallyData; readonly hashes: ReadonlyArray<string>; readonly rows: number }
  | { readonly ok: false; readonly problems: ReadonlyArray<Problem>; readonly more: number }

/** Reads one file with the chosen reader; a file that cannot be opened is a problem like any other. */
const readWith = async (
  reader: Reader,
  path: string,
  fileIndex: number,
  election: Election,
  sink: Tally,
  hash: FileHash,
  onProgress?: (rows: number, bytes: number) => void
): Promise<ReadReport> => {
  try {
    fs.accessSync(path, fs.constants.R_OK)
  } catch (e) {
    const problem = { file: path, line: 1, column: 1, message: `cannot read the protocols file: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}` }
    return { rows: 0, bytes: 0, problems: [problem], moreProblems: 0, lines: 0, quoted: false }
  }
  const options = {
    name: path,
    fileIndex,
    layout: election.layout,
    sink,
    onBytes: hash.update,
    ...(onProgress ? { onProgress } : {}),
    precincts: sink.ids,
    addPrecincts: true
  }
  return reader === "fast" ? readProtocolsFast(path, options) : readProtocolsCsvParse(path, options)
}


/**
 * Reads every protocol file into a tally of `election`. Files are named in messages as given. With a worker
 * pool that has begun (see parallel.ts), its parts are taken first; the pool is closed either way. With
 * `progressFd` (a terminal's file descriptor), the progress line is shown there (progress.ts). A file that
 * changes while it is tallied, when a protocol kept by its place there is read again, is a problem of that file.
 */
export const ingest = async (
  election: Election,
  files: ReadonlyArray<string>,
  reader: Reader,
  progressFd: number | null = null,
  pool: WorkerPool | null = null,
  stages: Stages = noStages
): Promise<IngestOutcome> => {
  try {
    return await ingestFiles(election, files, reader, progressFd, pool, stages)
  } catch (e) {
    if (!(e instanceof FileChanged)) throw e
    return { ok: false, problems: [e.problem], more: 0 }
  }
}

/** `ingest`, but for a file that changed. */
const ingestFiles = async (
  election: Election,
  files: ReadonlyArray<string>,
  reader: Reader,
  progressFd: number | null,
  pool: WorkerPool | null,
  stages: Stages
): Promise<IngestOutcome> => {
  if (pool !== null) {
    const done = await pool.finish(election, files, stages)
    if (done !== null) return checked(done, stages)
  }
  // The byte scanner's rows are kept by their place in the files; csv-parse's (the reference) are packed.
  const places = reader === "fast" ? filePlaces(files) : null
  const tally = new Tally(election, files, undefined, undefined, places === null ? null : new ProtocolFiles(places, election.layout))
  const problems: Array<Problem> = []
  let more = 0
  let rows = 0
  const board = progressFd === null ? null : ProgressBoard.create(progressFd, totalSize(files), 1)
  let bytesBefore = 0
  // Each file is hashed over the buffers its reader reads.
  const hashes = files.map(() => new FileHash())
  for (const [i, f] of files.entries()) {
    const onProgress = board === null ? undefined : (r: number, b: number) => board.report(0, rows + r, bytesBefore + b)
    const report = await readWith(reader, f, i, election, tally, hashes[i], onProgress)
    problems.push(...report.problems)
    more += report.moreProblems
    rows += report.rows
    bytesBefore += report.bytes
    board?.report(0, rows, bytesBefore, true)
  }
  stages.lap("protocols read and tallied")
  if (problems.length > 0) return { ok: false, problems, more }
  // Nothing is left to read, unless a file grew while it was read: its hash is of what it holds now.
  const sha256 = hashes.map((h, i) => h.finish(files[i]))
  stages.lap("SHA-256 of the protocols")
  return checked({ tally, hashes: sha256, rows }, stages)
}

/** The bytes of the files that can be read. */
export const totalSize = (files: ReadonlyArray<string>): number =>
  files.reduce((sum, f) => {
    try {
      return sum + fs.statSync(f).size
    } catch {
      return sum
    }
  }, 0)

/** A tally whose totals can be kept exactly, or the problem of the protocol that took a total beyond 2^53. */
const checked = (done: { readonly tally: Tally; readonly hashes: ReadonlyArray<string>; readonly rows: number }, stages: Stages): IngestOutcome => {
  const at = done.tally.unsafeTotal()
  if (at === null) {
    const data = done.tally.data()
    stages.lap("registry checks and findings")
    return { ok: true, ...done, data }
  }
  const message = `with this protocol a total of the election exceeds ${Number.MAX_SAFE_INTEGER}, beyond what can be counted exactly`
  return { ok: false, problems: [{ file: at.file, line: at.line, column: 1, message }], more: 0 }
}
