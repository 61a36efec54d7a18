/**
 * The incremental tally (issue 8): any sequence of adds, corrections (higher versions), duplicates, ASU and
 * manual protocols and annulments, applied one at a time, gives what a tally from scratch of the final set
 * gives; parts tallied on their own combine associatively, in any grouping.
 */
import fc from "fast-check"
import { describe, expect, it } from "vitest"
import { firstChoice, L, lineFields, type ProtocolRow, type ProtocolSource } from "../../src/ballot/protocol.js"
import { combineParts, Tally, type TallyData } from "../../src/tally/tally.js"
import { electionOf } from "./elections.js"

const parties = ["a", "b"]
const ids = ["P1", "P2", "P3", "P4", "P5"]
const territoryOf = (i: number) => `T${(i % 2) + 1}`
const withRegistry = (annulled: ReadonlyArray<string> = []) =>
  electionOf({
    id: "e",
    name: "E",
    system: "proportional",
    seats: 5,
    parties: parties.map((id) => ({ id, name: id })),
    precincts: ids.map((id, i) => ({ id, territory: territoryOf(i), voters: 1000 })),
    annulled
  })
const withoutRegistry = (annulled: ReadonlyArray<string> = []) =>
  electionOf({ id: "e", name: "E", system: "proportional", seats: 5, parties: parties.map((id) => ({ id, name: id })), annulled })

/** One protocol to add: which precinct, source and version, and a small variation of its counts. */
type Add = { readonly kind: "add"; readonly p: number; readonly source: ProtocolSource; readonly version: number; readonly shift: number }
type Annul = { readonly kind: "annul"; readonly p: number; readonly annulled: boolean }
type Op = Add | Annul

const addOp: fc.Arbitrary<Op> = fc.record({
  kind: fc.constant("add" as const),
  p: fc.integer({ min: 0, max: ids.length - 1 }),
  source: fc.constantFrom<ProtocolSource>("manual", "asu"),
  version: fc.integer({ min: 1, max: 3 }),
  // Few distinct counts, so that repeated keys are sometimes identical, sometimes a conflict.
  shift: fc.integer({ min: 0, max: 2 })
})
const annulOp: fc.Arbitrary<Op> = fc.record({ kind: fc.constant("annul" as const), p: fc.integer({ min: 0, max: ids.length - 1 }), annulled: fc.boolean() })
const ops = fc.array(fc.oneof({ arbitrary: addOp, weight: 4 }, { arbitrary: annulOp, weight: 1 }), { maxLength: 30 })

/**
 * The row of an add at line `line`: a consistent protocol (sometimes a ballot short, a warning; sometimes a voter
 * fewer than the registry's, so that a correction brings or clears a registry finding), counts varied by `shift`.
 */
const rowOf = (op: Add, line: number): ProtocolRow => {
  const values = new Float64Array(firstChoice + parties.length)
  const a = 300 + 10 * op.p + op.shift
  const b = 200 + op.version
  const valid = a + b + 1
  values[L.voters] = op.shift === 1 ? 999 : 1000
  values[L.received] = 1000
  values[L.issuedPremises] = valid + 2 - op.shift
  values[L.issuedOutside] = op.shift
  values[L.cancelled] = 1000 - valid - 2
  values[L.spoiled] = 0
  values[L.foundStationary] = valid + 2 - op.shift - (op.shift === 2 ? 1 : 0)
  values[L.foundMobile] = op.shift
  values[L.invalid] = op.shift === 2 ? 1 : 2
  values[L.valid] = valid
  values[L.againstAll] = 1
  values[firstChoice] = a
  values[firstChoice + 1] = b
  return { file: 0, line, offset: 0, precinct: ids[op.p], precinctIndex: -2, precincts: null, territory: territoryOf(op.p), district: -1, version: op.version, source: op.source, values }
}

/** The final set: the first protocol of each key, and the precincts annulled at the end. */
const finalSet = (sequence: ReadonlyArray<Op>) => {
  const kept = new Map<string, ProtocolRow>()
  const annulled = new Set<string>()
  sequence.forEach((op, i) => {
    if (op.kind === "annul") {
      if (op.annulled) annulled.add(ids[op.p])
      else annulled.delete(ids[op.p])
      return
    }
    const key = `${op.p} ${op.source} ${op.version}`
    if (!kept.has(key)) kept.set(key, rowOf(op, i + 2))
  })
  return { rows: [...kept.values()], annulled: [...annulled] }
}

/** A tally's state without duplicate findings (a tally from scratch of the final set has none). */
const withoutDuplicates = (d: TallyData) => ({ ...d, findings: d.findings.filter((f) => f.code !== "duplicate-protocol") })

