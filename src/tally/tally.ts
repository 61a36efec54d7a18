/**
 * The tally: receives protocol rows, keeps the protocol that counts for each precinct (the highest version),
 * checks it, and adds it up precinct → territory → election (and → district for ayil keneshes).
 * Memory grows only with the set of precincts seen, never with an object per row. The registry is consulted
 * only at the end, so protocols can be read (in parallel) while the registry is still being read.
 */
import type { Election } from "../ballot/election.js"
import { grouped as g } from "../ballot/count-cell.js"
import { L, type ProtocolRow, type ProtocolSink } from "../ballot/protocol.js"
import { codes, compareFindings, type Finding, type FindingCode } from "../reconciliation/finding.js"
import { checkProtocol, reserveHolds, reserveLimit, type Breach, type CheckContext } from "../reconciliation/protocol-rules.js"
import { Interner, type InternerData } from "../ballot/interner.js"
import type { Registry } from "../ballot/registry.js"
import { addRow, addTotals, emptyTotals, type Totals } from "./totals.js"

/** The outcome of adding up every protocol: counts of precincts, totals at each level, and the findings. */
export interface TallyData {
  readonly precincts: {
    readonly registered: number
    readonly counted: number
    readonly annulled: ReadonlyArray<string>
    readonly missing: ReadonlyArray<string>
    /** Precincts whose counted protocol is not version 1: which version counted. */
    readonly versions: ReadonlyArray<{ readonly precinct: string; readonly version: number }>
  }
  readonly totals: Totals
  readonly territories: ReadonlyArray<{ readonly id: string; readonly totals: Totals }>
  /** Majoritarian: totals per district, in election order (empty for proportional). */
  readonly districts: ReadonlyArray<{ readonly id: string; readonly totals: Totals }>
  readonly findings: ReadonlyArray<Finding>
}


/** A finding waiting for the end: it counts only if its protocol's version is the one counted. */
interface Pending {
  readonly finding: Finding
  readonly slot: number
  readonly version: number
  /** For a duplicate: where the first protocol of the precinct and version is. */
  readonly first: { readonly file: number; readonly line: number } | null
}

/** What a tally of part of the input holds, to be absorbed into another tally (see `Tally.absorb`). */
export interface TallyPart {
  /** The precincts seen, by slot. */
  readonly ids: InternerData
  /** Per slot, of the protocol counted: version (0: none, an annulled precinct), file, line, territory, district, voters. */
  readonly version: Int32Array<ArrayBuffer>
  readonly file: Int32Array<ArrayBuffer>
  readonly line: Int32Array<ArrayBuffer>
  /** Territory as an index into `territoryNames`. */
  readonly territory: Int32Array<ArrayBuffer>
  readonly district: Int32Array<ArrayBuffer>
  readonly voters: Float64Array<ArrayBuffer>
  readonly territoryNames: ReadonlyArray<string>
  readonly pending: ReadonlyArray<Pending>
  readonly territories: ReadonlyArray<{ readonly id: string; readonly totals: Totals }>
  readonly districts: ReadonlyArray<Totals>
  readonly needsRecount: boolean
}

/** Per-slot numbers, growing as slots are made. */
class Column<A extends Int32Array | Float64Array> {
  constructor(public data: A) {}
  set(slot: number, value: number): void {
    if (slot >= this.data.length) {
      const grown = new (this.data.constructor as new (n: number) => A)(Math.max(1024, this.data.length * 2))
      grown.set(this.data as never)
      this.data = grown
    }
    this.data[slot] = value
  }
}

const ints = () => new Column(new Int32Array(1024))

/**
 * Accumulates a tally from rows handed to it as a `ProtocolSink`; `finish` gives the result. Precincts get
 * slots in the order first seen, in the tally's own table of ids (`ids`: a reader given it fills each
 * row's `precinctIndex`); the registry's checks run at the end, against the protocol counted for each.
 */
