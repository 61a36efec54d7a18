/**
 * The tally: protocols go in one at a time or in parts, keyed by (precinct, source, version) (SPEC §1.2). For
 * each precinct the counted protocol is the manual one of the highest version, else the highest `asu` one;
 * totals per territory, per district and for the election follow every add, supersede and annulment at once
 * (the old protocol subtracted, the new one added). The counted protocols' values are kept in one typed slab
 * (no object per row), so a supersede can subtract and an analysis can take precincts out of the totals; a
 * majoritarian protocol keeps only its lines and its own district's candidates there.
 */
import type { Election } from "../ballot/election.js"
import { Interner, type InternerData } from "../ballot/interner.js"
import { blank, firstChoice, L, type ProtocolLayout, type ProtocolRow, type ProtocolSink, type ProtocolSource } from "../ballot/protocol.js"
import { checkAsu } from "../reconciliation/asu-rules.js"
import { checkElectionTotal } from "../reconciliation/election-rules.js"
import { compareFindings, findingOf, type Breach, type Finding, type FindingCode } from "../reconciliation/finding.js"
import { checkProtocol, type CheckContext } from "../reconciliation/protocol-rules.js"
import { checkRegistry, missingPrecinct } from "../reconciliation/registry-rules.js"
import { emptyTotals, type Totals } from "./totals.js"

/** The outcome of adding up every protocol: counts of precincts, totals at each level, and the findings. */
export interface TallyData {
  readonly precincts: {
    readonly registered: number
    readonly counted: number
    readonly annulled: ReadonlyArray<string>
    readonly missing: ReadonlyArray<string>
    /** Precincts whose counted protocol is an `asu` one (no manual protocol yet). */
    readonly preliminary: ReadonlyArray<string>
    /** Precincts whose counted protocol is not version 1: which version counted. */
    readonly versions: ReadonlyArray<{ readonly precinct: string; readonly version: number }>
  }
  readonly totals: Totals
  readonly territories: ReadonlyArray<{ readonly id: string; readonly totals: Totals }>
  /** Majoritarian: totals per district, in election order (empty for proportional). */
  readonly districts: ReadonlyArray<{ readonly id: string; readonly totals: Totals }>
  readonly findings: ReadonlyArray<Finding>
}

/** What adding a protocol did: stored it (`new`), found the same counts under its key (`identical`), or other counts (`conflict`). */
export type AddOutcome = "new" | "identical" | "conflict"

/** Source codes in the typed arrays: no protocol, manual, asu. */
const NONE = 0
const MANUAL = 1
const ASU = 2
const sourceCode = (s: ProtocolSource): number => (s === "asu" ? ASU : MANUAL)

/** A stored protocol that is not counted (superseded, or an `asu` one beside a manual one): sparse, rare. */
interface Stored {
  readonly kind: number
  readonly version: number
  readonly file: number
  readonly line: number
  readonly territory: string
  readonly district: number
  readonly values: Float64Array
}

/** A finding of one protocol (by slot, source and version): it stands while that protocol is counted. */
interface Pending {
  readonly finding: Finding
  readonly slot: number
  readonly kind: number
  readonly version: number
}

/** A tally of part of the input, as plain data (structured-clonable, for worker threads); see `combineParts`. */
export interface TallyPart {
  readonly ids: InternerData
  /** Per slot, of the counted protocol: source code (0: none yet), version, file, line, territory (into `territoryNames`), district. */
  readonly kind: Uint8Array<ArrayBuffer>
  readonly version: Int32Array<ArrayBuffer>
  readonly file: Int32Array<ArrayBuffer>
  readonly line: Int32Array<ArrayBuffer>
  readonly territory: Int32Array<ArrayBuffer>
  readonly district: Int32Array<ArrayBuffer>
  /** The counted protocols' lines and own choices (see `Tally.compact`), each slot's from `at[slot]` (-1: none). */
  readonly values: Float64Array<ArrayBuffer>
  readonly at: Int32Array<ArrayBuffer>
  readonly territoryNames: ReadonlyArray<string>
  readonly others: ReadonlyArray<{ readonly slot: number; readonly stored: Stored }>
  /** The findings of the protocol rules and of duplicates (never the registry's: the whole tally checks those). */
  readonly pending: ReadonlyArray<Pending>
}

