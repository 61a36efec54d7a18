/**
 * Every status and every kind of allocation outcome renders in words, in every language, from allocations the
 * engine itself makes: a tie waiting for lots, a failed election, a district with a vacant seat and an unfilled
 * women's reserve.
 */
import { describe, expect, it } from "vitest"
import { allocateDistrict } from "../../src/allocation/majoritarian.js"
import { allocateProportional } from "../../src/allocation/proportional.js"
import { editions } from "../../src/ballot/rules.js"
import { labelsFor, languages } from "../../src/report/language.js"
import { tallyTable } from "../../src/report/table.js"
import type { ReportInput } from "../../src/report/view.js"
import { fixture, reportText } from "./inputs.js"

const text = (html: string) => html.replace(/<style>[\s\S]*?<\/style>/g, "").replace(/<[^>]+>/g, " ").replace(/&#39;/g, "'").replace(/&quot;/g, '"').replace(/\s+/g, " ")

/** Kara-Balta's result with the allocation of other totals. */
const lists = (votes: ReadonlyArray<number>, againstAll: number, status: "lot-required" | "failed"): ReportInput => {
  const base = fixture("kara-balta-2020")
  const allocation = allocateProportional({
    seats: 31,
    lists: base.election.parties.map((p, i) => ({ id: p.id, votes: votes[i] ?? 0 })),
    participants: votes.reduce((s, v) => s + v, 0) + againstAll,
    againstAll,
    invalid: 0,
    rules: editions["2011"],
    method: "hare"
  })
  expect(allocation.status).toBe(status)
  return { ...base, result: { ...base.result, status, allocation } }
}

/** Ak-Jol's result with one district's allocation replaced by one of other totals. */
const district = (votes: ReadonlyArray<number>, seats: number): ReportInput => {
  const base = fixture("ak-jol-2024")
  const d = base.election.districts[0]
  const allocation = allocateDistrict({
    seats,
    candidates: d.candidates.map((c, i) => ({ id: c.id, votes: votes[i], gender: c.gender })),
    againstAll: 0,
    rules: editions["2024"],
    reservedForWomen: seats
  })
  const a = base.result.allocation as { districts: ReadonlyArray<{ district: string }> }
  return {
    ...base,
    result: { ...base.result, status: "incomplete", allocation: { status: "allocated", districts: [{ district: d.id, ...allocation }, ...a.districts.slice(1)] } as never }
  }
}

describe.each(languages)("outcomes in %s", (lang) => {
  const L = labelsFor(lang)

  it("equal remainders for the last seat: lot required, the tie named, its seats left grey", () => {
    const input = lists([1000, 1000], 0, "lot-required")
    const t = text(reportText(input, lang))
    expect(t).toContain(L.status["lot-required"])
    expect(t).toContain(L.tie(1, ["SDPK", "El Aman"]))
    expect(tallyTable(input, lang, { all: false })).toContain(L.tie(1, ["SDPK", "El Aman"]))
  })

  it("against all ahead of the leader: failed, with the reason", () => {
    const input = lists([3000, 2000], 4000, "failed")
    const t = text(reportText(input, lang))
    expect(t).toContain(L.status.failed)
    expect(t).toContain(L.reason["against-all-exceeds-leader"])
    expect(tallyTable(input, lang, { all: false })).toContain(L.reason["against-all-exceeds-leader"])
  })

  it("a district with a vacant seat and a reserve no woman can fill", () => {
    const input = district([10, 0, 5, 0, 0], 3)
    const t = text(reportText(input, lang))
    expect(t).toContain(L.status.incomplete)
    expect(t).toContain(L.vacant(1))
    expect(tallyTable(input, lang, { all: false })).toContain(L.vacant(1))
  })
})
