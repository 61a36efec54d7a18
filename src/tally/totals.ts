/** Totals of protocol lines and choices: the accumulator every level of the commission hierarchy adds into. */
import { blank, firstChoice, L, lineFields, type ProtocolLayout } from "../ballot/protocol.js"

/** Running totals of a group of protocols: lines then choices, as in a row; mutated in place by `addRow`. */
export interface Totals {
  precincts: number
  readonly values: Float64Array
}

/** Empty totals for a layout. */
export const emptyTotals = (layout: ProtocolLayout): Totals => ({
  precincts: 0,
  values: new Float64Array(firstChoice + layout.choices.length)
})

/** Adds one protocol row into `totals` (mutates in place); another district's blank cells add nothing. */
export const addRow = (totals: Totals, row: Float64Array, sign: 1 | -1 = 1): void => {
  const t = totals.values
  for (let i = 0; i < firstChoice; i++) t[i] += sign * row[i]
  for (let i = firstChoice; i < t.length; i++) {
    const x = row[i]
    if (x !== blank) t[i] += sign * x
  }
  totals.precincts += sign
}

/** Adds totals into others (mutates `into`). */
export const addTotals = (into: Totals, from: Totals): void => {
  for (let i = 0; i < into.values.length; i++) into.values[i] += from.values[i]
  into.precincts += from.precincts
}

/** Combines partial totals (e.g. from two halves of a file or two files) into new totals. */
export const combineTotals = (a: Totals, b: Totals): Totals => {
  const sum = { precincts: a.precincts, values: Float64Array.from(a.values) }
  addTotals(sum, b)
  return sum
}

/** Voters who took part: ballots issued in the premises and outside (SPEC §1.2). */
export const participants = (values: Float64Array): number => values[L.issuedPremises] + values[L.issuedOutside]

/** The totals as SPEC §3 prints them: every line, participants, and the votes of the given choices. */
export const totalsJson = (totals: Totals, layout: ProtocolLayout, choices?: ReadonlyArray<number>) => {
  const out: Record<string, unknown> = {}
  lineFields.forEach((f, i) => (out[f] = totals.values[i]))
  out.participants = participants(totals.values)
  // Ids are data: a choice may be called `__proto__` (no prototype, so every id is an own key).
  const votes: Record<string, number> = Object.create(null) as Record<string, number>
  for (const c of choices ?? layout.choices.map((_, i) => i)) votes[layout.choices[c]] = totals.values[firstChoice + c]
  out.votes = votes
  return out
}
