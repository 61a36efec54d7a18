/**
 * The tally (issue 4): versions, annulled, missing and unknown precincts, totals up the commission hierarchy,
 * and results that do not depend on how the protocols are split or ordered.
 */
import fc from "fast-check"
import { describe, expect, it } from "vitest"
import { firstChoice, L, lineFields, proportionalLayout } from "../../src/ballot/protocol.js"
import { tallyResult } from "../../src/result/tally-result.js"
import { addRow, combineTotals, emptyTotals, participants } from "../../src/tally/totals.js"
import { Tally, type TallyData } from "../../src/tally/tally.js"
import { cleanProtocol, codesOf, electionOf, protocolsCsv, talliedTexts, tallyTexts, type Protocol } from "./elections.js"

const parties = [
  { id: "a", name: "A" },
  { id: "b", name: "B" },
  { id: "c", name: "C" }
]
const territories = [
  { id: "T1", name: "North" },
  { id: "T2", name: "South" },
  { id: "T3", name: "East" }
]
const registry = Array.from({ length: 9 }, (_, i) => ({ id: `P${i + 1}`, territory: territories[i % 3].id, voters: 1000 + 100 * i }))
const doc = { id: "e", name: "E", system: "proportional", edition: "2011", seats: 10, parties, territories, precincts: registry }
const election = electionOf(doc)
const choices = parties.map((p) => p.id)

/** Precinct i's clean protocol, with votes that vary by precinct. */
const protocolOf = (i: number, shift = 0): Protocol =>
  cleanProtocol(registry[i].id, registry[i].territory, registry[i].voters, { a: 200 + 7 * i + shift, b: 150 + 3 * i, c: 40 + i })
const all = registry.map((_, i) => protocolOf(i))
const csv = (ps: ReadonlyArray<Protocol>) => protocolsCsv(choices, ps)

/** The sum of a protocol line or a party's votes over protocols. */
const sum = (ps: ReadonlyArray<Protocol>, key: string) => ps.reduce((s, p) => s + (key in p.votes ? p.votes[key] : (p as unknown as Record<string, number>)[key]), 0)

const votes = (data: TallyData) => Array.from(data.totals.values.subarray(firstChoice))

describe("totals up the commission hierarchy", () => {
  it("the election total is the sum of the protocols; participants are ballots issued", async () => {
    const data = await tallyTexts(election, [csv(all)])
    lineFields.forEach((f, i) => expect(data.totals.values[i], f).toBe(sum(all, f)))
    expect(votes(data)).toEqual(choices.map((c) => sum(all, c)))
    expect(participants(data.totals.values)).toBe(sum(all, "issued_premises") + sum(all, "issued_outside"))
    expect(data.totals.precincts).toBe(9)
    expect(data.precincts).toEqual({ registered: 9, counted: 9, annulled: [], missing: [], preliminary: [], versions: [] })
    expect(data.findings).toEqual([])
  })

  it("each territory totals its own precincts, and the territories add up to the election total", async () => {
    const data = await tallyTexts(election, [csv(all)])
    expect(data.territories.map((t) => [t.id, t.totals.precincts])).toEqual([
      ["T1", 3],
      ["T2", 3],
      ["T3", 3]
    ])
    for (const t of data.territories) {
      const own = all.filter((p) => p.territory === t.id)
      expect(t.totals.values[L.voters]).toBe(sum(own, "voters"))
      expect(t.totals.values[firstChoice]).toBe(sum(own, "a"))
    }
    const combined = data.territories.map((t) => t.totals).reduce(combineTotals)
    expect(combined).toEqual(data.totals)
  })

  it("majoritarian: districts total their own candidates; another district's blank cells add nothing", async () => {
    const maj = electionOf({
      id: "m",
      name: "M",
      system: "majoritarian",
      districts: [
        { id: "D1", name: "", seats: 2, candidates: [{ id: "x1", name: "", gender: "F" }, { id: "x2", name: "", gender: "M" }] },
        { id: "D2", name: "", seats: 1, candidates: [{ id: "y1", name: "", gender: "M" }] }
      ]
    })
    const ps = [
      { ...cleanProtocol("1", "T1", 1000, { x1: 300, x2: 200 }), district: "D1" },
      { ...cleanProtocol("2", "T2", 1000, { x1: 100, x2: 50 }), district: "D1" },
      { ...cleanProtocol("3", "T1", 1000, { y1: 400 }), district: "D2" }
    ]
    // Two marks per ballot in D1: these protocols put one mark on each, which is within range.
    const data = await tallyTexts(maj, [protocolsCsv(["x1", "x2", "y1"], ps, true)])
    expect(data.findings).toEqual([])
    expect(data.districts.map((d) => [d.id, d.totals.precincts, Array.from(d.totals.values.subarray(firstChoice))])).toEqual([
      ["D1", 2, [400, 250, 0]],
      ["D2", 1, [0, 0, 400]]
    ])
    expect(Array.from(data.totals.values.subarray(firstChoice))).toEqual([400, 250, 400])
    expect(combineTotals(data.districts[0].totals, data.districts[1].totals)).toEqual(data.totals)
  })
})

