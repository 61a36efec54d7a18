/** What `kenesh generate` is asked for, its defaults, and the check that makes the request usable. */
import * as Either from "effect/Either"
import { UsageError } from "../ballot/problem.js"

/** The electoral system of a synthetic election. */
export type System = "proportional" | "majoritarian"

/** The request as a caller gives it; absent counts take realistic defaults. */
export interface GenerateOptions {
  readonly system: System
  readonly precincts: number
  /** Any text or integer; the integer 42 and the text "42" give the same election. */
  readonly seed: string | number
  readonly out: string
  readonly parties?: number
  readonly territories?: number
  readonly districts?: number
  /** Share of precincts whose protocol breaks one rule, 0 to 1. */
  readonly faultRate?: number
}

/** A checked request with every default filled in. */
export interface ResolvedOptions {
  readonly system: System
  readonly precincts: number
  readonly seed: string
  readonly out: string
  readonly parties: number
  readonly territories: number
  readonly districts: number
  readonly faultRate: number
}

/** The most precincts a synthetic election may have (ids stay eight digits wide). */
export const maxPrecincts = 50_000_000

const wholeIn = (name: string, value: number, low: number, high: number): string | null =>
  Number.isInteger(value) && value >= low && value <= high ? null : `--${name} must be a whole number from ${low} to ${high}, got ${value}`

/**
 * Fills the defaults and checks the ranges: 15 parties; min(50, ceil(N/20)) territories; for majoritarian,
 * min(50, ceil(N/3)) districts (every candidate is a column of protocols.csv, so the default stays modest).
 */
export const resolveOptions = (options: GenerateOptions): Either.Either<ResolvedOptions, UsageError> => {
  const n = options.precincts
  const precinctsProblem = wholeIn("precincts", n, 1, maxPrecincts)
  if (precinctsProblem !== null) return Either.left(new UsageError({ message: precinctsProblem }))
  const seed = String(options.seed)
  const resolved: ResolvedOptions = {
    system: options.system,
    precincts: n,
    seed,
    out: options.out,
    parties: options.parties ?? 15,
    territories: options.territories ?? Math.min(50, Math.ceil(n / 20)),
    districts: options.system === "majoritarian" ? (options.districts ?? Math.min(50, Math.ceil(n / 3))) : 1,
    faultRate: options.faultRate ?? 0
  }
  const problems = [
    seed.length === 0 ? "--seed must not be empty" : null,
    options.system === "proportional" || options.system === "majoritarian"
      ? null
      : `--system must be proportional or majoritarian, got ${String(options.system)}`,
    wholeIn("parties", resolved.parties, 1, 999),
    wholeIn("territories", resolved.territories, 1, Math.min(n, 999)),
    wholeIn("districts", resolved.districts, 1, n),
    options.system === "proportional" && options.districts !== undefined ? "--districts applies to majoritarian elections only" : null,
    options.system === "majoritarian" && options.parties !== undefined ? "--parties applies to proportional elections only" : null,
    Number.isFinite(resolved.faultRate) && resolved.faultRate >= 0 && resolved.faultRate <= 1
      ? null
      : `--fault-rate must be a number from 0 to 1, got ${resolved.faultRate}`,
    resolved.out.length === 0 ? "--out must name a directory" : null
  ].filter((p): p is string => p !== null)
  return problems.length === 0 ? Either.right(resolved) : Either.left(new UsageError({ message: problems.join("; ") }))
}
