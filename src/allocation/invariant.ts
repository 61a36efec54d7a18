/** Assertions for the allocation core: a broken precondition is the caller's bug, never a result. */

/** Throws when `condition` is false; callers validate user input before calling the core. */
export function invariant(condition: boolean, message: string): asserts condition {
  if (!condition) throw new Error(`allocation: ${message}`)
}

/** Asserts a count is a non-negative safe integer (votes, seats, participants). */
export const assertCount = (value: number, what: string): void =>
  invariant(Number.isSafeInteger(value) && value >= 0, `${what} must be a non-negative safe integer, got ${value}`)

/** Asserts ids are pairwise distinct. */
export const assertDistinct = (ids: ReadonlyArray<string>, what: string): void => {
  const seen = new Set<string>()
  for (const id of ids) {
    invariant(!seen.has(id), `${what} ${JSON.stringify(id)} appears twice`)
    seen.add(id)
  }
}