/** Registry findings, recomputed whenever a precinct's counted protocol changes. */
const registryCodes: ReadonlySet<FindingCode> = new Set(["unknown-precinct", "registry-mismatch", "voters-mismatch"])

/** Grows a typed array to hold index `n - 1`. */
const fit = <A extends Uint8Array | Int32Array | Float64Array>(a: A, n: number): A => {
  if (n <= a.length) return a
  const grown = new (a.constructor as new (n: number) => A)(Math.max(1024, a.length * 2, n))
  grown.set(a as never)
  return grown
}

/**
 * The incremental tally of one election. As a `ProtocolSink` (`row`) it takes a file's rows: a second
 * protocol under a key is a `duplicate-protocol` finding. `addProtocol` is the same without the finding
 * (the election-night server refuses a conflict instead). `data()` gives the current state at any time.
 */
export class Tally implements ProtocolSink {
  private table = new Interner()
  private seen = 0
  /** Numbers in a full row: the lines and every choice. */
  private readonly width: number
  /** For each district + 1 (0: proportional), the full row index of each number kept in the slab. */
  private readonly compact: ReadonlyArray<Int32Array>
  private at = new Int32Array(1024)
  private used = 0
  private kind = new Uint8Array(1024)
  private version = new Int32Array(1024)
  private file = new Int32Array(1024)
  private line = new Int32Array(1024)
  private territory = new Int32Array(1024)
  private district = new Int32Array(1024)
  private values: Float64Array<ArrayBuffer>
  private annulledSlot = new Uint8Array(1024)
  /** Registry entry of each slot (-1: not registered), looked up when first needed (-2: not yet). */
  private entry = new Int32Array(1024)
  private lastEntry = -1
  private readonly others = new Map<number, Array<Stored>>()
  private pending: Array<Pending> = []
  private readonly annulledIds: Set<string>
  private readonly territoryIndex = new Map<string, number>()
  private readonly territoryNames: Array<string> = []
  private readonly territoryTotals: Array<Totals> = []
  private lastTerritory = ""
  private lastTerritoryIndex = -1
  private readonly districtTotals: Array<Totals>
  /** Where a territory's total first went beyond 2^53 (see `unsafeTotal`). */
  private overflowAt: { file: number; line: number } | null = null
  private readonly layout: ProtocolLayout
  private readonly ctx: CheckContext
  private current: { file: number; line: number; slot: number; kind: number; version: number } = { file: 0, line: 0, slot: 0, kind: 0, version: 0 }
  private readonly precinctName = (): string => this.table.string(this.current.slot)
  private readonly report = (b: Breach): void => this.note(b, this.current.slot, this.current.kind, this.current.version, this.current.file, this.current.line)

  /**
   * A tally of `election`, its protocols' files named `fileNames` (by index) in findings. `capacity`: the
   * precincts expected (default: the registry's), so that the slab is made once at its size.
   */
  constructor(
    private readonly election: Election,
    private readonly fileNames: ReadonlyArray<string>,
    capacity = election.registry?.size ?? 0
  ) {
    this.layout = election.layout
    this.width = firstChoice + election.layout.choices.length
    const lines = Array.from({ length: firstChoice }, (_, i) => i)
    this.compact = [
      Int32Array.from({ length: this.width }, (_, i) => i),
      ...election.layout.districtChoices.map((own) => Int32Array.from([...lines, ...own.map((c) => firstChoice + c)]))
    ]
    const n = Math.max(1024, capacity)
    const widest = Math.max(...this.compact.slice(election.districts.length > 0 ? 1 : 0).map((m) => m.length))
    this.values = new Float64Array(n * widest)
    if (n > 1024) this.made(n - 1, false)
    this.annulledIds = new Set(election.annulled)
    this.districtTotals = election.districts.map(() => emptyTotals(election.layout))
    for (const t of election.territories) this.territoryOf(t.id)
    if (election.registry !== null) for (const t of election.registry.territoryNames) this.territoryOf(t)
    const marks = election.rules.marksPerVoter
    this.ctx = { layout: election.layout, marks: election.districts.map((d) => (marks === "seats" ? d.seats : marks)) }
  }

