/** Recorded drawings of lots (SPEC §1.1 `lots`, §2 `--lot`) and how they settle a tie. */
import type { Lot, SettledLot } from "./types.js"

/** The lots given for one allocation; each settles at most one tie (mutates its record of use in place). */
export interface LotBook {
  /** The winners of a given lot that settles `seats` seats among `among`, recorded as used; null when none does. */
  readonly take: (among: ReadonlyArray<string>, seats: number) => SettledLot | null
  /** The lots that settled no tie, in the order given. */
  readonly unused: () => ReadonlyArray<Lot>
}

/** Whether `lot` settles a tie of `seats` seats among `among`: the same participants (when it names them) and that many distinct winners from them. */
const settles = (lot: Lot, among: ReadonlyArray<string>, seats: number): boolean => {
  const tied = new Set(among)
  const winners = new Set(lot.winners)
  if (winners.size !== lot.winners.length || winners.size !== seats) return false
  if (![...winners].every((w) => tied.has(w))) return false
  if (lot.among === undefined) return true
  const named = new Set(lot.among)
  return named.size === tied.size && [...tied].every((t) => named.has(t))
}

/**
 * Opens the book of lots for one allocation.
 * @example lotBook([{ winners: ["b"] }]).take(["a", "b"], 1) // { among: ["a", "b"], winners: ["b"] }
 */
export const lotBook = (lots: ReadonlyArray<Lot>): LotBook => {
  const used = lots.map(() => false)
  return {
    take: (among, seats) => {
      const index = lots.findIndex((lot, i) => !used[i] && settles(lot, among, seats))
      if (index < 0) return null
      used[index] = true
      const winners = new Set(lots[index].winners)
      return { among: [...among], winners: among.filter((id) => winners.has(id)) }
    },
    unused: () => lots.filter((_, i) => !used[i])
  }
}
