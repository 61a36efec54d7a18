import { describe, expect, it } from "vitest"
import { assembleRequest, type AllocateFlags, type Totals } from "../../src/allocation/request.js"

const none: AllocateFlags = {
  seats: "3",
  system: null,
  method: null,
  compare: null,
  threshold: null,
  thresholdOp: null,
  participants: null,
  againstAll: null,
  invalid: null,
  edition: null,
  tie: null,
  lot: [],
  reservedForWomen: null
}

const lists: Totals = {
  system: "proportional",
  hasGender: false,
  rows: [
    { id: "a", votes: 10, gender: null },
    { id: "b", votes: 10, gender: null },
    { id: "c", votes: 5, gender: null }
  ]
}

const message = (flags: Partial<AllocateFlags>, totals: Totals = lists): string | null => {
  const r = assembleRequest({ ...none, ...flags }, totals)
  return r.ok ? null : r.message
}

describe("assembleRequest (kenesh allocate's rules, SPEC §2)", () => {
  it("the statutory rules of the edition without --method; only the flags with it", () => {
    const statutory = assembleRequest({ ...none, edition: "2011" }, lists)
    expect(statutory.ok && statutory.request.system === "proportional" && statutory.request.input.rules).toEqual({
      threshold: { percent: "7", op: "gt", base: "participants" },
      tie: "lot",
      againstAll: "fail"
    })
    const analyst = assembleRequest({ ...none, method: "dhondt" }, lists)
    expect(analyst.ok && analyst.request.system === "proportional" && analyst.request.input.rules).toEqual({ threshold: null, tie: "lot", againstAll: "ignore" })
  })

  it("participants default to the rows plus against all plus invalid, and may not be fewer", () => {
    const r = assembleRequest({ ...none, againstAll: "3", invalid: "2" }, lists)
    expect(r.ok && r.request.input).toMatchObject({ againstAll: 3 })
    expect(r.ok && r.request.system === "proportional" && r.request.input.participants).toBe(30)
    expect(message({ againstAll: "3", invalid: "2", participants: "29" })).toMatch(/^--participants 29 is fewer than the 30 ballots/)
    expect(message({ participants: "25" })).toBeNull()
  })

  it("each --lot must settle the open tie: in it, as many winners as tied seats, not empty, no id twice", () => {
    // D'Hondt, 3 seats: a and b one each, then a 5, b 5 and c 5 for one seat.
    const dhondt = { method: "dhondt" as const }
    expect(message({ ...dhondt, lot: ["c"] })).toBeNull()
    expect(message({ ...dhondt, lot: [""] })).toMatch(/^--lot needs the winners/)
    expect(message({ ...dhondt, lot: ["a,a"] })).toBe("--lot a,a names a twice")
    expect(message({ ...dhondt, lot: ["a,b"] })).toBe("--lot a,b names 2 winners, but the tie is for 1 seat (a, b, c have equal claims to 1 seat)")
    expect(message({ ...dhondt, lot: ["z"] })).toBe('--lot z: "z" is not in the results')
    expect(message({ ...dhondt, lot: ["c", "a"] })).toBe("--lot a: there is no tie to settle; the seats are allocated without a drawing of lots")
    expect(message({ method: "hare", lot: ["c"] })).toBe("--lot c: there is no tie to settle; the seats are allocated without a drawing of lots")
  })

  it("a lot not in the tie names who is outside it", () => {
    const four: Totals = { ...lists, rows: [...lists.rows, { id: "d", votes: 1, gender: null }] }
    expect(message({ method: "dhondt", lot: ["d"] }, four)).toBe("--lot d: d is not in the tie (a, b, c have equal claims to 1 seat)")
  })

  it("--seats from 1 to 1000, --threshold a decimal percent up to 100, --compare known methods", () => {
    for (const seats of ["0", "1001", "99999999999999999999", "", "3.0"]) expect(message({ seats })).toMatch(/^--seats must be a whole number from 1 to 1000/)
    expect(message({ seats: "1000" })).toBeNull()
    for (const threshold of ["1e400", "NaN", "-5", ""]) expect(message({ threshold })).toMatch(/^--threshold must be a decimal percent/)
    expect(message({ threshold: "100.0000001" })).toBe("--threshold 100.0000001 is more than 100 percent")
    expect(message({ compare: "hare,x" })).toMatch(/^--compare: "x" is not a method/)
    expect(message({ compare: "all", method: "hare" })).toMatch(/^--method and --compare cannot be given together/)
    const all = assembleRequest({ ...none, compare: "all" }, lists)
    expect(all.ok && all.request.system === "proportional" && all.request.compare?.length).toBe(9)
  })

  it("proportional flags are refused for candidates, and the reserve needs a gender column", () => {
    const candidates: Totals = { system: "majoritarian", hasGender: false, rows: lists.rows }
    expect(message({ threshold: "5" }, candidates)).toBe("--threshold applies to proportional allocations only")
    expect(message({ compare: "all" }, candidates)).toBe("--compare applies to proportional allocations only")
    expect(message({ reservedForWomen: "1" }, candidates)).toMatch(/needs a gender column/)
    expect(message({ reservedForWomen: "1" })).toBe("--reserved-for-women applies to majoritarian allocations only")
  })
})