/** The totals a person would work out: per precinct the manual protocol of the highest version, else the highest asu. */
const modelTotals = (rows: ReadonlyArray<ProtocolRow>, annulled: ReadonlyArray<string>) => {
  const counted = new Map<string, ProtocolRow>()
  const rank = (r: ProtocolRow) => (r.source === "manual" ? 100 : 0) + r.version
  for (const r of rows) {
    const c = counted.get(r.precinct)
    if (c === undefined || rank(r) > rank(c)) counted.set(r.precinct, r)
  }
  const totals = new Array<number>(firstChoice + parties.length).fill(0)
  let n = 0
  const preliminary: Array<string> = []
  for (const [id, r] of counted) {
    if (annulled.includes(id)) continue
    n++
    if (r.source === "asu") preliminary.push(id)
    r.values.forEach((x, i) => (totals[i] += x))
  }
  return { totals, precincts: n, preliminary: preliminary.sort() }
}

describe("incremental changes equal a tally from scratch of the final set", () => {
  for (const [name, make] of [["with a registry", withRegistry], ["without a registry", withoutRegistry]] as const)
    it(`${name}: totals, precincts and findings`, () => {
      fc.assert(
        fc.property(ops, fc.array(fc.nat({ max: 30 }), { maxLength: 5 }), (sequence, peeks) => {
          const live = new Tally(make(), ["protocols.csv"])
          sequence.forEach((op, i) => {
            if (op.kind === "annul") live.annul(ids[op.p], op.annulled)
            else {
              const row = rowOf(op, i + 2)
              const before = live.outcomeOf(row)
              live.row(row)
              expect(live.outcomeOf(row)).toBe(before === "conflict" ? "conflict" : "identical")
            }
            // Looking at the state in between changes nothing.
            if (peeks.includes(i)) live.data()
          })
          const { rows, annulled } = finalSet(sequence)
          const scratch = new Tally(make(annulled), ["protocols.csv"])
          for (const row of [...rows].reverse()) expect(scratch.addProtocol(row)).toBe("new")
          const got = live.data()
          expect(withoutDuplicates(got)).toEqual(withoutDuplicates(scratch.data()))
          const model = modelTotals(rows, annulled)
          expect(Array.from(got.totals.values)).toEqual(model.totals)
          expect(got.totals.precincts).toBe(model.precincts)
          expect(got.precincts.preliminary).toEqual(model.preliminary)
          expect(got.precincts.annulled).toEqual([...annulled].sort())
        }),
        { numRuns: 300 }
      )
    })

  it("a duplicate is an identical or conflicting protocol under a stored key, and changes nothing", () => {
    const t = new Tally(withRegistry(), ["protocols.csv"])
    const first = rowOf({ kind: "add", p: 0, source: "manual", version: 1, shift: 0 }, 2)
    expect(t.addProtocol(first)).toBe("new")
    const before = t.data()
    expect(t.addProtocol({ ...first, line: 3 })).toBe("identical")
    const other = rowOf({ kind: "add", p: 0, source: "manual", version: 1, shift: 1 }, 4)
    expect(t.outcomeOf(other)).toBe("conflict")
    expect(t.addProtocol(other)).toBe("conflict")
    expect(t.data()).toEqual(before)
    // As a file's rows, each is a duplicate-protocol finding pointing at the first.
    t.row({ ...first, line: 3 })
    expect(t.data().findings.filter((f) => f.code === "duplicate-protocol").map((f) => f.message)).toEqual([
      'a second protocol of precinct "P1", version 1; only the first is counted (the first is at protocols.csv line 2)'
    ])
  })

  it("a correction replaces the counted protocol at once: its old counts and findings leave the totals", () => {
    const t = new Tally(withRegistry(), ["protocols.csv"])
    const broken = rowOf({ kind: "add", p: 1, source: "manual", version: 1, shift: 0 }, 2)
    broken.values[L.received] += 5
    t.row(broken)
    expect(t.data().findings.filter((f) => f.precinct === "P2").map((f) => f.code)).toEqual(["ballot-balance", "reserve-exceeded"])
    const fixed = rowOf({ kind: "add", p: 1, source: "manual", version: 2, shift: 0 }, 9)
    t.row(fixed)
    const data = t.data()
    expect(data.findings.filter((f) => f.precinct === "P2")).toEqual([])
    expect(data.totals.values[L.received]).toBe(1000)
    expect(data.precincts.versions).toEqual([{ precinct: "P2", version: 2 }])
  })

  it("annulling and un-annulling a precinct takes its protocol out of every total and back", () => {
    const t = new Tally(withRegistry(), ["protocols.csv"])
    ids.forEach((_, p) => t.row(rowOf({ kind: "add", p, source: "manual", version: 1, shift: 0 }, p + 2)))
    const all = t.data()
    expect(t.annul("P3", true)).toBe(true)
    expect(t.annul("P3", true)).toBe(false)
    const without = t.data()
    expect(without.totals.precincts).toBe(4)
    expect(without.totals.values[firstChoice]).toBe(all.totals.values[firstChoice] - 320)
    expect(without.territories.find((x) => x.id === "T1")!.totals.precincts).toBe(2)
    expect(without.precincts).toMatchObject({ counted: 4, annulled: ["P3"], missing: [] })
    t.annul("P3", false)
    expect(t.data()).toEqual(all)
  })
})

