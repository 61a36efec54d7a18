import fc from "fast-check"
import { describe, expect, it } from "vitest"
import { allocateDistrict } from "../../src/allocation/majoritarian.js"
import { allocateProportional } from "../../src/allocation/proportional.js"
import type { DistrictInput, ProportionalInput } from "../../src/allocation/types.js"
import { districtQuestion } from "../../src/sensitivity/districts.js"
import { listsQuestion } from "../../src/sensitivity/lists.js"
import { searcher } from "../../src/sensitivity/search.js"
import { castable, districtChange, districtKey, districtWith, listsChange, listsKey, listsWith } from "./brute-force.js"

/**
 * Lets the event loop run between cases: a property that computes for a minute without a pause would keep the
 * test worker from reading its runner's answers, and vitest's worker RPC gives up after 60 s.
 */
const breathe = () => new Promise<void>((resolve) => setImmediate(resolve))

/** Small proportional elections near their boundaries: few votes, few seats, every rule the law has. */
const listsArb: fc.Arbitrary<ProportionalInput> = fc
  .record({
    votes: fc.array(fc.nat({ max: 40 }), { minLength: 1, maxLength: 4 }),
    seats: fc.integer({ min: 1, max: 6 }),
    againstAll: fc.nat({ max: 30 }),
    invalid: fc.nat({ max: 10 }),
    unaccounted: fc.nat({ max: 5 }),
    percent: fc.constantFrom("0", "5", "7", "20", "33.5"),
    op: fc.constantFrom("gt" as const, "ge" as const),
    base: fc.constantFrom("participants" as const, "valid" as const),
    tie: fc.constantFrom("lot" as const, "votes" as const),
    againstAllRule: fc.constantFrom("fail" as const, "ignore" as const),
    lot: fc.option(fc.array(fc.nat({ max: 3 }), { minLength: 1, maxLength: 2 }), { nil: null })
  })
  .map((r) => {
    const lists = r.votes.map((v, i) => ({ id: `L${i}`, votes: v }))
    return {
      seats: r.seats,
      lists,
      participants: r.votes.reduce((a, b) => a + b, 0) + r.againstAll + r.invalid + r.unaccounted,
      againstAll: r.againstAll,
      invalid: r.invalid,
      rules: { threshold: { percent: r.percent, op: r.op, base: r.base }, tie: r.tie, againstAll: r.againstAllRule },
      method: "hare" as const,
      lots: r.lot === null ? [] : [{ winners: [...new Set(r.lot.filter((i) => i < lists.length).map((i) => `L${i}`))] }].filter((l) => l.winners.length > 0)
    }
  })

/** Small districts: up to 4 candidates of both genders, 1 to 3 seats, up to 3 marks, the reserve on or off or set. */
const districtArb: fc.Arbitrary<{ input: DistrictInput; marks: number }> = fc
  .record({
    votes: fc.array(fc.record({ votes: fc.nat({ max: 12 }), woman: fc.boolean() }), { minLength: 1, maxLength: 4 }),
    seats: fc.integer({ min: 1, max: 3 }),
    againstAll: fc.nat({ max: 12 }),
    againstAllRule: fc.constantFrom("fail" as const, "ignore" as const),
    reserve: fc.constantFrom("none", "30", "50", "override"),
    marks: fc.integer({ min: 1, max: 3 }),
    lot: fc.option(fc.array(fc.nat({ max: 3 }), { minLength: 1, maxLength: 2 }), { nil: null })
  })
  .map((r) => {
    const candidates = r.votes.map((c, i) => ({ id: `C${i}`, votes: c.votes, gender: c.woman ? ("F" as const) : ("M" as const) }))
    const input: DistrictInput = {
      seats: r.seats,
      candidates,
      againstAll: r.againstAll,
      rules: { againstAll: r.againstAllRule, womenReserve: r.reserve === "30" || r.reserve === "50" ? { percent: r.reserve, minSeats: 2 } : null },
      reservedForWomen: r.reserve === "override" ? 1 : null,
      lots: r.lot === null ? [] : [{ winners: [...new Set(r.lot.filter((i) => i < candidates.length).map((i) => `C${i}`))] }].filter((l) => l.winners.length > 0)
    }
    return { input, marks: r.marks }
  })

const voters = fc.integer({ min: 0, max: 5 })

