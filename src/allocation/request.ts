/**
 * `kenesh allocate`'s rules (SPEC §2) as a pure step: the flags as a person typed them and the decoded totals become
 * the exact input of an allocation, or the one reason they are unusable (exit 2), every message naming its flag.
 */
import { defaultEdition, editions, type Edition, type ThresholdOp, type TieRule } from "../ballot/rules.js"
import { parseDecimal } from "./exact.js"
import { seatLists } from "./list-seats.js"
import { allocateDistrict } from "./majoritarian.js"
import {
  maxSeats,
  methods,
  type CandidateVotes,
  type DistrictInput,
  type Gender,
  type Lot,
  type Method,
  type ProportionalInput,
  type ProportionalRules,
  type Tie
} from "./types.js"

/** The flags of `kenesh allocate` as given (null when absent); values are text, checked here. */
export interface AllocateFlags {
  readonly seats: string
  readonly system: "proportional" | "majoritarian" | null
  readonly method: Method | null
  readonly compare: string | null
  readonly threshold: string | null
  readonly thresholdOp: ThresholdOp | null
  readonly participants: string | null
  readonly againstAll: string | null
  readonly invalid: string | null
  readonly edition: Edition | null
  readonly tie: TieRule | null
  readonly lot: ReadonlyArray<string>
  readonly reservedForWomen: string | null
}

/** The totals of a results file (SPEC §1.3), as its decoder gives them. */
export interface Totals {
  readonly system: "proportional" | "majoritarian"
  readonly hasGender: boolean
  readonly rows: ReadonlyArray<{ readonly id: string; readonly votes: number; readonly gender: Gender | null }>
}

/** A usable request: what to allocate, by which method(s), a title in words and warnings for stderr. */
export type AllocateRequest =
  | {
      readonly system: "proportional"
      readonly input: ProportionalInput
      /** The methods of `--compare`, or null for one allocation. */
      readonly compare: ReadonlyArray<Method> | null
      readonly how: string
      readonly warnings: ReadonlyArray<string>
    }
  | { readonly system: "majoritarian"; readonly input: DistrictInput; readonly how: string; readonly warnings: ReadonlyArray<string> }

/** A request, or why the arguments are unusable. */
export type Assembled = { readonly ok: true; readonly request: AllocateRequest } | { readonly ok: false; readonly message: string }

class Unusable {
  constructor(readonly message: string) {}
}
const refuse = (message: string): never => {
  throw new Unusable(message)
}

/** A whole number of 0 or more for `--flag`, digits only, exactly countable. */
const count = (flag: string, text: string): number =>
  /^[0-9]+$/.test(text) && Number.isSafeInteger(Number(text)) ? Number(text) : refuse(`--${flag} must be a whole number of 0 or more, got "${text}"`)

/** `--seats`: 1 to `maxSeats`, the seats a council can have. */
const seatCount = (text: string): number => {
  const seats = /^[0-9]+$/.test(text) ? Number(text) : Number.NaN
  if (!(seats >= 1 && seats <= maxSeats)) refuse(`--seats must be a whole number from 1 to ${maxSeats} (the seats of one council), got "${text}"`)
  return seats
}

/** `--threshold`: a decimal percent from 0 to 100, digits and at most one decimal point. */
const thresholdPercent = (text: string): string => {
  const exact = parseDecimal(text)
  if (exact === null) refuse(`--threshold must be a decimal percent from 0 to 100 such as 7 or 0.5, got "${text}"`)
  if (exact!.num > 100n * exact!.den) refuse(`--threshold ${text} is more than 100 percent`)
  return text
}

/** `--compare M1,M2,...` or `all`: distinct known methods. */
const compareList = (text: string): ReadonlyArray<Method> => {
  if (text === "all") return methods
  const named = text.split(",")
  const seen = new Set<string>()
  for (const name of named) {
    if (!(methods as ReadonlyArray<string>).includes(name))
      refuse(`--compare: ${name === "" ? "an empty name" : `"${name}"`} is not a method; write all or some of ${methods.join(", ")}`)
    if (seen.has(name)) refuse(`--compare names ${name} twice`)
    seen.add(name)
  }
  return named as ReadonlyArray<Method>
}

