/** Binary search in increasing numbers (line starts, arena starts). */

/** The index of the last of `starts` (increasing, the first at or before every `offset` asked) at or before `offset`. */
export const lastAtOrBefore = (starts: ReadonlyArray<number>, offset: number): number => {
  let lo = 0
  let hi = starts.length - 1
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1
    if (starts[mid] <= offset) lo = mid
    else hi = mid - 1
  }
  return lo
}
