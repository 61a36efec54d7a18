import fc from "fast-check"
import { describe, expect, it } from "vitest"
import { allocateDistrict } from "../../src/allocation/majoritarian.js"
import { seatLists } from "../../src/allocation/list-seats.js"
import { methods, type DivisorMethod, type Method, type ProportionalInput, type ListSeats } from "../../src/allocation/types.js"
import type { Threshold } from "../../src/ballot/rules.js"
import { editions } from "../../src/ballot/rules.js"
import { seatsOf } from "./helpers.js"

/** One run of the method with its steps: the seats every invariant is about (the margins are tested in margins.test.ts). */
const allocate = (input: ProportionalInput) => seatLists(input, true)

const divisorMethods = methods.filter((m): m is DivisorMethod => m !== "hare" && m !== "droop")

/** 1 to 8 lists named L0, L1, ... with votes drawn from `votes`. */
const listsArb = (votes: fc.Arbitrary<number>) =>
  fc.array(votes, { minLength: 1, maxLength: 8 }).map((vs) => vs.map((v, i) => ({ id: `L${i}`, votes: v })))

const thresholdArb: fc.Arbitrary<Threshold | null> = fc.option(
  fc.record({
    percent: fc.constantFrom("0.5", "5", "7", "12.25"),
    op: fc.constantFrom("gt" as const, "ge" as const),
    base: fc.constantFrom("participants" as const, "valid" as const)
  }),
  { nil: null }
)

const inputArb = (method: fc.Arbitrary<Method>, votes: fc.Arbitrary<number> = fc.nat({ max: 10_000 })): fc.Arbitrary<ProportionalInput> =>
  fc
    .record({
      lists: listsArb(votes),
      seats: fc.integer({ min: 1, max: 40 }),
      method,
      threshold: thresholdArb,
      tie: fc.constantFrom("lot" as const, "votes" as const),
      againstAll: fc.nat({ max: 500 }),
      invalid: fc.nat({ max: 500 })
    })
    .map(({ lists, seats, method, threshold, tie, againstAll, invalid }) => ({
      seats,
      lists,
      participants: lists.reduce((sum, l) => sum + l.votes, 0) + againstAll + invalid,
      againstAll,
      invalid,
      method,
      rules: { threshold, tie, againstAll: "ignore" as const }
    }))

const total = (result: ListSeats): number => result.parties.reduce((sum, p) => sum + p.seats, 0)

/** The outcome independent of row order: status, seats per list and the tie as a set. */
const outcome = (result: ListSeats) => ({
  status: result.status,
  seats: seatsOf(result),
  tie: result.tie === null ? null : { among: [...result.tie.among].sort(), seats: result.tie.seats }
})