describe("proportional sensitivity against brute force over every result of the precinct", () => {
  it("`cannot` is never contradicted, `can` always re-runs to other seats or status, `undetermined` only when no result changes them", async () => {
    const seen = { cannot: 0, can: 0, undetermined: 0 }
    await fc.assert(
      fc.asyncProperty(listsArb, voters, async (input, v) => {
        await breathe()
        const verdict = searcher(listsQuestion(input)).answer(v)
        seen[verdict.answer]++
        const truth = listsChange(input, v)
        if (verdict.answer === "cannot") expect(truth).toBeNull()
        else if (verdict.answer === "can") {
          const ballots = verdict.x.reduce((a, b) => a + b, 0)
          expect(ballots).toBeLessThanOrEqual(v)
          expect(verdict.x.every((b) => Number.isSafeInteger(b) && b >= 0)).toBe(true)
          expect(listsKey(allocateProportional(listsWith(input, verdict.x, ballots)))).not.toBe(listsKey(allocateProportional(input)))
        } else expect(truth).toBeNull()
      }),
      { numRuns: 400 }
    )
    // Both answers occur often enough for the test to mean something.
    expect(Math.min(seen.cannot, seen.can)).toBeGreaterThan(40)
  })

  it("the proof alone (no search) is never contradicted", async () => {
    let proofs = 0
    await fc.assert(
      fc.asyncProperty(listsArb, async (input) => {
        await breathe()
        const proven = listsQuestion(input).proven
        if (proven > 0) expect(listsChange(input, Math.min(proven, 6))).toBeNull()
        proofs += proven > 0 ? 1 : 0
      }),
      { numRuns: 250 }
    )
    expect(proofs).toBeGreaterThan(25)
  })
})

describe("majoritarian sensitivity against brute force over every way of marking the ballots", () => {
  it("`cannot` is never contradicted, `can` always re-runs to another elected or status, `undetermined` only when nothing changes them", async () => {
    const seen = { cannot: 0, can: 0, undetermined: 0 }
    await fc.assert(
      fc.asyncProperty(districtArb, fc.integer({ min: 0, max: 4 }), async ({ input, marks }, v) => {
        await breathe()
        const question = districtQuestion(input, marks)
        const verdict = searcher(question).answer(v)
        seen[verdict.answer]++
        const truth = districtChange(input, marks, v)
        if (verdict.answer === "cannot") expect(truth).toBeNull()
        else if (verdict.answer === "can") {
          expect(castable(verdict.x, Math.min(marks, input.candidates.length), v)).toBe(true)
          expect(question.ballots(verdict.x)).toBeLessThanOrEqual(v)
          expect(districtKey(allocateDistrict(districtWith(input, verdict.x)))).not.toBe(districtKey(allocateDistrict(input)))
        } else expect(truth).toBeNull()
      }),
      { numRuns: 400 }
    )
    expect(Math.min(seen.cannot, seen.can)).toBeGreaterThan(40)
  })

  it("the proof alone (no search) is never contradicted", async () => {
    let proofs = 0
    await fc.assert(
      fc.asyncProperty(districtArb, async ({ input, marks }) => {
        await breathe()
        const proven = districtQuestion(input, marks).proven
        if (proven > 0) expect(districtChange(input, marks, Math.min(proven, 4))).toBeNull()
        proofs += proven > 0 ? 1 : 0
      }),
      { numRuns: 250 }
    )
    expect(proofs).toBeGreaterThan(25)
  })
})

/** Larger elections, where no enumeration is possible: the proof must hold at its own bound, tried at many points. */
const largeListsArb = fc
  .record({
    votes: fc.array(fc.nat({ max: 5000 }), { minLength: 1, maxLength: 9 }),
    seats: fc.integer({ min: 1, max: 45 }),
    againstAll: fc.nat({ max: 3000 }),
    invalid: fc.nat({ max: 300 }),
    percent: fc.constantFrom("5", "7"),
    op: fc.constantFrom("gt" as const, "ge" as const),
    base: fc.constantFrom("participants" as const, "valid" as const),
    tie: fc.constantFrom("lot" as const, "votes" as const),
    againstAllRule: fc.constantFrom("fail" as const, "ignore" as const)
  })
  .map(
    (r): ProportionalInput => ({
      seats: r.seats,
      lists: r.votes.map((v, i) => ({ id: `L${i}`, votes: v })),
      participants: r.votes.reduce((a, b) => a + b, 0) + r.againstAll + r.invalid,
      againstAll: r.againstAll,
      invalid: r.invalid,
      rules: { threshold: { percent: r.percent, op: r.op, base: r.base }, tie: r.tie, againstAll: r.againstAllRule },
      method: "hare"
    })
  )

/** Points on the edge between two vertices: `share` of the ballots of kind k, the rest of kind l. */
const edges = (width: number, ballots: number): Array<Array<number>> => {
  const out: Array<Array<number>> = []
  for (let k = 0; k < width; k++) {
    for (let l = k + 1; l < width; l++) {
      for (const share of [1, 2, 3]) {
        const x = new Array<number>(width).fill(0)
        x[k] = Math.floor((ballots * share) / 4)
        x[l] = ballots - x[k]
        out.push(x)
      }
    }
  }
  return out
}

