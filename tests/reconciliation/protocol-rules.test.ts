/**
 * The 16 finding codes of SPEC §4: for each, a protocol (or a set of protocols) that triggers it and nothing
 * else, and one at the boundary where it stays silent. The per-protocol relations are checked on a row of
 * values with `checkProtocol`; the codes that need the registry or several protocols go through `ingest`.
 */
import { describe, expect, it } from "vitest"
import { blank, firstChoice, L, majoritarianLayout, proportionalLayout } from "../../src/ballot/protocol.js"
import { codes, type FindingCode } from "../../src/reconciliation/finding.js"
import type { Breach } from "../../src/reconciliation/finding.js"
import { reserveHolds } from "../../src/reconciliation/election-rules.js"
import { checkProtocol, reserveLimit, type CheckContext } from "../../src/reconciliation/protocol-rules.js"
import { cleanProtocol, codesOf, electionOf, protocolsCsv, tallyTexts } from "../tally/elections.js"

type Lines = Partial<Record<keyof typeof L, number>>

const propCtx: CheckContext = { layout: proportionalLayout(["a", "b"]), marks: [] }
const majLayout = majoritarianLayout([
  { id: "D1", candidates: [{ id: "x1" }, { id: "x2" }] },
  { id: "D2", candidates: [{ id: "y1" }] }
])
/** D1 elects two: two marks per ballot; D2 one. */
const majCtx: CheckContext = { layout: majLayout, marks: [2, 1] }

/**
 * A consistent proportional protocol: 1000 voters and ballots; 520 issued (20 outside), 478 cancelled, 2 spoiled;
 * 520 found (20 mobile); 10 invalid, 510 valid: 10 against all, 300 + 200 for the lists.
 */
const clean = { voters: 1000, received: 1000, issuedPremises: 500, issuedOutside: 20, cancelled: 478, spoiled: 2, foundStationary: 500, foundMobile: 20, invalid: 10, valid: 510, againstAll: 10 }

const row = (lines: Lines, choices: ReadonlyArray<number>): Float64Array => {
  const v = new Float64Array(firstChoice + choices.length)
  for (const [k, x] of Object.entries({ ...clean, ...lines })) v[L[k as keyof typeof L]] = x
  choices.forEach((x, i) => (v[firstChoice + i] = x))
  return v
}

/** The breaches of a proportional protocol (votes a, b default to 300, 200). */
const prop = (lines: Lines = {}, a = 300, b = 200): Array<Breach> => {
  const out: Array<Breach> = []
  const n = checkProtocol(row(lines, [a, b]), -1, propCtx, (x) => out.push(x))
  expect(n).toBe(out.length)
  return out
}

/** The breaches of a majoritarian protocol of district D1 (y1 of D2 is blank): x1, x2 default to 400, 300. */
const majD1 = (lines: Lines = {}, x1 = 400, x2 = 300, ctx = majCtx): Array<Breach> => {
  const out: Array<Breach> = []
  checkProtocol(row(lines, [x1, x2, blank]), 0, ctx, (x) => out.push(x))
  return out
}

const codesIn = (bs: ReadonlyArray<Breach>) => bs.map((b) => b.code)

describe("a consistent protocol has no finding", () => {
  it("proportional and majoritarian (another district's blank cells count for nothing)", () => {
    expect(prop()).toEqual([])
    expect(majD1()).toEqual([])
  })
})

describe("ballot-balance (error): received = issued_premises + issued_outside + cancelled + spoiled", () => {
  it("fires alone when a ballot is missing from the account", () => {
    expect(prop({ cancelled: 477 })).toEqual([
      { code: "ballot-balance", expected: 999, actual: 1000, message: "ballots received (1 000) differ from ballots issued, cancelled and spoiled (999)" }
    ])
    expect(codesIn(prop({ cancelled: 479 }))).toEqual(["ballot-balance"])
  })
  it("is silent when the account balances (spoiled ballots count)", () => {
    expect(prop({ cancelled: 480, spoiled: 0 })).toEqual([])
  })
})