/** `--lot ID,...`: each occurrence one drawing, naming distinct winners that are in the results. */
const lotsOf = (values: ReadonlyArray<string>, ids: ReadonlySet<string>): Array<Lot> =>
  values.map((value) => {
    if (value === "") refuse('--lot needs the winners of the drawing, e.g. --lot a or --lot a,b; got ""')
    const winners = value.split(",")
    const unknown = winners.filter((w) => !ids.has(w))
    if (unknown.length > 0)
      refuse(`--lot ${value}: ${unknown.map((u) => (u === "" ? "an empty name" : `"${u}"`)).join(", ")} ${unknown.length === 1 ? "is" : "are"} not in the results`)
    const seen = new Set<string>()
    for (const w of winners) {
      if (seen.has(w)) refuse(`--lot ${value} names ${w} twice`)
      seen.add(w)
    }
    return { winners }
  })

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? "" : "s"}`

/**
 * Checks the lots against the ties they are meant to settle (SPEC §2): `tieAfter(lots)` is the open tie when the
 * given lots are applied. Each lot must settle the tie left open by the ones before it: its winners all in the tie,
 * exactly as many as the tied seats. Returns the reason a lot is unusable, or null.
 */
const lotProblem = (lots: ReadonlyArray<Lot>, tieAfter: (lots: ReadonlyArray<Lot>) => Tie | null): string | null => {
  const used: Array<Lot> = []
  const left = [...lots]
  while (left.length > 0) {
    const tie = tieAfter(used)
    const text = (lot: Lot) => `--lot ${lot.winners.join(",")}`
    if (tie === null) return `${text(left[0])}: there is no tie to settle; the seats are allocated without a drawing of lots`
    const among = new Set(tie.among)
    const tieWords = `${tie.among.join(", ")} have equal claims to ${plural(tie.seats, "seat")}`
    const index = left.findIndex((lot) => lot.winners.every((w) => among.has(w)))
    if (index < 0) {
      const outside = left[0].winners.filter((w) => !among.has(w))
      return `${text(left[0])}: ${outside.join(", ")} ${outside.length === 1 ? "is" : "are"} not in the tie (${tieWords})`
    }
    const lot = left[index]
    if (lot.winners.length !== tie.seats)
      return `${text(lot)} names ${plural(lot.winners.length, "winner")}, but the tie is for ${plural(tie.seats, "seat")} (${tieWords})`
    used.push({ among: tie.among, winners: lot.winners })
    left.splice(index, 1)
  }
  return null
}

/**
 * Assembles `kenesh allocate`'s request from its flags and the decoded totals, or says why it is unusable.
 * Without `--method` (and `--compare`) the statutory rules of `--edition` apply; with them only the flags do.
 * @example assembleRequest({ ...flags, seats: "31", edition: "2011" }, totals) // { ok: true, request: { system: "proportional", ... } }
 */
export const assembleRequest = (flags: AllocateFlags, totals: Totals): Assembled => {
  try {
    return { ok: true, request: assemble(flags, totals) }
  } catch (e) {
    if (e instanceof Unusable) return { ok: false, message: e.message }
    throw e
  }
}

const assemble = (flags: AllocateFlags, totals: Totals): AllocateRequest => {
  const seats = seatCount(flags.seats)
  const againstAll = flags.againstAll === null ? 0 : count("against-all", flags.againstAll)
  const invalid = flags.invalid === null ? 0 : count("invalid", flags.invalid)
  const participantsFlag = flags.participants === null ? null : count("participants", flags.participants)
  const reserved = flags.reservedForWomen === null ? null : count("reserved-for-women", flags.reservedForWomen)
  const edition: Edition = flags.edition ?? defaultEdition
  const rules = editions[edition]
  const tie: TieRule = flags.tie ?? rules.tie
  const ids = new Set(totals.rows.map((r) => r.id))
  const lots = lotsOf(flags.lot, ids)
  const system = flags.system ?? totals.system
  const seatWords = plural(seats, "seat")

  if (system === "majoritarian") {
    const misplaced = (
      [
        ["method", flags.method],
        ["compare", flags.compare],
        ["threshold", flags.threshold],
        ["threshold-op", flags.thresholdOp],
        ["participants", flags.participants],
        ["invalid", flags.invalid]
      ] as const
    ).find(([, v]) => v !== null)
    if (misplaced !== undefined) refuse(`--${misplaced[0]} applies to proportional allocations only`)
    if (reserved !== null && reserved > seats) refuse(`--reserved-for-women ${reserved} is more than the ${seatWords}`)
    if (reserved !== null && reserved > 0 && !totals.hasGender) refuse("--reserved-for-women needs a gender column in the results (candidate,votes,gender)")
    const warnings = !totals.hasGender && rules.womenReserve !== null && reserved === null ? ["the results have no gender column, so the women's reserve is not applied"] : []
    const candidates: Array<CandidateVotes> = totals.rows.map((r) => ({ id: r.id, votes: r.votes, gender: r.gender }))
    const base = { seats, candidates, againstAll, rules, reservedForWomen: totals.hasGender ? reserved : 0 }
    const problem = lotProblem(lots, (given) => allocateDistrict({ ...base, lots: given }).tie)
    if (problem !== null) refuse(problem)
    return { system, input: { ...base, lots }, how: `${seatWords}, most votes (edition ${edition})`, warnings }
  }

  if (reserved !== null) refuse("--reserved-for-women applies to majoritarian allocations only")
  if (flags.method !== null && flags.compare !== null) refuse("--method and --compare cannot be given together: --compare names the methods")
  const compare = flags.compare === null ? null : compareList(flags.compare)
  const analyst = flags.method !== null || compare !== null
  const percent = flags.threshold === null ? null : thresholdPercent(flags.threshold)
  if (percent === null && analyst && flags.thresholdOp !== null) refuse(`--threshold-op needs --threshold when --${flags.method !== null ? "method" : "compare"} is given`)
  const op: ThresholdOp = flags.thresholdOp ?? rules.threshold.op
  const proportional: ProportionalRules = analyst
    ? { threshold: percent === null ? null : { percent, op, base: "participants" }, tie, againstAll: "ignore" }
    : { threshold: { ...rules.threshold, percent: percent ?? rules.threshold.percent, op }, tie, againstAll: rules.againstAll }
  const cast = totals.rows.reduce((sum, r) => sum + r.votes, 0) + againstAll + invalid
  if (!Number.isSafeInteger(cast)) refuse("the votes of the rows with --against-all and --invalid add up past 2^53 - 1; they cannot be counted exactly")
  if (participantsFlag !== null && participantsFlag < cast)
    refuse(`--participants ${participantsFlag} is fewer than the ${cast} ballots of the rows, --against-all and --invalid; every one of them was cast by a voter who took part`)
  const method: Method = flags.method ?? "hare"
  const input: ProportionalInput = {
    seats,
    lists: totals.rows.map((r) => ({ id: r.id, votes: r.votes })),
    participants: participantsFlag ?? cast,
    againstAll,
    invalid,
    rules: proportional,
    method,
    lots
  }
  const tieOf = (m: Method) => (given: ReadonlyArray<Lot>) => seatLists({ ...input, method: m, lots: given }, false).tie
  if (compare === null) {
    const problem = lotProblem(lots, tieOf(method))
    if (problem !== null) refuse(problem)
  } else if (lots.length > 0) {
    // The lots apply to every method; each must settle a tie of at least one of them.
    const problems = compare.map((m) => lotProblem(lots, tieOf(m)))
    if (problems.every((p) => p !== null)) refuse(`${problems[0]} (with --compare, a lot must settle a tie of at least one method)`)
  }
  const how = compare !== null ? `${compare.length} methods side by side` : flags.method !== null ? `method ${method}` : `statutory rules of edition ${edition}`
  return { system: "proportional", input, compare, how: `${seatWords}, ${how}`, warnings: [] }
}
