/** One byte range of a protocols file tallied into a part (by a worker thread, or by the main thread, parallel.ts). */
import type { Election } from "../ballot/election.js"
import { protocolSchema, readCsvFast, type ReadReport } from "../ballot/protocol-scan.js"
import type { ProtocolFiles } from "./protocol-files.js"
import type { RangeLimit } from "./range-limit.js"
import { Tally, type TallyPart } from "./tally.js"

/** A byte range to tally: its file (by path and index), `[start, end)`, and the bytes of protocols its part is made with room for. */
export interface RangeJob {
  readonly path: string
  readonly fileIndex: number
  readonly start: number
  readonly end: number
  readonly room: number
}

/**
 * Tallies a range of `election` (a worker reads it without its registry; the main thread, which has read it, with it: the part's table is then over the registry's ids) into a part whose memory is the
 * tally's own (no copy: the tally is used no more). `files`: the files, where protocols are kept by place
 * (protocol-files.ts). `onBytes` and `onProgress` are the reader's (protocol-scan.ts); with `limit`, the range ends
 * where the main thread cuts it (range-limit.ts).
 */
export const tallyRange = (
  election: Election,
  fileNames: ReadonlyArray<string>,
  files: ProtocolFiles | null,
  job: RangeJob,
  onBytes?: (bytes: Uint8Array) => void,
  onProgress?: (rows: number, offset: number) => void,
  limit?: RangeLimit
): { readonly report: ReadReport; readonly part: TallyPart } => {
  // `room`: the bytes of protocols this part's arrays are made for (the range's, or every file's for the part
  // that becomes the whole tally). A protocol takes about 100 bytes: counting one per 80 makes the arrays once,
  // a little over their size. Packed counts never take more bytes than their digits: the range's size is room
  // for them (other parts' counts are taken as they are, packed-counts.ts).
  const tally = new Tally(election, fileNames, Math.ceil(job.room / 80), job.end - job.start, files)
  const report = readCsvFast(job.path, protocolSchema(election.layout), {
    name: fileNames[job.fileIndex],
    fileIndex: job.fileIndex,
    sink: tally,
    range: { start: job.start, end: job.end, ...(limit === undefined ? {} : { limit: (readTo: number) => limit.take(readTo) }) },
    ...(onBytes === undefined ? {} : { onBytes }),
    ...(onProgress === undefined ? {} : { onProgress }),
    precincts: tally.ids,
    addPrecincts: true
  })
  return { report, part: tally.exportPart(true) }
}

/** The buffers of a part, each once: what a worker thread moves to the main thread with it (no copy). */
export const partBuffers = (part: TallyPart): Array<ArrayBuffer> => {
  const { arena, ends, table } = part.ids
  const arrays = [arena, ends, ...(table === null ? [] : [table.slots, table.hashes]), part.kind, part.priorVersions, part.file, part.line, part.territory, part.districtNumber, part.at, part.voters, part.annulled, ...part.counts.arenas]
  return [...new Set(arrays.flatMap((a) => (a === null ? [] : [a.buffer as ArrayBuffer])))]
}
