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

/** Accumulates a tally from rows handed to it as a `ProtocolSink`; `finish` gives the result. */
export class Tally implements ProtocolSink {
  /** Registered precincts keep their registry row as slot; others get slots after them. */
  private readonly registered: number
  private readonly unregistered = new Map<string, number>()
  private readonly extraIds: Array<string> = []
  /** Per slot: the version counted (0: no protocol yet), and the file and line it came from. */
  private readonly version: Array<number>
  private readonly file: Array<number>
  private readonly line: Array<number>
  private readonly territoryIndex = new Map<string, number>()
  private readonly territoryTotals: Array<Totals> = []
  private lastTerritory = ""
  private lastTerritoryIndex = -1
  private readonly districtTotals: Array<Totals>
  private readonly pending: Array<{ finding: Finding; slot: number; version: number }> = []
  private readonly annulled: ReadonlySet<string>
  private readonly ctx: CheckContext
  private recounting = false
  /** True when a later version replaced a protocol already added: the totals need a second pass. */
  needsRecount = false

  constructor(
    private readonly election: Election,
    private readonly fileNames: ReadonlyArray<string>
  ) {
    const n = election.registry?.size ?? 0
    this.registered = n
    this.version = new Array<number>(n).fill(0)
    this.file = new Array<number>(n).fill(-1)
    this.line = new Array<number>(n).fill(0)
    this.annulled = new Set(election.annulled)
    this.districtTotals = election.districts.map(() => emptyTotals(election.layout))
    for (const t of election.territories) this.territoryOf(t.id)
    if (election.registry !== null) for (const t of election.registry.territory) this.territoryOf(t)
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

  private find(code: FindingCode, row: ProtocolRow, slot: number, expected: number | null, actual: number | null, message: string): void {
    this.pending.push({
      finding: { code, severity: codes[code].severity, precinct: this.idOf(slot), file: this.fileNames[row.file], line: row.line, message, expected, actual },
      slot,
      version: row.version
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
      slot = this.registered + this.extraIds.length
      this.unregistered.set(row.precinct, slot)
      this.extraIds.push(row.precinct)
      this.version.push(0)
      this.file.push(-1)
      this.line.push(0)
    }
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
      const first = `${this.fileNames[this.file[slot]]} line ${this.line[slot]}`
      this.find("duplicate-protocol", row, slot, null, null, `a second protocol of precinct "${this.idOf(slot)}", version ${row.version} (the first is at ${first}); only the first is counted`)
      return
    }
    if (row.version < counted) return
    if (counted > 0) this.needsRecount = true
    this.version[slot] = row.version
    this.file[slot] = row.file
    this.line[slot] = row.line
    this.checkRegistry(row, slot)
    checkProtocol(row.values, row.district, this.ctx, (b: Breach) => this.find(b.code, row, slot, b.expected, b.actual, b.message))
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
    if (registry.territory[i] !== row.territory) differs.push(`territory "${row.territory}" (registry: "${registry.territory[i]}")`)
    if (row.district >= 0 && registry.district[i] !== this.election.layout.districts[row.district])
      differs.push(`district "${this.election.layout.districts[row.district]}" (registry: "${registry.district[i]}")`)
    if (differs.length > 0) this.find("registry-mismatch", row, slot, null, null, `the protocol names ${differs.join(" and ")}`)
    const voters = row.values[L.voters]
    if (voters !== registry.voters[i])
      this.find("voters-mismatch", row, slot, registry.voters[i], voters, `the protocol has ${g(voters)} voters, the registry ${g(registry.voters[i])}`)
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
    const findings = this.pending.filter((p) => p.version === this.version[p.slot]).map((p) => p.finding)
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
    this.version.forEach((v, slot) => {
      if (v > 0) counted++
      if (v > 1) versions.push({ precinct: this.idOf(slot), version: v })
    })
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