  /** The tally's own table of precinct ids (a reader given it fills each row's `precinctIndex` from it). */
  get ids(): Interner {
    return this.table
  }

  private territoryOf(id: string): number {
    if (id === this.lastTerritory) return this.lastTerritoryIndex
    let i = this.territoryIndex.get(id)
    if (i === undefined) {
      i = this.territoryTotals.length
      this.territoryIndex.set(id, i)
      this.territoryNames.push(id)
      this.territoryTotals.push(emptyTotals(this.layout))
    }
    this.lastTerritory = id
    this.lastTerritoryIndex = i
    return i
  }

  /** Makes the slots up to `slot` (new precincts), with no protocol yet; `make: false` only makes room for them. */
  private made(slot: number, make = true): void {
    if (slot < this.seen) return
    if (slot >= this.kind.length) {
      const n = Math.max(slot + 1, this.kind.length * 2)
      this.kind = fit(this.kind, n)
      this.version = fit(this.version, n)
      this.file = fit(this.file, n)
      this.line = fit(this.line, n)
      this.territory = fit(this.territory, n)
      this.district = fit(this.district, n)
      this.annulledSlot = fit(this.annulledSlot, n)
      this.entry = fit(this.entry, n)
      this.at = fit(this.at, n)
    }
    if (!make) return
    while (this.seen <= slot) {
      const s = this.seen++
      this.entry[s] = -2
      this.at[s] = -1
      this.annulledSlot[s] = this.annulledIds.size > 0 && this.annulledIds.has(this.table.string(s)) ? 1 : 0
    }
  }

  /** The slot of a row's precinct in this tally's table (a foreign table's index is resolved by its text). */
  private slotOf(row: ProtocolRow): number {
    if (row.precincts === this.table && row.precinctIndex >= 0) return row.precinctIndex
    const id = row.precinctIndex >= 0 && row.precincts !== null ? row.precincts.string(row.precinctIndex) : row.precinct
    return this.table.add(id)
  }

  private note(b: Breach, slot: number, kind: number, version: number, file: number, line: number): void {
    this.pending.push({ finding: findingOf(b, this.table.string(slot), this.fileNames[file], line), slot, kind, version })
  }

  /** Takes one row of a protocols file: a second protocol under the same key is a `duplicate-protocol` finding, and the first stays. */
  row(row: ProtocolRow): void {
    const outcome = this.addProtocol(row)
    if (outcome === "new") return
    const slot = this.slotOf(row)
    this.duplicate(slot, sourceCode(row.source), row.version, row.file, row.line)
  }

  private duplicate(slot: number, kind: number, version: number, file: number, line: number): void {
    const asu = kind === ASU ? " (asu)" : ""
    const message = `a second protocol of precinct "${this.table.string(slot)}", version ${version}${asu}; only the first is counted`
    this.note({ code: "duplicate-protocol", expected: null, actual: null, message }, slot, kind, version, file, line)
  }

  /**
   * Adds one protocol (the row is copied; readers reuse theirs). Returns `new` when it was stored (counted or
   * not), `identical` when a protocol with its key and the same counts is stored already, `conflict` when
   * one with other counts is: then nothing changes.
   */
  addProtocol(row: ProtocolRow): AddOutcome {
    const slot = this.slotOf(row)
    return this.store(slot, sourceCode(row.source), row.version, row.file, row.line, this.territoryOf(row.territory), row.district, row.values, 0, true)
  }