describe("versions: the highest version of a precinct's protocol counts", () => {
  const v2 = { ...protocolOf(0, 50), version: 2 }

  it("a higher version later in the file replaces the first: totals are the newest protocol's, the result says which", async () => {
    const data = await tallyTexts(election, [csv([...all, v2])])
    expect(data.precincts.versions).toEqual([{ precinct: "P1", version: 2 }])
    expect(data.precincts.counted).toBe(9)
    expect(data.totals.values[firstChoice]).toBe(sum(all, "a") + 50)
    const t1 = data.territories.find((t) => t.id === "T1")!
    expect(t1.totals.values[firstChoice]).toBe(sum(all.filter((p) => p.territory === "T1"), "a") + 50)
    expect(t1.totals.precincts).toBe(3)
  })

  it("a lower version after a higher one is ignored", async () => {
    const first = await tallyTexts(election, [csv([v2, ...all])])
    const last = await tallyTexts(election, [csv([...all, v2])])
    expect(first.totals).toEqual(last.totals)
    expect(first.territories).toEqual(last.territories)
    expect(first.precincts).toEqual(last.precincts)
  })

  it("a higher version in another file replaces it too; so does a version 3 after a 2", async () => {
    const v3 = { ...protocolOf(0, 80), version: 3 }
    const data = await tallyTexts(election, [csv([...all, v2]), csv([v3])])
    expect(data.precincts.versions).toEqual([{ precinct: "P1", version: 3 }])
    expect(data.totals.values[firstChoice]).toBe(sum(all, "a") + 80)
  })

  it("the findings of a replaced protocol are dropped; those of the counted one stay", async () => {
    const faulty = { ...protocolOf(0), cancelled: 0 }
    const fixed = { ...protocolOf(0), version: 2 }
    expect(codesOf(await tallyTexts(election, [csv([faulty, ...all.slice(1), fixed])]))).toEqual([])
    expect(codesOf(await tallyTexts(election, [csv([fixed, ...all.slice(1), { ...faulty, version: 1 }])]))).toEqual([])
    const worse = { ...faulty, version: 3 }
    expect(codesOf(await tallyTexts(election, [csv([fixed, ...all.slice(1), worse])]))).toEqual([["P1", "ballot-balance"]])
  })
})

describe("annulled, missing and unknown precincts", () => {
  it("an annulled precinct's protocols are excluded from every total and listed", async () => {
    const annulled = electionOf({ ...doc, annulled: ["P2", "P5"] })
    const data = await tallyTexts(annulled, [csv([...all, { ...protocolOf(1), version: 2 }])])
    const kept = all.filter((p) => p.precinct !== "P2" && p.precinct !== "P5")
    expect(data.totals.values[L.voters]).toBe(sum(kept, "voters"))
    expect(votes(data)).toEqual(choices.map((c) => sum(kept, c)))
    expect(data.precincts).toEqual({ registered: 9, counted: 7, annulled: ["P2", "P5"], missing: [], preliminary: [], versions: [] })
    expect(data.territories.find((t) => t.id === "T2")!.totals.precincts).toBe(1)
    expect(data.findings).toEqual([])
  })

  it("an annulled precinct with a faulty protocol does not block", async () => {
    const annulled = electionOf({ ...doc, annulled: ["P1"] })
    const data = await tallyTexts(annulled, [csv([{ ...protocolOf(0), cancelled: 0 }, ...all.slice(1)])])
    expect(data.findings).toEqual([])
  })

  it("missing precincts are listed (sorted) with a warning each; unknown ones are counted with an error", async () => {
    const unknown = cleanProtocol("X1", "T1", 1000, { a: 300, b: 100, c: 50 })
    const data = await tallyTexts(election, [csv([unknown, ...all.slice(3, 7)])])
    expect(data.precincts.missing).toEqual(["P1", "P2", "P3", "P8", "P9"])
    expect(data.precincts.registered).toBe(9)
    expect(codesOf(data)).toEqual([
      ["P1", "missing-precinct"],
      ["P2", "missing-precinct"],
      ["P3", "missing-precinct"],
      ["P8", "missing-precinct"],
      ["P9", "missing-precinct"],
      ["X1", "unknown-precinct"]
    ])
  })

  it("a precinct with no protocol still has its territory in the result, with zero totals", async () => {
    const data = await tallyTexts(election, [csv(all.filter((p) => p.territory !== "T3"))])
    const t3 = data.territories.find((t) => t.id === "T3")!
    expect(t3.totals.precincts).toBe(0)
    expect(Array.from(t3.totals.values).every((x) => x === 0)).toBe(true)
  })
})

