/**
 * The ballot box's (ASU) count against the hand count (SPEC §4 `asu-mismatch`, DOMAIN.md): the counted `asu`
 * protocol may differ from the counted manual one on a line by at most `rules.asuTolerance` percent of the
 * manual figure. Compared exactly, in integers: |asu - manual| * 100 * 10^k > t * manual, the tolerance being t / 10^k.
 */
import { grouped as g } from "../ballot/count-cell.js"
import { blank, firstChoice, lineFields, type ProtocolLayout } from "../ballot/protocol.js"
import type { Breach } from "./finding.js"

/** A decimal percent ("0", "0.5", "2") as an integer over a power of ten. */
export const scaledPercent = (percent: string): { readonly scaled: bigint; readonly scale: bigint } => {
  const [whole, fraction = ""] = percent.split(".")
  return { scaled: BigInt(whole + fraction), scale: 10n ** BigInt(fraction.length) }
}

/** Whether `asu` differs from `manual` by more than the tolerance (exact). */
const beyond = (manual: number, asu: number, t: { readonly scaled: bigint; readonly scale: bigint }): boolean => {
  if (manual === asu) return false
  const diff = BigInt(Math.abs(asu - manual))
  return diff * 100n * t.scale > t.scaled * BigInt(manual)
}

/** The `asu-mismatch` breach of an ASU protocol against the manual one (both rows of values), or null when they agree. */
export const checkAsu = (manual: Float64Array, asu: Float64Array, layout: ProtocolLayout, tolerance: string): Breach | null => {
  const t = scaledPercent(tolerance)
  const lines: Array<string> = []
  let first = -1
  for (let i = 0; i < manual.length; i++) {
    const m = manual[i]
    const a = asu[i]
    if (m === blank || a === blank) continue
    if (!beyond(m, a, t)) continue
    if (first < 0) first = i
    lines.push(`${i < firstChoice ? lineFields[i] : layout.choices[i - firstChoice]} ${g(a)} (manual ${g(m)})`)
  }
  if (first < 0) return null
  const within = tolerance === "0" ? "" : ` beyond ${tolerance}%`
  return { code: "asu-mismatch", expected: manual[first], actual: asu[first], message: `the ballot box's count differs from the hand count${within}: ${lines.join(", ")}` }
}
