/** Test helpers: small elections and protocol files, tallied through `ingest` with either reader. */
import { Either } from "effect"
import * as fs from "node:fs"
import * as path from "node:path"
import { expect } from "vitest"
import { decodeElection, type Election } from "../../src/ballot/election.js"
import { formatProblem } from "../../src/ballot/problem.js"
import { lineFields } from "../../src/ballot/protocol.js"
import { ingest, type Reader } from "../../src/tally/ingest.js"
import type { Tally, TallyData } from "../../src/tally/tally.js"
import { tempDir } from "../ballot/readers.js"

/** Builds an election from a plain object, as `election.json` would hold it. */
export const electionOf = (doc: Record<string, unknown>, file = "election.json"): Election => {
  const r = decodeElection(file, JSON.stringify(doc, null, 2))
  if (Either.isLeft(r)) throw new Error(r.left.problems.map(formatProblem).join("\n"))
  return r.right
}

/** A protocol's lines, with votes per choice id; other choices are left blank. */
export type Protocol = { precinct: string; territory: string; district?: string; version?: number } & Partial<Record<(typeof lineFields)[number], number>> & {
  votes: Record<string, number>
}

/**
 * A consistent proportional protocol of `voters` voters: every ballot received is issued, cancelled or spoiled,
 * every ballot issued is found, 2 invalid, 1 against all, the rest split over the votes given (in order).
 */
export const cleanProtocol = (precinct: string, territory: string, voters: number, votes: Record<string, number>, extra: Partial<Protocol> = {}): Protocol => {
  const valid = Object.values(votes).reduce((a, b) => a + b, 0) + 1
  const issued = valid + 2
  return {
    precinct,
    territory,
    voters,
    received: voters,
    issued_premises: issued - 1,
    issued_outside: 1,
    cancelled: voters - issued,
    spoiled: 0,
    found_stationary: issued - 1,
    found_mobile: 1,
    invalid: 2,
    valid,
    against_all: 1,
    votes,
    ...extra
  }
}

/** The CSV text of protocols for the given choice ids (with a version column when any protocol has one). */
export const protocolsCsv = (choices: ReadonlyArray<string>, protocols: ReadonlyArray<Protocol>, withDistrict = false): string => {
  const versioned = protocols.some((p) => p.version !== undefined)
  const header = ["precinct", "territory", ...(withDistrict ? ["district"] : []), ...(versioned ? ["version"] : []), ...lineFields, ...choices]
  const rows = protocols.map((p) => [
    p.precinct,
    p.territory,
    ...(withDistrict ? [p.district ?? ""] : []),
    ...(versioned ? [String(p.version ?? 1)] : []),
    ...lineFields.map((f) => String(p[f] ?? 0)),
    ...choices.map((c) => (p.votes[c] === undefined ? "" : String(p.votes[c])))
  ])
  return [header, ...rows].map((r) => r.join(",")).join("\n") + "\n"
}

/** Writes protocol files into a fresh folder; returns their paths. */
export const writeFiles = (texts: ReadonlyArray<string>): Array<string> => {
  const dir = tempDir()
  return texts.map((t, i) => {
    const f = path.join(dir, `protocols-${i + 1}.csv`)
    fs.writeFileSync(f, t)
    return f
  })
}

/** Tallies the files with both readers, asserts they agree, and returns the first reader's tally with its data. */
export const talliedFiles = async (election: Election, files: ReadonlyArray<string>): Promise<{ readonly tally: Tally; readonly data: TallyData }> => {
  const results = await Promise.all((["fast", "csv-parse"] as const satisfies ReadonlyArray<Reader>).map((r) => ingest(election, files, r)))
  const [fast, slow] = results
  if (!fast.ok) throw new Error(fast.problems.map(formatProblem).join("\n"))
  if (!slow.ok) throw new Error(slow.problems.map(formatProblem).join("\n"))
  expect({ ...slow, tally: null }).toEqual({ ...fast, tally: null })
  return { tally: fast.tally, data: fast.data }
}

/** Tallies the files with both readers, asserts they agree, and returns the tally data. */
export const tallyFiles = async (election: Election, files: ReadonlyArray<string>): Promise<TallyData> => (await talliedFiles(election, files)).data

/** Tallies protocol texts (one file each). */
export const tallyTexts = (election: Election, texts: ReadonlyArray<string>): Promise<TallyData> => tallyFiles(election, writeFiles(texts))

/** Tallies protocol texts (one file each); the tally with its data, for the result (`tallyResult`). */
export const talliedTexts = (election: Election, texts: ReadonlyArray<string>) => talliedFiles(election, writeFiles(texts))

/** The (precinct, code) pairs of the findings. */
export const codesOf = (data: TallyData): Array<[string | null, string]> => data.findings.map((f) => [f.precinct, f.code])