describe("found-vs-sorted (error): found_stationary + found_mobile = valid + invalid", () => {
  it("fires alone", () => {
    expect(prop({ invalid: 9 })).toEqual([
      { code: "found-vs-sorted", expected: 519, actual: 520, message: "ballots found in the boxes (520) differ from valid plus invalid ballots (519)" }
    ])
  })
  it("is silent when they agree", () => {
    expect(prop({ invalid: 11, valid: 509 }, 299)).toEqual([])
  })
})

describe("valid-vs-votes (error, proportional): valid = against_all + the lists' votes", () => {
  it("fires alone", () => {
    expect(prop({}, 299)).toEqual([
      { code: "valid-vs-votes", expected: 509, actual: 510, message: "valid ballots (510) differ from the votes for the lists plus against all (509)" }
    ])
    expect(codesIn(prop({ againstAll: 11 }))).toEqual(["valid-vs-votes"])
  })
  it("is silent when they agree", () => {
    expect(prop({ againstAll: 0 }, 310)).toEqual([])
  })
  it("does not apply to majoritarian protocols (marks are counted per candidate)", () => {
    expect(majD1({}, 500, 500)).toEqual([])
  })
})

describe("marks-out-of-range (error, majoritarian): valid <= marks + against_all <= ..., marks <= (valid - against_all) * marks per voter", () => {
  it("fires alone when candidate marks plus against all are fewer than the valid ballots", () => {
    expect(majD1({}, 250, 249)).toEqual([
      { code: "marks-out-of-range", expected: 510, actual: 509, message: "candidate marks plus against all (509) are fewer than the valid ballots (510)" }
    ])
  })
  it("is silent at exactly one mark per valid ballot", () => {
    expect(majD1({}, 250, 250)).toEqual([])
  })
  it("fires alone when there are more marks than seats allow per ballot", () => {
    const oneSeat: CheckContext = { layout: majLayout, marks: [1, 1] }
    expect(majD1({}, 300, 201, oneSeat)).toEqual([
      { code: "marks-out-of-range", expected: 500, actual: 501, message: "candidate marks (501) exceed 1 per valid ballot not against all (at most 500)" }
    ])
    expect(majD1({}, 300, 200, oneSeat)).toEqual([])
  })
  it("is silent at exactly the most marks: two seats, two marks on every ballot", () => {
    expect(majD1({}, 500, 500)).toEqual([])
  })
})

describe("candidate-over-ballots (error, majoritarian): each candidate <= valid - against_all", () => {
  it("fires alone, naming the candidate", () => {
    expect(majD1({}, 501, 300)).toEqual([
      { code: "candidate-over-ballots", expected: 500, actual: 501, message: 'candidate "x1" has 501 votes, more than the 500 valid ballots not against all' }
    ])
  })
  it("is silent when a candidate is marked on every ballot not against all", () => {
    expect(majD1({}, 500, 300)).toEqual([])
  })
})

describe("found-over-issued (error): found <= issued", () => {
  it("fires alone", () => {
    expect(prop({ foundStationary: 501, valid: 511 }, 301)).toEqual([
      { code: "found-over-issued", expected: 520, actual: 521, message: "more ballots found (521) than issued (520)" }
    ])
  })
  it("is silent when every ballot issued is found", () => {
    expect(codesIn(prop())).not.toContain("found-over-issued")
  })
})

describe("mobile-over-issued (error): found_mobile <= issued_outside", () => {
  it("fires alone", () => {
    expect(prop({ foundMobile: 21, foundStationary: 499 })).toEqual([
      { code: "mobile-over-issued", expected: 20, actual: 21, message: "more ballots in the mobile boxes (21) than issued outside the premises (20)" }
    ])
  })
  it("is silent when the mobile boxes hold as many as were issued outside, or fewer", () => {
    expect(prop({ foundMobile: 19, foundStationary: 501 })).toEqual([])
  })
})

