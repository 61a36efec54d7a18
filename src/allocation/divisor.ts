/** Highest-averages (divisor) methods: each seat goes to the largest quotient votes / divisor(seats held). */
import type { TieRule } from "../ballot/rules.js"
import { award, type Contest } from "./contest.js"
import { compareBig, type Ratio } from "./exact.js"
import { quotientText, sqrtText } from "./figures.js"
import type { LotBook } from "./lots.js"
import type { Apportionment } from "./quota.js"
import { names, type Step } from "./steps.js"
import type { DivisorMethod } from "./types.js"

/** A divisor method's n-th divisor (n = seats already held), squared so that square roots stay exact; with its source. */
interface Divisor {
  readonly name: string
  readonly squared: (n: bigint) => Ratio
}

const integer = (n: bigint): Ratio => ({ num: n * n, den: 1n })

/** The divisor sequences, each with the source that defines it. */
const divisors: Readonly<Record<DivisorMethod, Divisor>> = {
  /** D'Hondt (1878): 1, 2, 3, ... */
  dhondt: { name: "D'Hondt", squared: (n) => integer(n + 1n) },
  /** Sainte-Laguë (1910): 1, 3, 5, ... (the same order as n + 1/2). */
  "sainte-lague": { name: "Sainte-Laguë", squared: (n) => integer(2n * n + 1n) },
  /** Modified Sainte-Laguë (Norway, Sweden before 2018): 1.4, 3, 5, ... */
  "modified-sainte-lague": {
    name: "modified Sainte-Laguë",
    squared: (n) => (n === 0n ? { num: 49n, den: 25n } : integer(2n * n + 1n))
  },
  /** Imperiali (Italy, Belgian municipalities): 2, 3, 4, ... */
  imperiali: { name: "Imperiali", squared: (n) => integer(n + 2n) },
  /** Huntington-Hill (US House since 1941): sqrt(n(n+1)), the geometric mean of n and n+1. */
  "huntington-hill": { name: "Huntington-Hill", squared: (n) => ({ num: n * (n + 1n), den: 1n }) },
  /** Adams (J. Q. Adams, 1832): n, i.e. 0, 1, 2, ... */
  adams: { name: "Adams", squared: (n) => integer(n) },
  /** Dean (J. W. Dean, 1832): n(n+1)/(n+1/2), the harmonic mean of n and n+1. */
  dean: {
    name: "Dean",
    squared: (n) => ({ num: 4n * n * n * (n + 1n) * (n + 1n), den: (2n * n + 1n) * (2n * n + 1n) })
  }
}

/**
 * Compares two claims exactly: votes a / divisor a against votes b / divisor b, through the squares
 * a^2 * (db.num * da.den) against b^2 * (da.num * db.den). A zero divisor is an unbounded claim; two
 * unbounded claims are ordered by votes (the first seat goes to the most votes first).
 */
const compareClaims = (va: bigint, da: Ratio, vb: bigint, db: Ratio): number => {
  if (da.num === 0n || db.num === 0n) {
    if (da.num !== 0n) return -1
    if (db.num !== 0n) return 1
    return compareBig(va, vb)
  }
  return compareBig(va * va * db.num * da.den, vb * vb * da.num * db.den)
}

/** A quotient in words: "4854 / 3 = 1618.0000", or the unbounded first claim of a zero-divisor method. */
const quotientWords = (votes: bigint, divisor: Ratio): string =>
  divisor.num === 0n
    ? `first seat (divisor 0: every list with votes gets one before any gets a second; ${votes} votes)`
    : `${votes} / ${sqrtText(divisor)} = ${quotientText(votes, divisor)}`

/**
 * Seats that are certainly won before any contest: every claim stronger than lambda = V / S (V the eligible votes),
 * as long as there are at most `seats` of them; the claims left are all at most lambda, so the contest only hands
 * out the rest (at most about one per entry). Null when the jump would overshoot (Adams with more lists than seats).
 * Entry i's claims stronger than lambda are those with v_i^2 * S^2 * d.den > V^2 * d.num, found by halving over k.
 */
const jumpStart = (squared: Divisor["squared"], votes: ReadonlyArray<bigint>, eligible: ReadonlyArray<boolean>, seats: number): Array<number> | null => {
  const total = votes.reduce((sum, v, i) => (eligible[i] ? sum + v : sum), 0n)
  const s = BigInt(seats)
  const stronger = (v: bigint, k: number): boolean => {
    const d = squared(BigInt(k))
    return d.num === 0n || v * v * s * s * d.den > total * total * d.num
  }
  let given = 0
  const held = votes.map((v, i) => {
    if (!eligible[i] || !stronger(v, 0)) return 0
    let low = 0
    let high = 1
    while (high <= seats && stronger(v, high)) {
      low = high
      high *= 2
    }
    high = Math.min(high, seats + 1)
    while (high - low > 1) {
      const mid = (low + high) >> 1
      if (stronger(v, mid)) low = mid
      else high = mid
    }
    given += low + 1
    return low + 1
  })
  return given <= seats ? held : null
}

/**
 * Allocates `seats` among the eligible entries by the divisor method: the largest quotient takes the next
 * seat; equal quotients on the last seat(s) go to the tie rule, then to lots.
 */
export const apportionByDivisor = (
  method: DivisorMethod,
  ids: ReadonlyArray<string>,
  votes: ReadonlyArray<bigint>,
  eligible: ReadonlyArray<boolean>,
  seats: number,
  rule: TieRule,
  book: LotBook,
  explain = true
): Apportionment => {
  const { name, squared } = divisors[method]
  // Without steps (the margins' re-runs), the certain seats are given at once and only the rest contested.
  const start = explain ? null : jumpStart(squared, votes, eligible, seats)
  const held = start ?? ids.map(() => 0)
  const already = held.reduce((sum, h) => sum + h, 0)
  const divisor = (i: number): Ratio => squared(BigInt(held[i]))
  const steps: Array<Step> = []
  if (explain) {
    const shown = Array.from({ length: Math.min(seats, 5) }, (_, n) => sqrtText(squared(BigInt(n))))
    steps.push({ kind: "divisors", divisors: shown, text: `${name} divisors: ${shown.join(", ")}, ...; each seat goes to the largest quotient votes / divisor` })
  }
  const contest: Contest = {
    ids,
    votes,
    seats: held,
    eligible,
    compare: (i, j) => compareClaims(votes[i], divisor(i), votes[j], divisor(j)),
    claim: (i) => quotientWords(votes[i], divisor(i))
  }
  const outcome = award(contest, seats - already, already + 1, rule, book, explain)
  for (let i = 0; i < ids.length; i++) {
    if (!eligible[i] || !explain) continue
    const quotients = Array.from({ length: held[i] + 1 }, (_, n) => {
      const d = squared(BigInt(n))
      return d.num === 0n ? "first" : quotientText(votes[i], d)
    })
    steps.push({
      kind: "quotients",
      party: ids[i],
      quotients,
      text: `${ids[i]}: quotients ${names(quotients)}${outcome.tie === null ? ` (the last did not win a seat)` : ""}`
    })
  }
  return { seats: held, tie: outcome.tie, lots: outcome.lots, steps: explain ? [...steps, ...outcome.steps] : steps }
}