  /**
   * What `addProtocol` would answer for a row, without storing it (an all-or-nothing request checks every
   * row first).
   */
  outcomeOf(row: ProtocolRow): AddOutcome {
    const id = row.precincts === this.table && row.precinctIndex >= 0 ? null : row.precinctIndex >= 0 && row.precincts !== null ? row.precincts.string(row.precinctIndex) : row.precinct
    const slot = id === null ? row.precinctIndex : this.table.find(id)
    if (slot < 0 || slot >= this.seen) return "new"
    const territory = this.territoryIndex.get(row.territory) ?? -1
    return this.existing(slot, sourceCode(row.source), row.version, territory, row.district, row.values, 0)
  }

  /** Whether a protocol with this key is stored for `slot` (`new`: no), with the same counts or others. */
  private existing(slot: number, kind: number, version: number, territory: number, district: number, src: Float64Array, at: number): AddOutcome {
    const w = this.width
    if (this.kind[slot] === kind && this.version[slot] === version) {
      const base = this.at[slot]
      const map = this.compact[district + 1]
      let same = this.territory[slot] === territory && this.district[slot] === district
      for (let j = 0; same && j < map.length; j++) same = this.values[base + j] === src[at + map[j]]
      return same ? "identical" : "conflict"
    }
    const others = this.others.size > 0 ? this.others.get(slot) : undefined
    if (others !== undefined)
      for (const o of others)
        if (o.kind === kind && o.version === version) {
          let same = territory >= 0 && o.territory === this.territoryNames[territory] && o.district === district
          for (let i = 0; same && i < w; i++) same = o.values[i] === src[at + i]
          return same ? "identical" : "conflict"
        }
    return "new"
  }

  /** Stores a protocol of `slot` (values from `src[at..]`); `check`: run the protocol rules when it becomes counted. */
  private store(slot: number, kind: number, version: number, file: number, line: number, territory: number, district: number, src: Float64Array, at: number, check: boolean): AddOutcome {
    if (slot >= this.seen) this.made(slot)
    const w = this.width
    const ck = this.kind[slot]
    const cv = this.version[slot]
    if (ck !== NONE) {
      const known = this.existing(slot, kind, version, territory, district, src, at)
      if (known !== "new") return known
    }
    const counts = ck === NONE || (kind === ck ? version > cv : kind === MANUAL)
    if (!counts) {
      this.keep(slot, { kind, version, file, line, territory: this.territoryNames[territory], district, values: src.slice(at, at + w) })
      return "new"
    }
    const annulled = this.annulledSlot[slot] === 1
    if (ck !== NONE) {
      this.keep(slot, { kind: ck, version: cv, file: this.file[slot], line: this.line[slot], territory: this.territoryNames[this.territory[slot]], district: this.district[slot], values: this.full(slot) })
      if (!annulled) this.addSlot(slot, -1)
    }
    const map = this.compact[district + 1]
    // The slab place of the slot is kept unless the new protocol names a district of another size (rare).
    let base = this.at[slot]
    if (base < 0 || this.compact[this.district[slot] + 1].length !== map.length) base = this.place(slot, map.length)
    this.kind[slot] = kind
    this.version[slot] = version
    this.file[slot] = file
    this.line[slot] = line
    this.territory[slot] = territory
    this.district[slot] = district
    const v = this.values
    if (district < 0) for (let i = 0; i < w; i++) v[base + i] = src[at + i]
    else for (let j = 0; j < map.length; j++) v[base + j] = src[at + map[j]]
    if (!annulled) this.addSlot(slot, 1)
    if (check) {
      const c = this.current
      c.file = file
      c.line = line
      c.slot = slot
      c.kind = kind
      c.version = version
      checkProtocol(at === 0 && src.length === w ? src : src.subarray(at, at + w), district, this.ctx, this.report)
    }
    this.checkRegistryOf(slot)
    return "new"
  }