describe("parts combine associatively, in any grouping", () => {
  it("(a + b) + c = a + (b + c) = one tally of every row in order", () => {
    const adds = fc.array(addOp, { maxLength: 24 })
    fc.assert(
      fc.property(adds, fc.nat(24), fc.nat(24), fc.subarray(ids), (sequence, x, y, annulled) => {
        const election = withRegistry(annulled)
        const rows = sequence.map((op, i) => rowOf(op as Add, i + 2))
        const [i, j] = [Math.min(x, y, rows.length), Math.min(Math.max(x, y), rows.length)]
        const partOf = (rs: ReadonlyArray<ProtocolRow>) => {
          const t = new Tally({ ...election, registry: null }, ["protocols.csv"])
          for (const r of rs) t.row(r)
          return t.exportPart()
        }
        const [a, b, c] = [partOf(rows.slice(0, i)), partOf(rows.slice(i, j)), partOf(rows.slice(j))]
        const files = ["protocols.csv"]
        const left = Tally.fromPart(election, files, combineParts(election, files, combineParts(election, files, a, b), c)).data()
        const right = Tally.fromPart(election, files, combineParts(election, files, a, combineParts(election, files, b, c))).data()
        const one = new Tally(election, files)
        for (const r of rows) one.row(r)
        expect(left).toEqual(right)
        expect(left).toEqual(one.data())
      }),
      { numRuns: 200 }
    )
  })
})

describe("totals without given precincts (the base of a sensitivity question)", () => {
  it("takes out exactly the counted protocols of the precincts named", () => {
    const t = new Tally(withRegistry(["P5"]), ["protocols.csv"])
    ids.forEach((_, p) => t.row(rowOf({ kind: "add", p, source: "manual", version: 1, shift: 0 }, p + 2)))
    const all = t.data().totals
    const base = t.totalsWithout(["P1", "P1", "P5", "nowhere"])
    expect(base.totals.precincts).toBe(all.precincts - 1)
    lineFields.forEach((_, k) => expect(base.totals.values[k]).toBe(all.values[k] - rowOf({ kind: "add", p: 0, source: "manual", version: 1, shift: 0 }, 2).values[k]))
    expect(t.data().totals).toEqual(all)
  })
})

describe("majoritarian: the slab keeps each protocol's own district only", () => {
  const districts = [
    { id: "D1", name: "", seats: 1, candidates: [{ id: "x1", name: "", gender: "F" }, { id: "x2", name: "", gender: "M" }] },
    { id: "D2", name: "", seats: 2, candidates: [{ id: "y1", name: "", gender: "M" }, { id: "y2", name: "", gender: "F" }, { id: "y3", name: "", gender: "M" }] }
  ]
  const make = (annulled: ReadonlyArray<string> = []) => electionOf({ id: "m", name: "M", system: "majoritarian", districts, annulled })
  /** A row of district (p + version) mod 2: a correction may move a precinct to a district of another size. */
  const majRow = (op: Add, line: number): ProtocolRow => {
    const d = (op.p + op.version) % 2
    const values = new Float64Array(firstChoice + 5).fill(-1, firstChoice)
    const own = d === 0 ? [0, 1] : [2, 3, 4]
    own.forEach((c, k) => (values[firstChoice + c] = 100 + 10 * k + op.shift))
    values[L.voters] = 1000
    values[L.valid] = 400 + op.p
    return { file: 0, line, offset: 0, precinct: ids[op.p], precinctIndex: -2, precincts: null, territory: territoryOf(op.p), district: d, version: op.version, source: op.source, values }
  }
  it("incremental equals from scratch, and parts combine, across districts of different sizes", () => {
    fc.assert(
      fc.property(fc.array(addOp, { maxLength: 20 }), fc.subarray(ids), fc.nat(20), (sequence, annulled, cut) => {
        const live = new Tally(make(), ["protocols.csv"])
        const rows = sequence.map((op, i) => majRow(op as Add, i + 2))
        for (const r of rows) live.row(r)
        for (const id of annulled) live.annul(id, true)
        const scratch = new Tally(make(annulled), ["protocols.csv"])
        const firsts = new Map(rows.map((r) => [`${r.precinct} ${r.source} ${r.version}`, r] as const).reverse())
        for (const r of firsts.values()) scratch.addProtocol(r)
        expect(withoutDuplicates(live.data())).toEqual(withoutDuplicates(scratch.data()))
        const partOf = (rs: ReadonlyArray<ProtocolRow>) => {
          const t = new Tally(make(annulled), ["protocols.csv"])
          for (const r of rs) t.row(r)
          return t.exportPart()
        }
        const combined = Tally.fromPart(make(annulled), ["protocols.csv"], combineParts(make(annulled), ["protocols.csv"], partOf(rows.slice(0, cut)), partOf(rows.slice(cut))))
        const one = new Tally(make(annulled), ["protocols.csv"])
        for (const r of rows) one.row(r)
        expect(combined.data()).toEqual(one.data())
        const without = one.totalsWithout(["P1"])
        const p1 = one.data().precincts.annulled.includes("P1") ? 0 : rows.some((r) => r.precinct === "P1") ? 1 : 0
        expect(without.totals.precincts).toBe(one.data().totals.precincts - p1)
      }),
      { numRuns: 200 }
    )
  })
})