describe("allocation invariants (fast-check)", () => {
  it("seats sum to the total, or certain seats plus the tied seats do; a failed result has none", () => {
    fc.assert(
      fc.property(inputArb(fc.constantFrom(...methods)), (input) => {
        const result = allocate(input)
        if (result.status === "allocated") expect(total(result)).toBe(input.seats)
        else if (result.status === "lot-required") {
          expect(result.tie).not.toBeNull()
          expect(total(result) + result.tie!.seats).toBe(input.seats)
          expect(result.tie!.among.length).toBeGreaterThan(result.tie!.seats)
        } else expect(total(result)).toBe(0)
      }),
      { numRuns: 400 }
    )
  })

  it("a lot naming the first tied lists settles a tie into a full allocation", () => {
    fc.assert(
      fc.property(inputArb(fc.constantFrom(...methods), fc.constantFrom(0, 10, 20, 30, 60)), (input) => {
        const first = allocate(input)
        fc.pre(first.tie !== null)
        const lot = { among: first.tie!.among, winners: first.tie!.among.slice(0, first.tie!.seats) }
        const settled = allocate({ ...input, lots: [lot] })
        expect(settled.lots).toEqual([lot])
        expect(settled.status).toBe("allocated")
        expect(total(settled)).toBe(input.seats)
      }),
      { numRuns: 200 }
    )
  })

  it("a list below the threshold gets no seat", () => {
    fc.assert(
      fc.property(inputArb(fc.constantFrom(...methods)), (input) => {
        const result = allocate(input)
        for (const p of result.parties) if (!p.admitted) expect(p.seats).toBe(0)
      }),
      { numRuns: 300 }
    )
  })

  it("Hare stays within quota: each list gets floor or ceil of votes * seats / admitted votes", () => {
    fc.assert(
      fc.property(inputArb(fc.constant("hare" as const)), (input) => {
        const result = allocate(input)
        fc.pre(result.status === "allocated")
        const admitted = result.parties.filter((p) => p.admitted)
        const votes = BigInt(admitted.reduce((sum, p) => sum + p.votes, 0))
        for (const p of admitted) {
          const exact = BigInt(p.votes) * BigInt(input.seats)
          const lower = exact / votes
          const upper = exact % votes === 0n ? lower : lower + 1n
          expect(BigInt(p.seats) >= lower && BigInt(p.seats) <= upper).toBe(true)
        }
      }),
      { numRuns: 300 }
    )
  })

  it("divisor methods are monotone: a list that gains votes never loses a seat", () => {
    fc.assert(
      fc.property(
        inputArb(fc.constantFrom(...divisorMethods)),
        fc.nat(),
        fc.integer({ min: 1, max: 5_000 }),
        (input, pick, gain) => {
          const noThreshold = { ...input, rules: { ...input.rules, threshold: null } }
          const i = pick % input.lists.length
          const richer = { ...noThreshold, lists: noThreshold.lists.map((l, j) => (j === i ? { ...l, votes: l.votes + gain } : l)) }
          const before = allocate(noThreshold)
          const after = allocate(richer)
          fc.pre(before.status === "allocated" && after.status === "allocated")
          expect(after.parties[i].seats).toBeGreaterThanOrEqual(before.parties[i].seats)
        }
      ),
      { numRuns: 400 }
    )
  })

  it("divisor methods agree with a reference: the S largest entries of the whole quotient table", () => {
    // Divisors squared as [numerator, denominator], written out independently of src/allocation/divisor.ts.
    const squared: Record<DivisorMethod, (n: bigint) => [bigint, bigint]> = {
      dhondt: (n) => [(n + 1n) ** 2n, 1n],
      "sainte-lague": (n) => [(2n * n + 1n) ** 2n, 1n],
      "modified-sainte-lague": (n) => (n === 0n ? [196n, 100n] : [(2n * n + 1n) ** 2n, 1n]),
      imperiali: (n) => [(n + 2n) ** 2n, 1n],
      "huntington-hill": (n) => [n * n + n, 1n],
      adams: (n) => [n * n, 1n],
      dean: (n) => [(2n * n * (n + 1n)) ** 2n, (2n * n + 1n) ** 2n]
    }
    fc.assert(
      fc.property(inputArb(fc.constantFrom(...divisorMethods)), (input) => {
        const method = input.method as DivisorMethod
        const result = allocate({ ...input, rules: { threshold: null, tie: "lot", againstAll: "ignore" } })
        fc.pre(result.status === "allocated")
        const claims = input.lists.flatMap((l, i) =>
          l.votes === 0 ? [] : Array.from({ length: input.seats }, (_, n) => ({ i, v: BigInt(l.votes), d: squared[method](BigInt(n)) }))
        )
        // Stronger first: an unbounded claim (divisor 0) by votes, then votes^2 / divisor^2 by cross-multiplication.
        claims.sort((a, b) => {
          if (a.d[0] === 0n || b.d[0] === 0n) return a.d[0] !== 0n ? 1 : b.d[0] !== 0n ? -1 : Number(b.v - a.v)
          const x = a.v * a.v * b.d[0] * a.d[1]
          const y = b.v * b.v * a.d[0] * b.d[1]
          return x > y ? -1 : x < y ? 1 : 0
        })
        const expected = input.lists.map(() => 0)
        for (const c of claims.slice(0, input.seats)) expected[c.i]++
        expect(result.parties.map((p) => p.seats)).toEqual(expected)
      }),
      { numRuns: 300 }
    )
  })

  it("a run without steps (the margins' re-runs, divisor seats given at once) decides exactly what a run with steps does", () => {
    fc.assert(
      fc.property(inputArb(fc.constantFrom(...methods), fc.oneof(fc.nat({ max: 60 }), fc.nat({ max: 100_000 }))), (input) => {
        const lean = seatLists(input, false)
        const full = allocate(input)
        expect([lean.status, lean.reason, lean.tie, seatsOf(lean)]).toEqual([full.status, full.reason, full.tie, seatsOf(full)])
      }),
      { numRuns: 400 }
    )
  })

  it("the order of the rows does not matter", () => {
    fc.assert(
      fc.property(
        inputArb(fc.constantFrom(...methods), fc.nat({ max: 200 })).chain((input) =>
          fc.shuffledSubarray([...input.lists], { minLength: input.lists.length }).map((lists) => [input, { ...input, lists }] as const)
        ),
        ([input, shuffled]) => {
          expect(outcome(allocate(shuffled))).toEqual(outcome(allocate(input)))
        }
      ),
      { numRuns: 300 }
    )
  })

  it("scaling every count by a constant changes nothing (all methods but Droop, whose quota adds 1)", () => {
    const scalable = methods.filter((m) => m !== "droop")
    fc.assert(
      fc.property(inputArb(fc.constantFrom(...scalable), fc.nat({ max: 2_000 })), fc.integer({ min: 2, max: 1_000 }), (input, k) => {
        const scaled = {
          ...input,
          lists: input.lists.map((l) => ({ ...l, votes: l.votes * k })),
          participants: input.participants * k,
          againstAll: input.againstAll * k,
          invalid: input.invalid * k
        }
        expect(outcome(allocate(scaled))).toEqual(outcome(allocate(input)))
      }),
      { numRuns: 300 }
    )
  })
})

