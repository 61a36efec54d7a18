/**
 * The status of a tally result (SPEC §3), the first that applies: blocked > incomplete > failed > lot-required >
 * final; `incomplete` for a missing precinct, an ASU-only precinct, a majoritarian district without protocols
 * or nothing counted; never final with a vacant seat. Both systems, with and without a registry.
 */
import { describe, expect, it } from "vitest"
import type { Election } from "../../src/ballot/election.js"
import { tallyResult } from "../../src/result/tally-result.js"
import { cleanProtocol, electionOf, protocolsCsv, talliedTexts, type Protocol } from "../tally/elections.js"

const parties = [
  { id: "a", name: "A" },
  { id: "b", name: "B" }
]
const registry = [1, 2, 3].map((i) => ({ id: `P${i}`, territory: "T1", voters: 1000 }))
const prop = (extra: Record<string, unknown> = {}) =>
  electionOf({ id: "p", name: "P", system: "proportional", edition: "2024", seats: 5, parties, ...extra })
const p = (id: string, votes = { a: 300, b: 200 }, extra: Partial<Protocol> = {}) => cleanProtocol(id, "T1", 1000, votes, extra)

/** A protocols file with a `source` column (and a `version` column). */
const withSource = (choices: ReadonlyArray<string>, rows: ReadonlyArray<Protocol & { source?: string }>, withDistrict = false): string => {
  const [header, ...lines] = protocolsCsv(choices, rows.map((r) => ({ ...r, version: r.version ?? 1 })), withDistrict).trimEnd().split("\n")
  return [`source,${header}`, ...lines.map((l, i) => `${rows[i].source ?? "manual"},${l}`)].join("\n") + "\n"
}

const statusOf = async (election: Election, texts: ReadonlyArray<string>) => {
  const { tally, data } = await talliedTexts(election, texts)
  const result = tallyResult(election, [], data, tally)
  return { status: result.status, precincts: result.precincts, codes: result.findings.map((f) => f.code) }
}

describe("proportional, with a registry", () => {
  const e = prop({ precincts: registry })
  it("every precinct counted by hand, no error: final", async () => {
    expect((await statusOf(e, [protocolsCsv(["a", "b"], [p("P1"), p("P2"), p("P3")])])).status).toBe("final")
  })
  it("a registered precinct without a protocol: incomplete (and a missing-precinct warning)", async () => {
    const r = await statusOf(e, [protocolsCsv(["a", "b"], [p("P1"), p("P2")])])
    expect(r).toMatchObject({ status: "incomplete", codes: ["missing-precinct"], precincts: { missing: ["P3"] } })
  })
  it("the missing precinct annulled: final", async () => {
    const annulled = prop({ precincts: registry, annulled: ["P3"] })
    expect((await statusOf(annulled, [protocolsCsv(["a", "b"], [p("P1"), p("P2")])])).status).toBe("final")
  })
  it("a precinct counted only by its ASU protocol: incomplete, listed as preliminary; its manual protocol makes it final", async () => {
    const asuOnly = await statusOf(e, [withSource(["a", "b"], [p("P1"), p("P2"), { ...p("P3"), source: "asu" }])])
    expect(asuOnly).toMatchObject({ status: "incomplete", codes: [], precincts: { preliminary: ["P3"], counted: 3 } })
    const both = await statusOf(e, [withSource(["a", "b"], [p("P1"), p("P2"), { ...p("P3"), source: "asu" }, p("P3")])])
    expect(both).toMatchObject({ status: "final", codes: [], precincts: { preliminary: [] } })
  })
  it("an error finding comes before incomplete: blocked", async () => {
    const r = await statusOf(e, [protocolsCsv(["a", "b"], [p("P1", { a: 300, b: 200 }, { received: 1010 })])])
    expect(r.status).toBe("blocked")
  })
  it("a header-only file counts nothing: incomplete, never failed", async () => {
    const r = await statusOf(e, [protocolsCsv(["a", "b"], [])])
    expect(r).toMatchObject({ status: "incomplete", precincts: { counted: 0, missing: ["P1", "P2", "P3"] } })
  })
})

describe("proportional, without a registry", () => {
  const e = prop()
  it("all counted by hand: final; an ASU-only precinct: incomplete; nothing counted: incomplete", async () => {
    expect((await statusOf(e, [protocolsCsv(["a", "b"], [p("P1"), p("P2")])])).status).toBe("final")
    expect((await statusOf(e, [withSource(["a", "b"], [p("P1"), { ...p("P2"), source: "asu" }])])).status).toBe("incomplete")
    expect((await statusOf(e, [protocolsCsv(["a", "b"], [])])).status).toBe("incomplete")
  })
  it("votes that fail the election: failed, once everything is counted", async () => {
    const r = await statusOf(e, [protocolsCsv(["a", "b"], [p("P1", { a: 10, b: 10 }, { against_all: 480, valid: 500, issued_premises: 501, cancelled: 498, found_stationary: 501 })])])
    expect(r.status).toBe("failed")
  })
})

describe("majoritarian", () => {
  const districts = [
    { id: "D1", name: "", seats: 1, candidates: [{ id: "x1", name: "", gender: "F" }, { id: "x2", name: "", gender: "M" }] },
    { id: "D2", name: "", seats: 1, candidates: [{ id: "y1", name: "", gender: "M" }, { id: "y2", name: "", gender: "F" }] }
  ]
  const choices = ["x1", "x2", "y1", "y2"]
  const m = (extra: Record<string, unknown> = {}) => electionOf({ id: "m", name: "M", system: "majoritarian", edition: "2011", districts, ...extra })
  const d1 = { ...cleanProtocol("1", "T1", 1000, { x1: 300, x2: 200 }), district: "D1" }
  const d2 = { ...cleanProtocol("2", "T1", 1000, { y1: 100, y2: 400 }), district: "D2" }
  const file = (ps: ReadonlyArray<Protocol>) => protocolsCsv(choices, ps, true)

  it("every district counted: final", async () => {
    expect((await statusOf(m(), [file([d1, d2])])).status).toBe("final")
  })
  it("one district's file left out (no registry to name it missing): incomplete, not final", async () => {
    const r = await statusOf(m(), [file([d1])])
    expect(r.status).toBe("incomplete")
  })
  it("with a registry, one district's file left out: incomplete, its precinct missing", async () => {
    const reg = [
      { id: "1", territory: "T1", district: "D1", voters: 1000 },
      { id: "2", territory: "T1", district: "D2", voters: 1000 }
    ]
    const r = await statusOf(m({ precincts: reg }), [file([d1])])
    expect(r).toMatchObject({ status: "incomplete", precincts: { missing: ["2"] } })
  })
  it("a district's ASU protocol only: incomplete", async () => {
    expect((await statusOf(m(), [withSource(choices, [d1, { ...d2, source: "asu" }], true)])).status).toBe("incomplete")
  })
  it("a seat left vacant (too few candidates with votes) is never final", async () => {
    const two = [{ ...districts[0], seats: 2 }, districts[1]]
    const e = electionOf({ id: "m", name: "M", system: "majoritarian", edition: "2011", districts: two })
    const lone = { ...cleanProtocol("1", "T1", 1000, { x1: 500, x2: 0 }), district: "D1" }
    const { tally, data } = await talliedTexts(e, [file([lone, d2])])
    const result = tallyResult(e, [], data, tally)
    const allocation = result.allocation as { districts: ReadonlyArray<{ vacant: number }> }
    expect(allocation.districts[0].vacant).toBe(1)
    expect(result.status).toBe("incomplete")
  })
})