  /** A new place of `n` numbers in the slab for a slot. */
  private place(slot: number, n: number): number {
    const base = this.used
    this.used += n
    if (this.used > this.values.length) {
      const grown = new Float64Array(Math.max(this.used, Math.ceil(this.values.length * 1.5)))
      grown.set(this.values)
      this.values = grown
    }
    this.at[slot] = base
    return base
  }

  /** A slot's counted protocol as a full row (another district's candidates blank). */
  private full(slot: number): Float64Array {
    const row = new Float64Array(this.width).fill(blank, firstChoice)
    const map = this.compact[this.district[slot] + 1]
    const base = this.at[slot]
    for (let j = 0; j < map.length; j++) row[map[j]] = this.values[base + j]
    return row
  }

  private keep(slot: number, stored: Stored): void {
    const list = this.others.get(slot)
    if (list === undefined) this.others.set(slot, [stored])
    else list.push(stored)
  }

  /** Adds (sign 1) or subtracts (-1) a slot's counted protocol into its territory and its district (the election is their sum). */
  private addSlot(slot: number, sign: 1 | -1): void {
    const base = this.at[slot]
    const v = this.values
    const t = this.territoryTotals[this.territory[slot]]
    const tv = t.values
    const district = this.district[slot]
    let unsafe = false
    if (district < 0) {
      for (let i = 0; i < tv.length; i++) {
        tv[i] += sign * v[base + i]
        if (tv[i] > Number.MAX_SAFE_INTEGER) unsafe = true
      }
    } else {
      const map = this.compact[district + 1]
      const d = this.districtTotals[district]
      const dv = d.values
      for (let j = 0; j < map.length; j++) {
        const i = map[j]
        const x = sign * v[base + j]
        tv[i] += x
        dv[i] += x
        if (tv[i] > Number.MAX_SAFE_INTEGER) unsafe = true
      }
      d.precincts += sign
    }
    t.precincts += sign
    if (unsafe && this.overflowAt === null) this.overflowAt = { file: this.file[slot], line: this.line[slot] }
  }

  /** The election's totals: the sum of its territories'. */
  private electionTotals(): Totals {
    const totals = emptyTotals(this.layout)
    for (const t of this.territoryTotals) {
      for (let i = 0; i < t.values.length; i++) totals.values[i] += t.values[i]
      totals.precincts += t.precincts
    }
    return totals
  }

  /** Checks a slot's counted protocol against the registry (when there is one), replacing its earlier registry findings. */
  private checkRegistryOf(slot: number): void {
    const registry = this.election.registry
    if (registry === null) return
    if (this.entry[slot] === -2) {
      const i = registry.interner.indexOfFrom(this.table, slot, this.lastEntry + 1)
      this.entry[slot] = i
      if (i >= 0) this.lastEntry = i
    }
    this.current.slot = slot
    const breaches = checkRegistry(this.precinctName, this.territoryNames[this.territory[slot]], this.district[slot], this.values[this.at[slot] + L.voters], registry, this.entry[slot], this.layout)
    for (const b of breaches) this.note(b, slot, this.kind[slot], this.version[slot], this.file[slot], this.line[slot])
  }

  /** Annuls a precinct (`true`) or lifts its annulment (`false`): its protocol leaves or rejoins the totals. Returns whether anything changed. */
  annul(precinct: string, annulled: boolean): boolean {
    if (this.annulledIds.has(precinct) === annulled) return false
    if (annulled) this.annulledIds.add(precinct)
    else this.annulledIds.delete(precinct)
    const slot = this.table.find(precinct)
    if (slot < 0 || slot >= this.seen) return true
    this.annulledSlot[slot] = annulled ? 1 : 0
    if (this.kind[slot] !== NONE) this.addSlot(slot, annulled ? -1 : 1)
    return true
  }