describe("combining partial tallies", () => {
  const layout = proportionalLayout(["a", "b"])
  const rowArb = fc.array(fc.nat({ max: 1_000_000 }), { minLength: firstChoice + 2, maxLength: firstChoice + 2 }).map((xs) => Float64Array.from(xs))

  it("combineTotals of the totals of two parts equals the totals of the whole, whatever the split", () => {
    fc.assert(
      fc.property(fc.array(rowArb, { maxLength: 30 }), fc.nat(), (rows, at) => {
        const cut = rows.length === 0 ? 0 : at % (rows.length + 1)
        const whole = emptyTotals(layout)
        const left = emptyTotals(layout)
        const right = emptyTotals(layout)
        rows.forEach((r, i) => {
          addRow(whole, r)
          addRow(i < cut ? left : right, r)
        })
        expect(combineTotals(left, right)).toEqual(whole)
        expect(combineTotals(right, left)).toEqual(whole)
        expect(combineTotals(whole, emptyTotals(layout))).toEqual(whole)
      })
    )
  })

  it("combineTotals is associative", () => {
    const totalsArb = fc.array(rowArb, { maxLength: 5 }).map((rows) => {
      const t = emptyTotals(layout)
      for (const r of rows) addRow(t, r)
      return t
    })
    fc.assert(
      fc.property(totalsArb, totalsArb, totalsArb, (a, b, c) => {
        expect(combineTotals(combineTotals(a, b), c)).toEqual(combineTotals(a, combineTotals(b, c)))
      })
    )
  })

  it("tallying the protocols in two files, then combining, equals tallying them at once", async () => {
    await fc.assert(
      fc.asyncProperty(fc.shuffledSubarray(all.map((_, i) => i), { minLength: 0, maxLength: 9 }), async (part) => {
        const left = all.filter((_, i) => part.includes(i))
        const right = all.filter((_, i) => !part.includes(i))
        const [l, r, whole] = await Promise.all([tallyTexts(election, [csv(left)]), tallyTexts(election, [csv(right)]), tallyTexts(election, [csv(all)])])
        expect(combineTotals(l.totals, r.totals)).toEqual(whole.totals)
        l.territories.forEach((t, i) => expect(combineTotals(t.totals, r.territories[i].totals)).toEqual(whole.territories[i].totals))
      }),
      { numRuns: 15 }
    )
  })
})

describe("the result does not depend on the order of rows and files", () => {
  /** The result JSON without its inputs (their hashes differ with the bytes) and the findings' file and line. */
  const resultJson = ({ tally, data }: { tally: Tally; data: TallyData }) => {
    const r = tallyResult(election, [], data, tally)
    return JSON.stringify({ ...r, findings: r.findings.map((f) => ({ ...f, file: null, line: null })) })
  }

  it("any permutation of the protocols, split over one to three files, gives the same result", async () => {
    // A faulty protocol, a version 2 and an unknown precinct, so findings and versions are part of the result.
    const protocols = [...all.slice(1), { ...protocolOf(0), cancelled: 3 }, { ...protocolOf(4, 9), version: 2 }, cleanProtocol("X", "T2", 900, { a: 1, b: 200, c: 300 })]
    const reference = resultJson(await talliedTexts(election, [csv(protocols)]))
    expect(JSON.parse(reference).findings.map((f: { code: string }) => f.code)).toEqual(["ballot-balance", "unknown-precinct"])
    await fc.assert(
      fc.asyncProperty(
        fc.shuffledSubarray(protocols, { minLength: protocols.length, maxLength: protocols.length }),
        fc.array(fc.nat({ max: 2 }), { minLength: protocols.length, maxLength: protocols.length }),
        async (order, fileOf) => {
          const files = [0, 1, 2].map((f) => order.filter((_, i) => fileOf[i] === f)).filter((ps) => ps.length > 0)
          expect(resultJson(await talliedTexts(election, files.map(csv)))).toBe(reference)
        }
      ),
      { numRuns: 25 }
    )
  })
})