export class Tally implements ProtocolSink {
  /** The precincts seen: slot `i` is entry `i`. */
  get ids(): Interner {
    return this.table
  }
  private table = new Interner()
  private seen = 0
  private readonly version = ints()
  private readonly file = ints()
  private readonly line = ints()
  private readonly territory = ints()
  private readonly district = ints()
  private readonly voters = new Column(new Float64Array(1024))
  /** 1 for an annulled precinct (known when its slot is made). */
  private readonly annulledSlot = ints()
  private readonly territoryIndex = new Map<string, number>()
  private readonly territoryNames: Array<string> = []
  private readonly territoryTotals: Array<Totals> = []
  private lastTerritory = ""
  private lastTerritoryIndex = -1
  private readonly districtTotals: Array<Totals>
  private readonly pending: Array<Pending> = []
  private readonly annulled: ReadonlySet<string>
  private readonly ctx: CheckContext
  private recounting = false
  /** The row being checked, for `report` (bound once, so checking a row allocates nothing). */
  private current: ProtocolRow | null = null
  private currentSlot = -1
  private readonly report = (b: Breach): void => this.find(b.code, this.current!, this.currentSlot, b.expected, b.actual, b.message)
  /** True when a later version replaced a protocol already added: the totals need a second pass. */
  needsRecount = false

  constructor(
    private readonly election: Election,
    private readonly fileNames: ReadonlyArray<string>
  ) {
    this.annulled = new Set(election.annulled)
    this.districtTotals = election.districts.map(() => emptyTotals(election.layout))
    for (const t of election.territories) this.territoryOf(t.id)
    if (election.registry !== null) for (const t of election.registry.territoryNames) this.territoryOf(t)
    const marks = election.rules.marksPerVoter
    this.ctx = { layout: election.layout, marks: election.districts.map((d) => (marks === "seats" ? d.seats : marks)) }
  }

  private territoryOf(id: string): number {
    if (id === this.lastTerritory) return this.lastTerritoryIndex
    let i = this.territoryIndex.get(id)
    if (i === undefined) {
      i = this.territoryTotals.length
      this.territoryIndex.set(id, i)
      this.territoryNames.push(id)
      this.territoryTotals.push(emptyTotals(this.election.layout))
    }
    this.lastTerritory = id
    this.lastTerritoryIndex = i
    return i
  }

  private find(code: FindingCode, row: { file: number; line: number; version: number }, slot: number, expected: number | null, actual: number | null, message: string, first: Pending["first"] = null): void {
    this.pending.push({
      finding: { code, severity: codes[code].severity, precinct: this.ids.string(slot), file: this.fileNames[row.file], line: row.line, message, expected, actual },
      slot,
      version: row.version,
      first
    })
  }

  /** Makes the slots up to `slot` (a new precinct), with no protocol yet. */
  private made(slot: number): void {
    while (this.seen <= slot) {
      const s = this.seen++
      this.version.set(s, 0)
      this.annulledSlot.set(s, this.annulled.size > 0 && this.annulled.has(this.ids.string(s)) ? 1 : 0)
    }
  }

  /** Takes one protocol row (first pass) or re-adds the counted ones (recount pass). */
  row(row: ProtocolRow): void {
    const slot = row.precinctIndex >= 0 ? row.precinctIndex : this.ids.add(row.precinct)
    if (slot >= this.seen) this.made(slot)
    if (this.annulledSlot.data[slot] === 1) return
    if (this.recounting) {
      if (this.file.data[slot] === row.file && this.line.data[slot] === row.line) this.add(row)
      return
    }
    const counted = this.version.data[slot]
    if (row.version === counted) {
      const first = { file: this.file.data[slot], line: this.line.data[slot] }
      this.find("duplicate-protocol", row, slot, null, null, `a second protocol of precinct "${this.ids.string(slot)}", version ${row.version}; only the first is counted`, first)
      return
    }
    if (row.version < counted) return
    if (counted > 0) this.needsRecount = true
    this.version.set(slot, row.version)
    this.file.set(slot, row.file)
    this.line.set(slot, row.line)
    this.territory.set(slot, this.territoryOf(row.territory))
    this.district.set(slot, row.district)
    this.voters.set(slot, row.values[L.voters])
    this.current = row
    this.currentSlot = slot
    checkProtocol(row.values, row.district, this.ctx, this.report)
    this.add(row)
  }

  private add(row: ProtocolRow): void {
    addRow(this.territoryTotals[this.territoryOf(row.territory)], row.values)
    if (row.district >= 0) addRow(this.districtTotals[row.district], row.values)
  }