/** Points with at most `ballots` ballots: each vertex, points on the edges between two, and random splits. */
const pointsArb = (width: number, ballots: number) =>
  fc.array(fc.array(fc.nat({ max: 1000 }), { minLength: width + 1, maxLength: width + 1 }), { minLength: 40, maxLength: 40 }).map((weights) => [
    ...Array.from({ length: width }, (_, k) => Array.from({ length: width }, (_, i) => (i === k ? ballots : 0))),
    ...edges(width, ballots),
    ...weights.map((w) => {
      // w[width] weighs the ballots not cast
      const sum = w.reduce((a, b) => a + b, 0) || 1
      return w.slice(0, width).map((x) => Math.floor((x * ballots) / sum))
    })
  ])

describe("sensitivity of larger elections", () => {
  it("a proportional proof holds at every vertex of its own bound, on the edges between them and at random points", async () => {
    await fc.assert(
      fc.asyncProperty(largeListsArb, fc.integer({ min: 0, max: 2 ** 31 - 1 }), async (input, seed) => {
        await breathe()
        const proven = listsQuestion(input).proven
        const ballots = Math.min(proven, 20_000)
        const base = listsKey(allocateProportional(input))
        for (const x of fc.sample(pointsArb(input.lists.length + 2, ballots), { numRuns: 1, seed })[0]) {
          const cast = x.reduce((a, b) => a + b, 0)
          expect(listsKey(allocateProportional(listsWith(input, x, cast)))).toBe(base)
        }
      }),
      { numRuns: 60 }
    )
  })

  it("every proportional witness re-runs to other seats or status", async () => {
    await fc.assert(
      fc.asyncProperty(largeListsArb, fc.integer({ min: 1, max: 3000 }), async (input, voters) => {
        await breathe()
        const verdict = searcher(listsQuestion(input)).answer(voters)
        if (verdict.answer !== "can") return
        const cast = verdict.x.reduce((a, b) => a + b, 0)
        expect(cast).toBeLessThanOrEqual(voters)
        expect(listsKey(allocateProportional(listsWith(input, verdict.x, cast)))).not.toBe(listsKey(allocateProportional(input)))
      }),
      { numRuns: 200 }
    )
  })
})

/** Larger districts: many votes, up to 5 seats and marks. */
const largeDistrictArb = fc
  .record({
    votes: fc.array(fc.record({ votes: fc.nat({ max: 900 }), woman: fc.boolean() }), { minLength: 1, maxLength: 8 }),
    seats: fc.integer({ min: 1, max: 5 }),
    againstAll: fc.nat({ max: 500 }),
    reserve: fc.boolean(),
    marks: fc.integer({ min: 1, max: 5 })
  })
  .map((r) => ({
    input: {
      seats: r.seats,
      candidates: r.votes.map((c, i) => ({ id: `C${i}`, votes: c.votes, gender: c.woman ? ("F" as const) : ("M" as const) })),
      againstAll: r.againstAll,
      rules: { againstAll: "fail" as const, womenReserve: r.reserve ? { percent: "30", minSeats: 2 } : null }
    } satisfies DistrictInput,
    marks: r.marks
  }))

describe("sensitivity of larger districts", () => {
  it("a district proof holds at every vertex of the marks (all against all, or all ballots marking one set) at its own bound", async () => {
    await fc.assert(
      fc.asyncProperty(largeDistrictArb, async ({ input, marks }) => {
        await breathe()
        const proven = Math.min(districtQuestion(input, marks).proven, 5000)
        const m = input.candidates.length
        const base = districtKey(allocateDistrict(input))
        const sets = Array.from({ length: 1 << m }, (_, mask) => Array.from({ length: m }, (_, i) => ((mask >> i) & 1) * proven)).filter(
          (set) => set.filter((v) => v > 0).length <= marks
        )
        for (const x of [...sets.map((set) => [...set, 0]), [...new Array<number>(m).fill(0), proven]]) {
          expect(districtKey(allocateDistrict(districtWith(input, x)))).toBe(base)
        }
      }),
      { numRuns: 300 }
    )
  })

  it("every district witness can be cast by the precinct's voters and re-runs to another elected or status", async () => {
    await fc.assert(
      fc.asyncProperty(largeDistrictArb, fc.integer({ min: 1, max: 600 }), async ({ input, marks }, voters) => {
        await breathe()
        const question = districtQuestion(input, marks)
        const verdict = searcher(question).answer(voters)
        if (verdict.answer !== "can") return
        expect(castable(verdict.x, Math.min(marks, input.candidates.length), voters)).toBe(true)
        expect(districtKey(allocateDistrict(districtWith(input, verdict.x)))).not.toBe(districtKey(allocateDistrict(input)))
      }),
      { numRuns: 300 }
    )
  })
})