describe("district invariants (fast-check)", () => {
  const districtArb = fc.record({
    seats: fc.integer({ min: 1, max: 7 }),
    candidates: fc
      .array(fc.record({ votes: fc.nat({ max: 60 }), gender: fc.constantFrom("F" as const, "M" as const) }), { minLength: 1, maxLength: 10 })
      .map((cs) => cs.map((c, i) => ({ id: `c${i}`, ...c })))
  })

  it("elects min(seats, candidates with votes), with at least the fillable reserve of women, unless a lot is required", () => {
    fc.assert(
      fc.property(districtArb, ({ seats, candidates }) => {
        const result = allocateDistrict({ seats, candidates, againstAll: 0, rules: editions["2024"] })
        const withVotes = candidates.filter((c) => c.votes > 0)
        const electedRows = result.candidates.filter((c) => c.elected)
        if (result.status === "allocated") {
          expect(electedRows.length).toBe(Math.min(seats, withVotes.length))
          expect(result.vacant).toBe(Math.max(0, seats - withVotes.length))
          const reserved = result.women?.reserved ?? 0
          const women = withVotes.filter((c) => c.gender === "F").length
          expect(electedRows.filter((c) => c.gender === "F").length).toBeGreaterThanOrEqual(Math.min(reserved, women))
        } else {
          expect(result.status).toBe("lot-required")
          expect(electedRows.length + result.tie!.seats).toBeLessThanOrEqual(seats)
        }
      }),
      { numRuns: 400 }
    )
  })

  it("without a reserve, every elected candidate has at least the votes of every one not elected", () => {
    fc.assert(
      fc.property(districtArb, ({ seats, candidates }) => {
        const result = allocateDistrict({ seats, candidates, againstAll: 0, rules: editions["2011"] })
        fc.pre(result.status === "allocated")
        const inVotes = result.candidates.filter((c) => c.elected).map((c) => c.votes)
        const outVotes = result.candidates.filter((c) => !c.elected).map((c) => c.votes)
        if (inVotes.length > 0 && outVotes.length > 0) expect(Math.min(...inVotes)).toBeGreaterThanOrEqual(Math.max(...outVotes))
      }),
      { numRuns: 300 }
    )
  })

  it("the order of the candidates does not matter", () => {
    fc.assert(
      fc.property(
        districtArb.chain((d) => fc.shuffledSubarray(d.candidates, { minLength: d.candidates.length }).map((shuffled) => [d, shuffled] as const)),
        ([d, shuffled]) => {
          const run = (candidates: typeof d.candidates) => {
            const r = allocateDistrict({ seats: d.seats, candidates, againstAll: 0, rules: editions["2024"] })
            return {
              status: r.status,
              elected: r.candidates.filter((c) => c.elected).map((c) => c.candidate).sort(),
              tie: r.tie === null ? null : { among: [...r.tie.among].sort(), seats: r.tie.seats }
            }
          }
          expect(run(shuffled)).toEqual(run(d.candidates))
        }
      ),
      { numRuns: 300 }
    )
  })
})
