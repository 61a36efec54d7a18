/** `kenesh generate`: writes a synthetic election (definition, registry, protocols, faults) streaming to disk. */
import * as fs from "node:fs"
import * as path from "node:path"
import { ChunkedFile } from "./chunked-file.js"
import { registryFileName, writeElection } from "./election-file.js"
import type { ResolvedOptions, System } from "./options.js"
import { makePlan } from "./plan.js"
import { type ProgressSink, writePrecincts } from "./precinct-rows.js"

/** What was written. */
export interface GenerateSummary {
  readonly system: System
  readonly files: ReadonlyArray<string>
  readonly precincts: number
  /** Rows of protocols.csv: precincts, less the missing ones, plus duplicates and unknown precincts. */
  readonly protocols: number
  readonly territories: number
  readonly districts: number
  /** Parties (proportional) or candidates (majoritarian). */
  readonly choices: number
  readonly seats: number
  readonly faults: number
  /** Precincts breaking each code (only the codes that occur). */
  readonly faultsByCode: Readonly<Record<string, number>>
}

/** The file names written into the output directory. */
export const fileNames = {
  election: "election.json",
  registry: registryFileName,
  protocols: "protocols.csv",
  faults: "faults.json"
} as const

/**
 * Generates the election of `options` into `options.out`: election.json, precincts.csv, protocols.csv, and
 * faults.json when the fault rate is above zero (a stale faults.json is removed otherwise). Deterministic for a
 * seed. Each file is written to a temporary name and renamed when all are complete; I/O errors are thrown.
 */
export const generate = (options: ResolvedOptions, sink?: ProgressSink): GenerateSummary => {
  const plan = makePlan(options)
  fs.mkdirSync(options.out, { recursive: true })
  const withFaults = options.faultRate > 0
  const files: Array<ChunkedFile> = []
  const open = (name: string): ChunkedFile => {
    const file = new ChunkedFile(options.out, name)
    files.push(file)
    return file
  }
  try {
    const election = open(fileNames.election)
    const registry = open(fileNames.registry)
    const protocols = open(fileNames.protocols)
    const faults = withFaults ? open(fileNames.faults) : null
    writeElection(plan, options.seed, election)
    const counts = writePrecincts(plan, options, { registry, protocols, faults }, sink)
    for (const file of files) file.commit()
    if (!withFaults) fs.rmSync(path.join(options.out, fileNames.faults), { force: true })
    return {
      system: plan.system,
      files: files.map((f) => f.target),
      precincts: plan.precincts,
      protocols: counts.protocols,
      territories: plan.territories,
      districts: plan.system === "majoritarian" ? plan.districts : 0,
      choices: plan.choices,
      seats: plan.seats + plan.districtSeats.reduce((a, b) => a + b, 0),
      faults: counts.faults,
      faultsByCode: counts.faultsByCode
    }
  } catch (e) {
    for (const file of files) file.discard()
    throw e
  }
}
