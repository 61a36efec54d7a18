/**
 * The tally: receives protocol rows, keeps the protocol that counts for each precinct (the highest version),
 * checks it, and adds it up precinct → territory → election (and → district for ayil keneshes).
 * Memory grows only with the set of precincts seen, never with an object per row.
 */
import type { Election } from "../ballot/election.js"
import { L, type ProtocolRow, type ProtocolSink } from "../ballot/protocol.js"
import { codes, compareFindings, type Finding, type FindingCode } from "../reconciliation/finding.js"
import { checkProtocol, reserveHolds, reserveLimit, type Breach, type CheckContext } from "../reconciliation/protocol-rules.js"
import { addRow, emptyTotals, type Totals } from "./totals.js"

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

const g = (n: number) => n.toLocaleString("en-US").replace(/,/g, " ")

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
  /** Per registered precinct: version counted (0: none), file and line. */
  readonly version: Int32Array
  readonly file: Int32Array
  readonly line: Int32Array
  /** Unregistered precincts, in slot order after the registered ones. */
  readonly extra: ReadonlyArray<{ readonly id: string; readonly version: number; readonly file: number; readonly line: number }>
  readonly pending: ReadonlyArray<Pending>
  readonly territories: ReadonlyArray<{ readonly id: string; readonly totals: Totals }>
  readonly districts: ReadonlyArray<Totals>
  readonly needsRecount: boolean
}