  /** This tally's state, for a tally of the whole input to absorb (a worker thread's part). */
  exportPart(): TallyPart {
    const n = this.seen
    return {
      ids: this.ids.toData(),
      version: this.version.data.slice(0, n),
      file: this.file.data.slice(0, n),
      line: this.line.data.slice(0, n),
      territory: this.territory.data.slice(0, n),
      district: this.district.data.slice(0, n),
      voters: this.voters.data.slice(0, n),
      territoryNames: this.territoryNames,
      pending: this.pending,
      territories: this.territoryNames.map((id, i) => ({ id, totals: this.territoryTotals[i] })),
      districts: this.districtTotals,
      needsRecount: this.needsRecount
    }
  }

  /**
   * Adds a part tallied elsewhere from later input, its lines shifted by `lineOffset`. Returns false when
   * the part cannot simply be added (a precinct in both, or a recount needed): the input must then be
   * tallied in one pass, and this tally is discarded.
   */
  absorb(part: TallyPart, lineOffset: number): boolean {
    if (part.needsRecount) return false
    const theirs = Interner.fromData(part.ids)
    const slots = this.seen === 0 && this.table.size === 0 ? this.adopt(theirs, part, lineOffset) : this.merge(theirs, part, lineOffset)
    if (slots === null) return false
    for (const p of part.pending)
      this.pending.push({
        finding: { ...p.finding, line: p.finding.line === null ? null : p.finding.line + lineOffset },
        slot: slots[p.slot],
        version: p.version,
        first: p.first === null ? null : { file: p.first.file, line: p.first.line + lineOffset }
      })
    for (const t of part.territories) addTotals(this.territoryTotals[this.territoryOf(t.id)], t.totals)
    part.districts.forEach((d, i) => addTotals(this.districtTotals[i], d))
    return true
  }

  /** The first part becomes this tally's state as it is: its slots are this tally's slots. */
  private adopt(theirs: Interner, part: TallyPart, lineOffset: number): Int32Array {
    const n = part.version.length
    const territory = part.territoryNames.map((t) => this.territoryOf(t))
    this.table = theirs
    this.seen = n
    this.version.data = part.version
    this.file.data = part.file
    this.line.data = lineOffset === 0 ? part.line : part.line.map((l) => l + lineOffset)
    this.territory.data = part.territory.map((t) => territory[t])
    this.district.data = part.district
    this.voters.data = part.voters
    this.annulledSlot.data = new Int32Array(n)
    if (this.annulled.size > 0) for (let j = 0; j < n; j++) this.annulledSlot.data[j] = this.annulled.has(theirs.string(j)) ? 1 : 0
    return Int32Array.from({ length: n }, (_, j) => j)
  }

  /** A later part's slots, made here; null when a precinct of the part is here already. */
  private merge(theirs: Interner, part: TallyPart, lineOffset: number): Int32Array | null {
    const slots = new Int32Array(part.version.length)
    // Sorted parts in order (the usual file) are appended whole; otherwise each id is looked up.
    const base = this.table.appendAll(theirs)
    for (let j = 0; j < slots.length; j++) {
      const slot = base >= 0 ? base + j : this.table.indexOrAddFrom(theirs, j)
      if (slot < this.seen) return null
      this.made(slot)
      slots[j] = slot
      if (part.version[j] === 0) continue
      this.version.set(slot, part.version[j])
      this.file.set(slot, part.file[j])
      this.line.set(slot, part.line[j] + lineOffset)
      this.territory.set(slot, this.territoryOf(part.territoryNames[part.territory[j]]))
      this.district.set(slot, part.district[j])
      this.voters.set(slot, part.voters[j])
    }
    return slots
  }

  /** Starts the recount pass: totals are cleared and only the counted protocol of each precinct is added. */
  startRecount(): void {
    this.recounting = true
    for (const t of [...this.territoryTotals, ...this.districtTotals]) {
      t.values.fill(0)
      t.precincts = 0
    }
  }

  /** Where the protocol counted for a slot is (made only for a finding). */
  private counted(slot: number): { file: number; line: number; version: number } {
    return { file: this.file.data[slot], line: this.line.data[slot], version: this.version.data[slot] }
  }