  /**
   * Where a total went beyond 2^53 (the file and line of the protocol that took it there), or null when every
   * total is exact. Totals that went beyond and came back are recomputed from the counted protocols.
   */
  unsafeTotal(): { readonly file: string; readonly line: number } | null {
    if (this.overflowAt !== null) {
      this.overflowAt = null
      for (const t of [...this.territoryTotals, ...this.districtTotals]) {
        t.values.fill(0)
        t.precincts = 0
      }
      for (let slot = 0; slot < this.seen; slot++) if (this.kind[slot] !== NONE && this.annulledSlot[slot] === 0) this.addSlot(slot, 1)
      const at = this.overflowAt as { file: number; line: number } | null
      if (at !== null) return { file: this.fileNames[at.file], line: at.line }
    }
    if (this.electionTotals().values.every((x) => x <= Number.MAX_SAFE_INTEGER)) return null
    // The election's total is beyond: the protocol that takes it there, adding them up in order.
    const sum = new Float64Array(this.width)
    for (let slot = 0; slot < this.seen; slot++) {
      if (this.kind[slot] === NONE || this.annulledSlot[slot] === 1) continue
      const map = this.compact[this.district[slot] + 1]
      for (let j = 0; j < map.length; j++) sum[map[j]] += this.values[this.at[slot] + j]
      if (sum.some((x) => x > Number.MAX_SAFE_INTEGER)) return { file: this.fileNames[this.file[slot]], line: this.line[slot] }
    }
    throw new Error("the election total is beyond 2^53 but no protocol takes it there")
  }

  /** Whether a stored protocol's finding still stands: its precinct is not annulled and it is the counted protocol. */
  private stands(p: Pending): boolean {
    return this.annulledSlot[p.slot] === 0 && this.kind[p.slot] === p.kind && this.version[p.slot] === p.version
  }

  /** The highest `asu` protocol stored beside a counted manual one, or null. */
  private asuBeside(slot: number): Stored | null {
    let best: Stored | null = null
    for (const o of this.others.get(slot) ?? []) if (o.kind === ASU && (best === null || o.version > best.version)) best = o
    return best
  }

