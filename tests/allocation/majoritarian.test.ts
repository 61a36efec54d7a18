import { describe, expect, it } from "vitest"
import { allocateDistrict, reservedSeats } from "../../src/allocation/majoritarian.js"
import type { CandidateVotes, DistrictInput, DistrictResult, Lot } from "../../src/allocation/types.js"
import { editions } from "../../src/ballot/rules.js"

const district = (
  seats: number,
  candidates: ReadonlyArray<CandidateVotes>,
  options: { againstAll?: number; edition?: "2011" | "2024"; reserved?: number; lots?: ReadonlyArray<Lot> } = {}
): DistrictInput => ({
  seats,
  candidates,
  againstAll: options.againstAll ?? 0,
  rules: editions[options.edition ?? "2024"],
  reservedForWomen: options.reserved ?? null,
  lots: options.lots ?? []
})

const elected = (result: DistrictResult): Array<string> => result.candidates.filter((c) => c.elected).map((c) => c.candidate)

const m = (id: string, votes: number): CandidateVotes => ({ id, votes, gender: "M" })
const f = (id: string, votes: number): CandidateVotes => ({ id, votes, gender: "F" })

describe("reservedSeats (edition 2024: ceil(30% of seats) from 2 seats up)", () => {
  it("reserves none in a single-seat district and rounds up elsewhere", () => {
    const reserve = editions["2024"].womenReserve
    expect([1, 2, 3, 5, 7, 10].map((s) => reservedSeats(s, reserve))).toEqual([0, 1, 1, 2, 3, 3])
    expect(reservedSeats(5, editions["2011"].womenReserve)).toBe(0)
  })
})

describe("most votes", () => {
  it("elects the top N in ballot order in the output", () => {
    const result = allocateDistrict(district(2, [m("a", 60), m("b", 100), m("c", 80)], { edition: "2011" }))
    expect(result.status).toBe("allocated")
    expect(elected(result)).toEqual(["b", "c"])
    expect(result.method).toBe("most-votes")
    expect(result.women).toBeNull()
    expect(result.candidates[0]).toEqual({ candidate: "a", votes: 60, gender: "M", elected: false })
  })

  it("needs a lot for equal votes on the last seat, with the certain winner elected", () => {
    const result = allocateDistrict(district(2, [m("a", 100), m("b", 80), m("c", 80)], { edition: "2011" }))
    expect(result.status).toBe("lot-required")
    expect(result.tie).toEqual({ among: ["b", "c"], seats: 1 })
    expect(elected(result)).toEqual(["a"])
  })

  it("settles the tie by a recorded lot", () => {
    const result = allocateDistrict(district(2, [m("a", 100), m("b", 80), m("c", 80)], { edition: "2011", lots: [{ among: ["b", "c"], winners: ["c"] }] }))
    expect(result.status).toBe("allocated")
    expect(elected(result)).toEqual(["a", "c"])
    expect(result.lots).toEqual([{ among: ["b", "c"], winners: ["c"] }])
  })

  it("fails the district when against all has more votes than the leader", () => {
    const result = allocateDistrict(district(1, [m("a", 100), m("b", 80)], { againstAll: 101 }))
    expect(result.status).toBe("failed")
    expect(result.reason).toBe("against-all-exceeds-leader")
    expect(elected(result)).toEqual([])
  })

  it("leaves seats empty when fewer candidates than seats have votes", () => {
    const result = allocateDistrict(district(3, [m("a", 10), m("b", 0), m("c", 0)], { edition: "2011" }))
    expect(elected(result)).toEqual(["a"])
    expect(result.vacant).toBe(2)
  })
})

