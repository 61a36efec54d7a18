/** Opening an election night: the store (made for the election, or as recorded) and the live tally built from it. */
import * as Either from "effect/Either"
import type { Problems } from "../ballot/problem.js"
import { electionOfRecord, readElectionRecord } from "../store/election-record.js"
import { Store } from "../store/store.js"
import { LiveTally } from "./live-tally.js"

/** Why a night cannot be opened: problems in the election file, or a store that cannot be used (both exit 2). */
export type NightError = Problems | { readonly message: string }

/** An open night: its store and its live tally. */
export interface Night {
  readonly store: Store
  readonly live: LiveTally
}

/**
 * Opens the store at `storeFile`. With `electionFile`, the store is created for that election on first use
 * and refused if it was made for another; without, the election is the one the store recorded.
 */
export const openNight = (storeFile: string, electionFile: string | null): Either.Either<Night, NightError> => {
  let record = null
  let election = null
  if (electionFile !== null) {
    const read = readElectionRecord(electionFile)
    if (Either.isLeft(read)) return Either.left(read.left)
    record = read.right.record
    election = read.right.election
  }
  const opened = Store.open(storeFile, record)
  if (Either.isLeft(opened)) return Either.left({ message: opened.left })
  const store = opened.right
  if (election === null) {
    const decoded = electionOfRecord(store.election)
    if (Either.isLeft(decoded)) {
      store.close()
      return Either.left(decoded.left)
    }
    election = decoded.right
  }
  return Either.right({ store, live: new LiveTally(election, store.protocols(), store.annulments(), store.lots()) })
}