describe("against an independent computation", () => {
  /** SPEC §4's per-protocol rules for a proportional protocol, written plainly. */
  const naiveCodes = (p: Protocol): Array<string> => {
    const n = (k: string) => (p as unknown as Record<string, number>)[k]
    const issued = n("issued_premises") + n("issued_outside")
    const found = n("found_stationary") + n("found_mobile")
    const out: Array<string> = []
    if (n("received") !== issued + n("cancelled") + n("spoiled")) out.push("ballot-balance")
    if (found !== n("valid") + n("invalid")) out.push("found-vs-sorted")
    if (n("valid") !== n("against_all") + Object.values(p.votes).reduce((a, b) => a + b, 0)) out.push("valid-vs-votes")
    if (found > issued) out.push("found-over-issued")
    if (n("found_mobile") > n("issued_outside")) out.push("mobile-over-issued")
    if (issued > n("voters")) out.push("issued-over-voters")
    if (1000 * n("received") > 1001 * n("voters")) out.push("reserve-exceeded")
    if (found < issued) out.push("ballots-unaccounted")
    if (20 * n("invalid") > found) out.push("high-invalid-share")
    return out
  }

  const small = fc.integer({ min: 0, max: 12 })
  const protocolArb = fc.record({
    precinct: fc.constantFrom(...registry.map((r) => r.id)),
    version: fc.integer({ min: 1, max: 3 }),
    lines: fc.array(small, { minLength: 11, maxLength: 11 }),
    votes: fc.array(small, { minLength: 3, maxLength: 3 })
  })

  it("totals are the sums of the counted protocols (highest version, first of equals); findings are the rules' breaches", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(protocolArb, { maxLength: 14 }), async (arb) => {
        const ps: Array<Protocol> = arb.map((a) => ({
          precinct: a.precinct,
          territory: registry.find((r) => r.id === a.precinct)!.territory,
          version: a.version,
          ...Object.fromEntries(lineFields.map((f, i) => [f, a.lines[i]])),
          votes: Object.fromEntries(choices.map((c, i) => [c, a.votes[i]]))
        }))
        const data = await tallyTexts(election, [csv(ps)])
        const counted = new Map<string, Protocol>()
        const expectedCodes: Array<[string | null, string]> = []
        for (const p of ps) {
          const now = counted.get(p.precinct)
          if (now === undefined || p.version! > now.version!) counted.set(p.precinct, p)
        }
        for (const p of ps) if (counted.get(p.precinct) !== p && counted.get(p.precinct)!.version === p.version) expectedCodes.push([p.precinct, "duplicate-protocol"])
        for (const [id, p] of counted) {
          for (const c of naiveCodes(p)) expectedCodes.push([id, c])
          if (p.voters !== registry.find((r) => r.id === id)!.voters) expectedCodes.push([id, "voters-mismatch"])
        }
        for (const r of registry) if (!counted.has(r.id)) expectedCodes.push([r.id, "missing-precinct"])
        const kept = [...counted.values()]
        lineFields.forEach((f, i) => expect(data.totals.values[i]).toBe(sum(kept, f)))
        expect(votes(data)).toEqual(choices.map((c) => sum(kept, c)))
        const totalReceived = sum(kept, "received")
        const totalVoters = sum(kept, "voters")
        if (1000 * totalReceived > 1001 * totalVoters) expectedCodes.push([null, "reserve-exceeded"])
        const key = ([p, c]: [string | null, string]) => `${p ?? ""} ${c}`
        expect(codesOf(data).map(key).sort()).toEqual(expectedCodes.map(key).sort())
        expect(data.precincts.versions).toEqual([...counted.values()].filter((p) => p.version! > 1).map((p) => ({ precinct: p.precinct, version: p.version })).sort((a, b) => (a.precinct < b.precinct ? -1 : 1)))
      }),
      { numRuns: 40 }
    )
  })
})

describe("totals beyond 2^53, where doubles stop counting every vote", () => {
  const big = electionOf({ id: "big", name: "Big", system: "proportional", seats: 3, parties: [{ id: "a", name: "A" }] })
  /** A protocol row of precinct `id` with `voters` voters and nothing else (within a row's bounds). */
  const rowOf = (id: string, voters: number, version = 1, line = 2) => ({
    file: 0, line, offset: 0, precinct: id, precinctIndex: -2, precincts: null, territory: "T1", district: -1, version, source: "manual" as const,
    values: Float64Array.from({ length: firstChoice + 1 }, (_, i) => (i === L.voters ? voters : 0))
  })
  const voters = 8_990_000_000_000

  it("names the protocol that took a total beyond, when the total stays beyond", () => {
    const t = new Tally(big, ["p.csv"])
    for (let i = 0; i < 1002; i++) t.row(rowOf(`P${i}`, voters, 1, i + 2))
    // 1,002 x 8.99e12 > 2^53 > 1,001 x 8.99e12: the 1,002nd protocol (line 1003) takes the total there.
    expect(t.unsafeTotal()).toEqual({ file: "p.csv", line: 1003 })
  })

  it("a total that went beyond and came back with corrections is added up again, exactly", () => {
    const t = new Tally(big, ["p.csv"])
    for (let i = 0; i < 1002; i++) t.row(rowOf(`P${i}`, voters + 1))
    for (let i = 0; i < 1000; i++) t.row(rowOf(`P${i}`, 1, 2))
    expect(t.unsafeTotal()).toBeNull()
    expect(t.data().totals.values[L.voters]).toBe(1000 + 2 * (voters + 1))
  })
})