describe("issued-over-voters (error): issued <= voters", () => {
  // 1 000 voters may receive 1 001 ballots (the reserve); issuing all of them is one too many.
  const all = { received: 1001, issuedPremises: 981, issuedOutside: 20, cancelled: 0, spoiled: 0, foundStationary: 981, foundMobile: 20, valid: 991 }
  it("fires alone", () => {
    expect(prop(all, 581, 400)).toEqual([{ code: "issued-over-voters", expected: 1000, actual: 1001, message: "more ballots issued (1 001) than voters on the list (1 000)" }])
  })
  it("is silent when every voter took a ballot", () => {
    expect(prop({ ...all, issuedPremises: 980, cancelled: 1, foundStationary: 980, valid: 990 }, 580, 400)).toEqual([])
  })
})

describe("reserve-exceeded (error): 1000 * received <= 1001 * voters (Art. 30 parts 1 and 13)", () => {
  it("fires alone one ballot over the 0.1% reserve", () => {
    expect(prop({ received: 1002, cancelled: 480 })).toEqual([
      { code: "reserve-exceeded", expected: 1001, actual: 1002, message: "1 002 ballots received for 1 000 voters; the 0.1% reserve allows at most 1 001" }
    ])
  })
  it("is silent exactly at the limit", () => {
    expect(prop({ received: 1001, cancelled: 479 })).toEqual([])
  })
  it("999 voters get no spare ballot: 999 is silent, 1 000 fires", () => {
    expect(prop({ voters: 999, received: 999, cancelled: 477 })).toEqual([])
    expect(codesIn(prop({ voters: 999, received: 1000, cancelled: 478 }))).toEqual(["reserve-exceeded"])
    expect(reserveLimit(999)).toBe(999)
    expect(reserveLimit(1999)).toBe(2000)
    expect(reserveLimit(2000)).toBe(2002)
  })
  it("is exact for totals beyond 2^53", () => {
    const voters = 2 ** 60
    expect(reserveHolds(voters + voters / 1000, voters)).toBe(true)
    expect(reserveHolds(voters + voters / 1000 + 2 ** 8, voters)).toBe(false)
  })
})

describe("ballots-unaccounted (warning): fewer ballots found than issued", () => {
  it("fires alone", () => {
    expect(prop({ foundStationary: 499, valid: 509 }, 299)).toEqual([
      { code: "ballots-unaccounted", expected: 520, actual: 519, message: "1 of 520 ballots issued were not found in the boxes" }
    ])
  })
  it("is silent when every ballot issued is found", () => {
    expect(prop()).toEqual([])
  })
})

describe("high-invalid-share (warning): invalid over 5% of the ballots found", () => {
  it("is silent at exactly 5% (26 of 520)", () => {
    expect(prop({ invalid: 26, valid: 494 }, 284)).toEqual([])
  })
  it("fires alone just over 5% (27 of 520)", () => {
    expect(prop({ invalid: 27, valid: 493 }, 283)).toEqual([
      { code: "high-invalid-share", expected: 26, actual: 27, message: "27 invalid of 520 ballots found, over 5%" }
    ])
  })
})

describe("a protocol breaking several rules yields several findings", () => {
  it("ballot balance, reserve and the found/sorted relation at once", () => {
    expect(codesIn(prop({ received: 1100, invalid: 9 }))).toEqual(["ballot-balance", "found-vs-sorted", "reserve-exceeded"])
  })
})

