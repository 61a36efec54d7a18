/** The election a store records: read from its files for `serve`, and decoded back from the store for `tally --store`. */
import { createHash } from "node:crypto"
import * as Either from "effect/Either"
import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import { readElection, type Election } from "../ballot/election.js"
import type { Problems } from "../ballot/problem.js"
import type { ElectionRecord } from "./store.js"

/** The fingerprint of an election definition: the SHA-256 of its file and of its registry CSV, if any. */
const fingerprint = (text: string, registryText: string | null): string => {
  const hash = createHash("sha256").update(text)
  if (registryText !== null) hash.update("\u0000registry\u0000").update(registryText)
  return hash.digest("hex")
}

/** Reads an election file (and its registry CSV) into a decoded election and the record a store keeps of it. */
export const readElectionRecord = (file: string): Either.Either<{ election: Election; record: ElectionRecord }, Problems> =>
  Either.map(readElection(file), (election) => {
    const text = fs.readFileSync(file, "utf8")
    const registryFile = election.registry !== null && election.registry.source !== file ? election.registry.source : null
    const registryText = registryFile !== null ? fs.readFileSync(path.resolve(registryFile), "utf8") : null
    return { election, record: { id: election.id, sha256: fingerprint(text, registryText), file, text, registryFile, registryText } }
  })

/**
 * Decodes the election a store recorded, with the file names it had when the store was made. The files are
 * laid out in a temporary folder for the decoder and removed at once.
 */
export const electionOfRecord = (record: ElectionRecord): Either.Either<Election, Problems> => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "kenesh-store-"))
  try {
    const file = path.join(dir, "election.json")
    let text = record.text
    if (record.registryText !== null) {
      const doc = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text) as Record<string, unknown>
      doc.precincts = "registry.csv"
      text = JSON.stringify(doc)
      fs.writeFileSync(path.join(dir, "registry.csv"), record.registryText)
    }
    fs.writeFileSync(file, text)
    return Either.map(readElection(file), (e): Election => {
      const registry = e.registry
      const shown = record.registryFile ?? record.file
      return {
        ...e,
        file: record.file,
        registry: registry === null ? null : { ...registry, source: shown, position: (i) => ({ ...registry.position(i), file: shown }) }
      }
    })
  } finally {
    fs.rmSync(dir, { recursive: true, force: true })
  }
}