/** Accumulates a tally from rows handed to it as a `ProtocolSink`; `finish` gives the result. */
export class Tally implements ProtocolSink {
  /** Registered precincts keep their registry row as slot; others get slots after them. */
  private readonly registered: number
  private readonly unregistered = new Map<string, number>()
  private readonly extraIds: Array<string> = []
  /** Per slot: the version counted (0: no protocol yet), and the file and line it came from. */
  private version: Int32Array
  private file: Int32Array
  private line: Int32Array
  /** Slots in use: the registered precincts, then the unregistered ones seen. */
  private slots: number
  private readonly territoryIndex = new Map<string, number>()
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
    const n = election.registry?.size ?? 0
    this.registered = n
    this.version = new Int32Array(n + 64)
    this.file = new Int32Array(n + 64).fill(-1)
    this.line = new Int32Array(n + 64)
    this.slots = n
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
      this.territoryTotals.push(emptyTotals(this.election.layout))
    }
    this.lastTerritory = id
    this.lastTerritoryIndex = i
    return i
  }

  private add(row: ProtocolRow): void {
    addRow(this.territoryTotals[this.territoryOf(row.territory)], row.values)
    if (row.district >= 0) addRow(this.districtTotals[row.district], row.values)
  }

  private find(code: FindingCode, row: ProtocolRow, slot: number, expected: number | null, actual: number | null, message: string, first: Pending["first"] = null): void {
    this.pending.push({
      finding: { code, severity: codes[code].severity, precinct: this.idOf(slot), file: this.fileNames[row.file], line: row.line, message, expected, actual },
      slot,
      version: row.version,
      first
    })
  }

  /** The id of a slot. */
  private idOf(slot: number): string {
    return slot < this.registered ? this.election.registry!.interner.string(slot) : this.extraIds[slot - this.registered]
  }

  /** The slot of a row's precinct: its registry row, or a slot made for an unregistered one on first sight. */
  private slotOf(row: ProtocolRow): number {
    if (row.precinctIndex >= 0) return row.precinctIndex
    const registry = this.election.registry
    if (row.precinctIndex === -2 && registry !== null) {
      const i = registry.interner.find(row.precinct)
      if (i >= 0) return i
    }
    let slot = this.unregistered.get(row.precinct)
    if (slot === undefined) {
      this.extraIds.push(row.precinct)
      slot = this.newSlot()
      this.unregistered.set(row.precinct, slot)
    }
    return slot
  }

  /** Makes the next slot (for an unregistered precinct), with no protocol yet. */
  private newSlot(): number {
    const slot = this.slots++
    if (slot === this.version.length) {
      const grow = (a: Int32Array) => {
        const b = new Int32Array(a.length * 2)
        b.set(a)
        return b
      }
      this.version = grow(this.version)
      this.file = grow(this.file)
      this.line = grow(this.line)
    }
    this.version[slot] = 0
    this.file[slot] = -1
    this.line[slot] = 0
    return slot
  }

  /** Takes one protocol row (first pass) or re-adds the counted ones (recount pass). */
  row(row: ProtocolRow): void {
    const slot = this.slotOf(row)
    if (this.annulled.size > 0 && this.annulled.has(this.idOf(slot))) return
    if (this.recounting) {
      if (this.file[slot] === row.file && this.line[slot] === row.line) this.add(row)
      return
    }
    const counted = this.version[slot]
    if (row.version === counted) {
      const first = { file: this.file[slot], line: this.line[slot] }
      this.find("duplicate-protocol", row, slot, null, null, `a second protocol of precinct "${this.idOf(slot)}", version ${row.version}; only the first is counted`, first)
      return
    }
    if (row.version < counted) return
    if (counted > 0) this.needsRecount = true
    this.version[slot] = row.version
    this.file[slot] = row.file
    this.line[slot] = row.line
    this.checkRegistry(row, slot)
    this.current = row
    this.currentSlot = slot
    checkProtocol(row.values, row.district, this.ctx, this.report)
    this.add(row)
  }

  private checkRegistry(row: ProtocolRow, slot: number): void {
    const registry = this.election.registry
    if (registry === null) return
    const i = slot
    if (i >= this.registered) {
      this.find("unknown-precinct", row, slot, null, null, `precinct "${this.idOf(slot)}" is not in the registry`)
      return
    }
    const differs: Array<string> = []
    const territory = registry.territoryNames[registry.territoryIndex[i]]
    if (territory !== row.territory) differs.push(`territory "${row.territory}" (registry: "${territory}")`)
    const district = registry.districtNames[registry.districtIndex[i]]
    if (row.district >= 0 && district !== this.election.layout.districts[row.district])
      differs.push(`district "${this.election.layout.districts[row.district]}" (registry: "${district}")`)
    if (differs.length > 0) this.find("registry-mismatch", row, slot, null, null, `the protocol names ${differs.join(" and ")}`)
    const voters = row.values[L.voters]
    if (voters !== registry.voters[i])
      this.find("voters-mismatch", row, slot, registry.voters[i], voters, `the protocol has ${g(voters)} voters, the registry ${g(registry.voters[i])}`)
  }

  /** This tally's state, for a tally of the whole input to absorb (a worker thread's part). */
  exportPart(): TallyPart {
    const n = this.registered
    return {
      version: this.version.slice(0, n),
      file: this.file.slice(0, n),
      line: this.line.slice(0, n),
      extra: this.extraIds.map((id, k) => ({ id, version: this.version[n + k], file: this.file[n + k], line: this.line[n + k] })),
      pending: this.pending,
      territories: [...this.territoryIndex.entries()].map(([id, i]) => ({ id, totals: this.territoryTotals[i] })),
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
    const n = this.registered
    for (let i = 0; i < n; i++) {
      if (part.version[i] === 0) continue
      if (this.version[i] !== 0) return false
      this.version[i] = part.version[i]
      this.file[i] = part.file[i]
      this.line[i] = part.line[i] + lineOffset
    }
    const slotOf = (slot: number) => (slot < n ? slot : this.unregistered.get(part.extra[slot - n].id)!)
    for (const x of part.extra) {
      if (this.unregistered.has(x.id)) return false
      this.extraIds.push(x.id)
      const slot = this.newSlot()
      this.unregistered.set(x.id, slot)
      this.version[slot] = x.version
      this.file[slot] = x.file
      this.line[slot] = x.line + lineOffset
    }
    for (const p of part.pending)
      this.pending.push({
        finding: { ...p.finding, line: p.finding.line === null ? null : p.finding.line + lineOffset },
        slot: slotOf(p.slot),
        version: p.version,
        first: p.first === null ? null : { file: p.first.file, line: p.first.line + lineOffset }
      })
    for (const t of part.territories) {
      const into = this.territoryTotals[this.territoryOf(t.id)]
      for (let i = 0; i < into.values.length; i++) into.values[i] += t.totals.values[i]
      into.precincts += t.totals.precincts
    }
    part.districts.forEach((d, i) => {
      const into = this.districtTotals[i]
      for (let k = 0; k < into.values.length; k++) into.values[k] += d.values[k]
      into.precincts += d.precincts
    })
    return true
  }

  /** Starts the recount pass: totals are cleared and only the counted protocol of each precinct is added. */
  startRecount(): void {
    this.recounting = true
    for (const t of [...this.territoryTotals, ...this.districtTotals]) {
      t.values.fill(0)
      t.precincts = 0
    }
  }

  /** The tally's result: missing precincts, the election-total reserve check, and findings in a stable order. */
  finish(): TallyData {
    const { election } = this
    const registry = election.registry
    const findings = this.pending
      .filter((p) => p.version === this.version[p.slot])
      .map((p) => (p.first === null ? p.finding : { ...p.finding, message: `${p.finding.message} (the first is at ${this.fileNames[p.first.file]} line ${p.first.line})` }))
    const missing: Array<string> = []
    if (registry !== null) {
      for (let i = 0; i < registry.size; i++) {
        if (this.version[i] > 0) continue
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
    for (const t of territories) {
      for (let i = 0; i < totals.values.length; i++) totals.values[i] += t.totals.values[i]
      totals.precincts += t.totals.precincts
    }
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
    for (let slot = 0; slot < this.slots; slot++) {
      const v = this.version[slot]
      if (v > 0) counted++
      if (v > 1) versions.push({ precinct: this.idOf(slot), version: v })
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
