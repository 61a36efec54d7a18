import { describe, expect, it } from "vitest"
import { editions } from "../../src/ballot/rules.js"
import { allocateProportional } from "../../src/allocation/proportional.js"

/** DOMAIN.md: Kara-Balta city kenesh, early election 2020, 31 seats, edition 2011 (the published result). */
const karaBalta = {
  seats: 31,
  lists: [
    { id: "sdpk", votes: 4854 },
    { id: "el-aman", votes: 3074 },
    { id: "mekenim", votes: 2910 },
    { id: "eldik", votes: 2305 },
    { id: "respublika", votes: 531 },
    { id: "onuguu", votes: 376 },
    { id: "sodruzhestvo", votes: 304 },
    { id: "dobro", votes: 73 }
  ],
  participants: 14722,
  againstAll: 152,
  invalid: 143,
  rules: editions["2011"]
}

describe("Kara-Balta 2020 (DOMAIN.md worked example)", () => {
  const result = allocateProportional(karaBalta)

  it("gives SDPK 12, El Aman 7, Mekenim 7, Eldik 5, as published", () => {
    expect(result.status).toBe("allocated")
    expect(Object.fromEntries(result.parties.map((p) => [p.party, p.seats]))).toEqual({
      sdpk: 12,
      "el-aman": 7,
      mekenim: 7,
      eldik: 5,
      respublika: 0,
      onuguu: 0,
      sodruzhestvo: 0,
      dobro: 0
    })
  })

  it("admits the four lists over 7% of 14 722 (1030.54 votes)", () => {
    expect(result.parties.filter((p) => p.admitted).map((p) => p.party)).toEqual(["sdpk", "el-aman", "mekenim", "eldik"])
    expect(result.steps[0]).toMatchObject({ kind: "threshold", votesNeeded: "1030.54", baseVotes: 14722 })
  })

  it("shows the quota 423.97 and gives the two remainder seats to Mekenim, then SDPK", () => {
    expect(result.steps).toContainEqual(expect.objectContaining({ kind: "quota", quota: "423.97", votes: 13143 }))
    const remainderSeats = result.steps.filter((s) => s.kind === "seat")
    expect(remainderSeats.map((s) => (s.kind === "seat" ? [s.seat, s.to] : []))).toEqual([
      [30, "mekenim"],
      [31, "sdpk"]
    ])
  })

  it("serialises in SPEC §3 field order", () => {
    expect(Object.keys(JSON.parse(JSON.stringify(result)))).toEqual([
      "status", "reason", "method", "seats", "base", "threshold", "parties", "tie", "lots", "steps", "margins"
    ])
    expect(result.margins.map((m) => m.party)).toEqual(result.parties.map((p) => p.party))
    expect(result.threshold).toEqual({ percent: "7", op: "gt", base: "participants" })
    expect(result.base).toBe(14722)
  })
})