  /** The tally as it stands: precincts, totals (copies), and the findings that stand, in a stable order. */
  data(): TallyData {
    const registry = this.election.registry
    const findings: Array<Finding> = []
    // Registry findings are replaced when a counted protocol changes: keep only the latest set.
    this.pending = this.pending.filter((p) => !registryCodes.has(p.finding.code) || (this.kind[p.slot] === p.kind && this.version[p.slot] === p.version))
    for (const p of this.pending) {
      if (!this.stands(p)) continue
      // A duplicate of the counted protocol: where that one is (known only now, when parts have been combined).
      findings.push(p.finding.code !== "duplicate-protocol" ? p.finding : { ...p.finding, message: `${p.finding.message} (the first is at ${this.fileNames[this.file[p.slot]]} line ${this.line[p.slot]})` })
    }
    for (const slot of this.others.keys()) {
      if (this.kind[slot] !== MANUAL || this.annulledSlot[slot] === 1) continue
      const asu = this.asuBeside(slot)
      if (asu === null) continue
      const b = checkAsu(this.full(slot), asu.values, this.layout, this.election.rules.asuTolerance)
      if (b !== null) findings.push(findingOf(b, this.table.string(slot), this.fileNames[asu.file], asu.line))
    }
    const missing: Array<string> = []
    if (registry !== null) {
      const sent = new Uint8Array(registry.size)
      for (let slot = 0; slot < this.seen; slot++) if (this.kind[slot] !== NONE && this.entry[slot] >= 0) sent[this.entry[slot]] = 1
      for (let i = 0; i < registry.size; i++) {
        if (sent[i] === 1) continue
        const id = registry.interner.string(i)
        if (this.annulledIds.has(id)) continue
        missing.push(id)
        const pos = registry.position(i)
        findings.push(findingOf(missingPrecinct(id), id, pos.file, pos.line))
      }
    }
    const total = this.electionTotals()
    const reserve = checkElectionTotal(total.values)
    if (reserve !== null) findings.push(findingOf(reserve, null, null, null))
    findings.sort(compareFindings)
    const versions: Array<{ precinct: string; version: number }> = []
    const preliminary: Array<string> = []
    let counted = 0
    for (let slot = 0; slot < this.seen; slot++) {
      const k = this.kind[slot]
      if (k === NONE || this.annulledSlot[slot] === 1) continue
      counted++
      if (k === ASU) preliminary.push(this.table.string(slot))
      if (this.version[slot] > 1) versions.push({ precinct: this.table.string(slot), version: this.version[slot] })
    }
    versions.sort((a, b) => (a.precinct < b.precinct ? -1 : 1))
    const copy = (t: Totals): Totals => ({ precincts: t.precincts, values: t.values.slice() })
    return {
      precincts: {
        registered: registry?.size ?? counted,
        counted,
        annulled: [...this.annulledIds].sort(),
        missing: missing.sort(),
        preliminary: preliminary.sort(),
        versions
      },
      totals: total,
      territories: [...this.territoryIndex.entries()]
        .map(([id, i]) => ({ id, totals: copy(this.territoryTotals[i]) }))
        .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)),
      districts: this.election.districts.map((d, i) => ({ id: d.id, totals: copy(this.districtTotals[i]) })),
      findings
    }
  }

  /** A precinct's counted protocol's voters and district (for an annulled precinct, the protocol it would count), or null when it has none. */
  protocolOf(precinct: string): { readonly voters: number; readonly district: string | null } | null {
    const slot = this.table.find(precinct)
    if (slot < 0 || slot >= this.seen || this.kind[slot] === NONE) return null
    const d = this.district[slot]
    return { voters: this.values[this.at[slot] + L.voters], district: d >= 0 ? this.election.districts[d].id : null }
  }

  /**
   * The election and district totals with the counted protocols of `precincts` taken out (for sensitivity:
   * the base without the precincts in question). Unknown or annulled precincts take nothing out.
   */
  totalsWithout(precincts: ReadonlyArray<string>): { readonly totals: Totals; readonly districts: ReadonlyArray<{ readonly id: string; readonly totals: Totals }> } {
    const totals = this.electionTotals()
    const districts = this.election.districts.map((d, i) => ({ id: d.id, totals: { precincts: this.districtTotals[i].precincts, values: this.districtTotals[i].values.slice() } }))
    for (const id of new Set(precincts)) {
      const slot = this.table.find(id)
      if (slot < 0 || slot >= this.seen || this.kind[slot] === NONE || this.annulledSlot[slot] === 1) continue
      const d = this.district[slot] >= 0 ? districts[this.district[slot]].totals : null
      const map = this.compact[this.district[slot] + 1]
      const base = this.at[slot]
      for (let j = 0; j < map.length; j++) {
        const x = this.values[base + j]
        totals.values[map[j]] -= x
        if (d !== null) d.values[map[j]] -= x
      }
      totals.precincts--
      if (d !== null) d.precincts--
    }
    return { totals, districts }
  }

  /**
   * This tally's state as plain data, for another tally to absorb (a worker thread's part). With `last`, the
   * part's numbers are a view of this tally's slab, not a copy: only for a tally that is used no more.
   */
  exportPart(last = false): TallyPart {
    const n = this.seen
    const others: Array<{ slot: number; stored: Stored }> = []
    for (const [slot, list] of this.others) for (const stored of list) others.push({ slot, stored })
    return {
      ids: this.table.toData(),
      kind: this.kind.slice(0, n),
      version: this.version.slice(0, n),
      file: this.file.slice(0, n),
      line: this.line.slice(0, n),
      territory: this.territory.slice(0, n),
      district: this.district.slice(0, n),
      values: last ? this.values.subarray(0, this.used) : this.values.slice(0, this.used),
      at: this.at.slice(0, n),
      territoryNames: [...this.territoryNames],
      others,
      pending: this.pending.filter((p) => !registryCodes.has(p.finding.code))
    }
  }

  /**
   * Adds a part tallied elsewhere from later input, as if its protocols came now, in order: a precinct in
   * both is resolved by the same rule as protocols one at a time (a key in both is a `duplicate-protocol`).
   */
  absorb(part: TallyPart): void {
    const theirs = Interner.fromData(part.ids)
    const n = part.kind.length
    const w = this.width
    // Sorted parts in order (the usual file) are appended whole; otherwise each id is looked up.
    const base = this.table.appendAll(theirs)
    const slots = new Int32Array(n)
    for (let j = 0; j < n; j++) slots[j] = base >= 0 ? base + j : this.table.indexOrAddFrom(theirs, j)
    this.made(this.table.size - 1)
    if (this.used + part.values.length > this.values.length) {
      const grown = new Float64Array(this.used + part.values.length)
      grown.set(this.values.subarray(0, this.used))
      this.values = grown
    }
    const territory = part.territoryNames.map((t) => this.territoryOf(t))
    const keyed = new Set<string>()
    const take = (j: number, kind: number, version: number, file: number, line: number, t: number, d: number, src: Float64Array, at: number): void => {
      const slot = slots[j]
      const outcome = this.store(slot, kind, version, file, line, t, d, src, at, false)
      if (outcome !== "new") {
        this.duplicate(slot, kind, version, file, line)
        keyed.add(`${j} ${kind} ${version}`)
      }
    }
    // A part's slab keeps a majoritarian protocol's own numbers only: each is made a full row again.
    const row = new Float64Array(w)
    for (let j = 0; j < n; j++) {
      if (part.kind[j] === NONE) continue
      const d = part.district[j]
      let src = part.values
      let at = part.at[j]
      if (d >= 0) {
        const map = this.compact[d + 1]
        row.fill(blank, firstChoice)
        for (let k = 0; k < map.length; k++) row[map[k]] = part.values[at + k]
        src = row
        at = 0
      }
      take(j, part.kind[j], part.version[j], part.file[j], part.line[j], territory[part.territory[j]], d, src, at)
    }
    for (const { slot, stored } of part.others) take(slot, stored.kind, stored.version, stored.file, stored.line, this.territoryOf(stored.territory), stored.district, stored.values, 0)
    for (const p of part.pending) {
      // The findings of a protocol refused as a duplicate here are not this tally's.
      if (p.finding.code !== "duplicate-protocol" && keyed.has(`${p.slot} ${p.kind} ${p.version}`)) continue
      this.pending.push({ ...p, slot: slots[p.slot] })
    }
  }

  /** A tally whose state is a part's (then `data()` gives what the part holds, checked against the registry). */
  static fromPart(election: Election, fileNames: ReadonlyArray<string>, part: TallyPart): Tally {
    const t = new Tally(election, fileNames)
    t.absorb(part)
    return t
  }
}

/** Shifts every line of a part by `offset` (a byte range's lines are counted from its start). */
export const shiftLines = (part: TallyPart, offset: number): TallyPart =>
  offset === 0
    ? part
    : {
        ...part,
        line: part.line.map((l) => l + offset),
        others: part.others.map((o) => ({ slot: o.slot, stored: { ...o.stored, line: o.stored.line + offset } })),
        pending: part.pending.map((p) => ({ ...p, finding: { ...p.finding, line: p.finding.line === null ? null : p.finding.line + offset } }))
      }

/**
 * Combines two parts, `a` from earlier input than `b`, into one: the one associative way parts combine
 * (the worker threads' parts are absorbed by the same `absorb`). Registry checks are the whole tally's.
 */
export const combineParts = (election: Election, fileNames: ReadonlyArray<string>, a: TallyPart, b: TallyPart): TallyPart => {
  const t = Tally.fromPart({ ...election, registry: null }, fileNames, a)
  t.absorb(b)
  return t.exportPart()
}
