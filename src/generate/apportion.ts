/** Splitting a whole number of votes among choices in proportion to weights, with a cap per choice. */

/**
 * Writes into `out[0..n)` whole numbers that sum to `total`, each at most `cap`, close to `total * w / sum(w)`.
 * Choices whose share reaches the cap get the cap and the rest is shared again among the others; the few votes
 * left by rounding down go one each to the choices from `start` on. Needs `total <= cap * n` and positive
 * weights. `capped` is scratch space of length n. Mutates `out` and `capped` in place.
 * @example apportion(10, 10, [1, 1, 2], 3, out, capped, 0) // out = [3, 2, 5]
 */
export const apportion = (
  total: number,
  cap: number,
  weights: ArrayLike<number>,
  n: number,
  out: Int32Array,
  capped: Uint8Array,
  start: number
): void => {
  for (let i = 0; i < n; i++) {
    out[i] = 0
    capped[i] = 0
  }
  let rest = total
  for (;;) {
    let sum = 0
    for (let i = 0; i < n; i++) if (capped[i] === 0) sum += weights[i]
    let cappedNow = false
    for (let i = 0; i < n; i++) {
      if (capped[i] === 0 && rest * weights[i] >= cap * sum) {
        capped[i] = 1
        out[i] = cap
        rest -= cap
        cappedNow = true
      }
    }
    if (!cappedNow) {
      for (let i = 0; i < n; i++) if (capped[i] === 0) out[i] = Math.min(cap - 1, Math.floor((rest * weights[i]) / sum))
      break
    }
  }
  let left = total
  for (let i = 0; i < n; i++) left -= out[i]
  for (let i = start % n; left > 0; i = (i + 1) % n) {
    if (out[i] < cap) {
      out[i]++
      left--
    }
  }
}