  /**
   * Checks each counted protocol against the registry (unknown precinct, other territory or district, other
   * voters) and returns which registered precincts sent one. Files list precincts in registry order, so the
   * entry after the last one found is tried first.
   */
  private checkRegistry(registry: Registry): Uint8Array {
    const sent = new Uint8Array(registry.size)
    const layout = this.election.layout
    let guess = 0
    for (let slot = 0; slot < this.seen; slot++) {
      const version = this.version.data[slot]
      if (version === 0) continue
      const i = registry.interner.indexOfFrom(this.ids, slot, guess)
      if (i < 0) {
        this.find("unknown-precinct", this.counted(slot), slot, null, null, `precinct "${this.ids.string(slot)}" is not in the registry`)
        continue
      }
      guess = i + 1
      sent[i] = 1
      const territory = this.territoryNames[this.territory.data[slot]]
      const registered = registry.territoryNames[registry.territoryIndex[i]]
      const d = this.district.data[slot]
      const district = registry.districtNames[registry.districtIndex[i]]
      const otherDistrict = d >= 0 && district !== layout.districts[d]
      if (territory !== registered || otherDistrict) {
        const differs = [
          ...(territory !== registered ? [`territory "${territory}" (registry: "${registered}")`] : []),
          ...(otherDistrict ? [`district "${layout.districts[d]}" (registry: "${district}")`] : [])
        ]
        this.find("registry-mismatch", this.counted(slot), slot, null, null, `the protocol names ${differs.join(" and ")}`)
      }
      const voters = this.voters.data[slot]
      if (voters !== registry.voters[i])
        this.find("voters-mismatch", this.counted(slot), slot, registry.voters[i], voters, `the protocol has ${g(voters)} voters, the registry ${g(registry.voters[i])}`)
    }
    return sent
  }

  /** The tally's result: registry checks, missing precincts, the election-total reserve check, and findings in a stable order. */
  finish(): TallyData {
    const { election } = this
    const registry = election.registry
    const sent = registry !== null ? this.checkRegistry(registry) : null
    const findings = this.pending
      .filter((p) => p.version === this.version.data[p.slot])
      .map((p) => (p.first === null ? p.finding : { ...p.finding, message: `${p.finding.message} (the first is at ${this.fileNames[p.first.file]} line ${p.first.line})` }))
    const missing: Array<string> = []
    if (registry !== null && sent !== null) {
      for (let i = 0; i < registry.size; i++) {
        if (sent[i] === 1) continue
        const id = registry.interner.string(i)
        if (this.annulled.has(id)) continue
        missing.push(id)
        const pos = registry.position(i)
        findings.push({ code: "missing-precinct", severity: "warning", precinct: id, file: pos.file, line: pos.line, message: `no protocol from registered precinct "${id}"`, expected: null, actual: null })
      }
    }
    const territories = [...this.territoryIndex.entries()]
      .map(([id, i]) => ({ id, totals: this.territoryTotals[i] }))
      .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    const totals = emptyTotals(election.layout)
    for (const t of territories) addTotals(totals, t.totals)
    for (const x of totals.values) {
      if (!Number.isSafeInteger(x)) throw new RangeError("a total exceeds 2^53 and cannot be kept exactly")
    }
    // Art. 30 part 1: the ballots of the whole election at most 0.1% over its voters.
    const received = totals.values[L.received]
    const voters = totals.values[L.voters]
    if (!reserveHolds(received, voters))
      findings.push({ code: "reserve-exceeded", severity: "error", precinct: null, file: null, line: null, message: `the election received ${g(received)} ballots for ${g(voters)} voters; the 0.1% reserve allows at most ${g(reserveLimit(voters))}`, expected: reserveLimit(voters), actual: received })
    findings.sort(compareFindings)
    const versions: Array<{ precinct: string; version: number }> = []
    let counted = 0
    for (let slot = 0; slot < this.seen; slot++) {
      const v = this.version.data[slot]
      if (v > 0) counted++
      if (v > 1) versions.push({ precinct: this.ids.string(slot), version: v })
    }
    versions.sort((a, b) => (a.precinct < b.precinct ? -1 : 1))
    return {
      precincts: {
        registered: registry?.size ?? counted,
        counted,
        annulled: [...election.annulled].sort(),
        missing: missing.sort(),
        versions
      },
      totals,
      territories,
      districts: election.districts.map((d, i) => ({ id: d.id, totals: this.districtTotals[i] })),
      findings
    }
  }
}