// Codes that need the registry or more than one protocol: through `ingest`, with both readers.
describe("codes from the tally", () => {
  const parties = [
    { id: "a", name: "A" },
    { id: "b", name: "B" }
  ]
  const registry = [
    { id: "1", territory: "T1", voters: 1000 },
    { id: "2", territory: "T2", voters: 2000 }
  ]
  const election = electionOf({ id: "e", name: "E", system: "proportional", seats: 5, parties, territories: [{ id: "T1", name: "" }, { id: "T2", name: "" }], precincts: registry })
  const p1 = cleanProtocol("1", "T1", 1000, { a: 300, b: 200 })
  const p2 = cleanProtocol("2", "T2", 2000, { a: 600, b: 400 })
  const tally = (...protocols: Parameters<typeof protocolsCsv>[1][]) => tallyTexts(election, protocols.map((ps) => protocolsCsv(["a", "b"], ps)))

  it("no finding for every registered precinct's clean protocol", async () => {
    expect((await tally([p1, p2])).findings).toEqual([])
  })

  it("duplicate-protocol (error): the same precinct and version twice, also across files; only the first counts", async () => {
    const data = await tally([p1, p2], [{ ...p1, votes: { a: 301, b: 199 } }])
    expect(data.findings).toEqual([
      expect.objectContaining({ code: "duplicate-protocol", severity: "error", precinct: "1", line: 2, expected: null, actual: null })
    ])
    expect(data.findings[0].file).toMatch(/protocols-2\.csv$/)
    expect(data.findings[0].message).toMatch(/^a second protocol of precinct "1", version 1\b.*only the first is counted/)
    expect(data.findings[0].message).toMatch(/the first is at .*protocols-1\.csv line 2\b/)
    expect(data.totals.values[firstChoice]).toBe(900)
  })

  it("duplicate-protocol is silent for different versions of a precinct", async () => {
    expect(codesOf(await tally([p1, p2, { ...p1, version: 2 }]))).toEqual([])
  })

  it("unknown-precinct (error): a protocol of a precinct not in the registry", async () => {
    const data = await tally([p1, p2, cleanProtocol("9", "T1", 1000, { a: 300, b: 200 })])
    expect(data.findings).toEqual([
      { code: "unknown-precinct", severity: "error", precinct: "9", file: expect.stringMatching(/protocols-1\.csv$/), line: 4, message: 'precinct "9" is not in the registry', expected: null, actual: null }
    ])
  })

  it("unknown-precinct is silent without a registry (precincts are taken from the protocols)", async () => {
    const open = electionOf({ id: "e", name: "E", system: "proportional", seats: 5, parties })
    const data = await tallyTexts(open, [protocolsCsv(["a", "b"], [p1, cleanProtocol("9", "T3", 1000, { a: 300, b: 200 })])])
    expect(data.findings).toEqual([])
    expect(data.precincts).toMatchObject({ registered: 2, counted: 2, missing: [] })
    expect(data.territories.map((t) => t.id)).toEqual(["T1", "T3"])
  })

  it("registry-mismatch (error): the protocol's territory differs from the registry's", async () => {
    const data = await tally([p1, { ...p2, territory: "T1" }])
    expect(data.findings).toEqual([expect.objectContaining({ code: "registry-mismatch", precinct: "2", message: 'the protocol names territory "T1" (registry: "T2")' })])
  })

  it("registry-mismatch (error): the district differs (majoritarian)", async () => {
    const maj = electionOf({
      id: "m",
      name: "M",
      system: "majoritarian",
      districts: [
        { id: "D1", name: "", seats: 1, candidates: [{ id: "x", name: "", gender: "F" }] },
        { id: "D2", name: "", seats: 1, candidates: [{ id: "y", name: "", gender: "M" }] }
      ],
      precincts: [
        { id: "1", territory: "T1", district: "D1", voters: 1000 },
        { id: "2", territory: "T1", district: "D2", voters: 1000 }
      ]
    })
    const a = { ...cleanProtocol("1", "T1", 1000, { x: 500 }), district: "D1" }
    const b = { ...cleanProtocol("2", "T1", 1000, { x: 500 }), district: "D1" }
    const data = await tallyTexts(maj, [protocolsCsv(["x", "y"], [a, b], true)])
    expect(data.findings).toEqual([expect.objectContaining({ code: "registry-mismatch", precinct: "2", message: 'the protocol names district "D1" (registry: "D2")' })])
    const good = await tallyTexts(maj, [protocolsCsv(["x", "y"], [a, { ...cleanProtocol("2", "T1", 1000, { y: 500 }), district: "D2" }], true)])
    expect(good.findings).toEqual([])
  })

  it("missing-precinct (warning): a registered precinct without a protocol, located in the registry", async () => {
    const data = await tally([p1])
    expect(data.findings).toEqual([
      { code: "missing-precinct", severity: "warning", precinct: "2", file: "election.json", line: 32, message: 'no protocol from registered precinct "2"', expected: null, actual: null }
    ])
    expect(data.precincts.missing).toEqual(["2"])
  })

  it("missing-precinct is silent for an annulled precinct", async () => {
    const annulled = electionOf({ id: "e", name: "E", system: "proportional", seats: 5, parties, precincts: registry, annulled: ["2"] })
    const data = await tallyTexts(annulled, [protocolsCsv(["a", "b"], [p1])])
    expect(data.findings).toEqual([])
  })

  it("voters-mismatch (warning): the voters line differs from the registry", async () => {
    const data = await tally([p1, cleanProtocol("2", "T2", 1999, { a: 600, b: 400 })])
    expect(data.findings).toEqual([
      expect.objectContaining({ code: "voters-mismatch", severity: "warning", precinct: "2", expected: 2000, actual: 1999, message: "the protocol has 1 999 voters, the registry 2 000" })
    ])
  })

  it("reserve-exceeded on the election total: fires with the precinct's when the total is over; silent when others' slack covers it", async () => {
    // Precinct 1 receives 1 002 ballots for 1 000 voters (over by one); precinct 2 receives exactly its 2 000.
    const over = cleanProtocol("1", "T1", 1000, { a: 300, b: 200 }, { received: 1002, cancelled: 499 })
    const covered = await tally([over, p2])
    expect(codesOf(covered)).toEqual([["1", "reserve-exceeded"]])
    // 3 003 received for 3 000 voters: exactly the election's limit (1000 * 3003 = 1001 * 3000), silent.
    const atLimit = cleanProtocol("1", "T1", 1000, { a: 300, b: 200 }, { received: 1003, cancelled: 500 })
    expect(codesOf(await tally([atLimit, p2]))).toEqual([["1", "reserve-exceeded"]])
    const worst = cleanProtocol("1", "T1", 1000, { a: 300, b: 200 }, { received: 1004, cancelled: 501 })
    const data = await tally([worst, p2])
    expect(codesOf(data)).toEqual([
      [null, "reserve-exceeded"],
      ["1", "reserve-exceeded"]
    ])
    expect(data.findings[0]).toEqual({
      code: "reserve-exceeded",
      severity: "error",
      precinct: null,
      file: null,
      line: null,
      message: "the election received 3 004 ballots for 3 000 voters; the 0.1% reserve allows at most 3 003",
      expected: 3003,
      actual: 3004
    })
  })

  it("every code of SPEC §4 has its severity", () => {
    const errors: Array<FindingCode> = ["ballot-balance", "found-vs-sorted", "valid-vs-votes", "marks-out-of-range", "candidate-over-ballots", "found-over-issued", "mobile-over-issued", "issued-over-voters", "reserve-exceeded", "duplicate-protocol", "unknown-precinct", "registry-mismatch"]
    const warnings: Array<FindingCode> = ["missing-precinct", "ballots-unaccounted", "voters-mismatch", "high-invalid-share", "asu-mismatch"]
    expect(Object.keys(codes).sort()).toEqual([...errors, ...warnings].sort())
    for (const c of errors) expect(codes[c].severity).toBe("error")
    for (const c of warnings) expect(codes[c].severity).toBe("warning")
  })
})