describe("the women's reserve (edition 2024)", () => {
  it("makes the lowest-placed man give way to the best woman", () => {
    // 3 seats, 1 reserved; top 3 are m1, m2, m3, all men: m3 (80) gives way to f1 (70).
    const result = allocateDistrict(district(3, [m("m1", 100), m("m2", 90), m("m3", 80), f("f1", 70), f("f2", 60)]))
    expect(elected(result)).toEqual(["m1", "m2", "f1"])
    expect(result.women).toEqual({ reserved: 1, elected: 1, unfilled: 0 })
    expect(result.steps).toContainEqual(expect.objectContaining({ kind: "give-way", man: "m3", woman: "f1" }))
  })

  it("changes nothing when enough women are among the top N", () => {
    const result = allocateDistrict(district(3, [f("f1", 100), m("m1", 90), m("m2", 80), f("f2", 70)]))
    expect(elected(result)).toEqual(["f1", "m1", "m2"])
    expect(result.steps.some((s) => s.kind === "give-way")).toBe(false)
  })

  it("takes the two lowest men out for two reserved seats (5 seats: ceil(1.5) = 2)", () => {
    const result = allocateDistrict(
      district(5, [m("m1", 90), m("m2", 80), m("m3", 70), m("m4", 60), m("m5", 50), f("f1", 40), f("f2", 30), f("f3", 20)])
    )
    expect(elected(result)).toEqual(["m1", "m2", "m3", "f1", "f2"])
  })

  it("reports a reservation no woman can fill, and still allocates", () => {
    const result = allocateDistrict(district(3, [m("m1", 100), m("m2", 90), m("m3", 80)]))
    expect(result.status).toBe("allocated")
    expect(elected(result)).toEqual(["m1", "m2", "m3"])
    expect(result.women).toEqual({ reserved: 1, elected: 0, unfilled: 1 })
    expect(result.steps).toContainEqual(expect.objectContaining({ kind: "reserve", reserved: 1, unfilled: 1 }))
  })

  it("follows a district's own reserved count over the edition's", () => {
    const result = allocateDistrict(district(3, [m("m1", 100), m("m2", 90), m("m3", 80), f("f1", 70), f("f2", 60)], { reserved: 2 }))
    expect(elected(result)).toEqual(["m1", "f1", "f2"])
    expect(allocateDistrict(district(3, [m("m1", 100), m("m2", 90), m("m3", 80), f("f1", 70)], { reserved: 0 })).women).toBeNull()
  })

  it("needs no lot when a man and a woman tie for the last seat and the reserve wants the woman", () => {
    // Whoever wins the lot, the reserve elects f1: m3 would give way to her.
    const result = allocateDistrict(district(3, [m("m1", 100), m("m2", 90), m("m3", 80), f("f1", 80)]))
    expect(result.status).toBe("allocated")
    expect(elected(result)).toEqual(["m1", "m2", "f1"])
  })

  it("needs no lot when the tied women all fit in the top N", () => {
    const result = allocateDistrict(district(3, [m("m1", 60), f("f1", 50), f("f2", 50), m("m2", 40)]))
    expect(elected(result)).toEqual(["m1", "f1", "f2"])
  })

  it("needs a lot among women with equal votes for a reserved seat", () => {
    const result = allocateDistrict(district(3, [f("f1", 50), f("f2", 50), m("m1", 60), m("m2", 55), m("m3", 54)]))
    expect(result.status).toBe("lot-required")
    expect(result.tie).toEqual({ among: ["f1", "f2"], seats: 1 })
    expect(elected(result)).toEqual(["m1", "m2"])
  })

  it("draws the reserved seat among tied women first, then the rest among everyone still tied", () => {
    // 3 seats, 1 reserved: m1 is certain; f1, m2, m3, f2 tie at 50 for 2 seats, and one must be a woman.
    const candidates = [m("m1", 100), f("f1", 50), m("m2", 50), m("m3", 50), f("f2", 50)]
    const first = allocateDistrict(district(3, candidates))
    expect(first.tie).toEqual({ among: ["f1", "f2"], seats: 1 })
    expect(elected(first)).toEqual(["m1"])
    const second = allocateDistrict(district(3, candidates, { lots: [{ winners: ["f2"] }] }))
    expect(second.tie).toEqual({ among: ["f1", "m2", "m3"], seats: 1 })
    expect(elected(second)).toEqual(["m1", "f2"])
    const done = allocateDistrict(district(3, candidates, { lots: [{ winners: ["f2"] }, { winners: ["m3"] }] }))
    expect(done.status).toBe("allocated")
    expect(elected(done)).toEqual(["m1", "m3", "f2"])
    expect(done.lots).toHaveLength(2)
  })

  it("serialises with candidates, the reserve and the tie in order", () => {
    const result = allocateDistrict(district(3, [m("m1", 100), f("f1", 70)]))
    expect(Object.keys(result)).toEqual(["status", "reason", "method", "seats", "candidates", "women", "vacant", "tie", "lots", "steps"])
  })
})
