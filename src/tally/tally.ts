/**
 * The tally: protocols go in one at a time or in parts, keyed by (precinct, source, version) (SPEC §1.2). For
 * each precinct the counted protocol is the manual one of the highest version, else the highest `asu` one;
 * totals per territory, per district and for the election follow every add, supersede and annulment at once
 * (the old protocol subtracted, the new one added). Every stored protocol's counts are kept, so a supersede can
 * subtract and an analysis can take precincts out of the totals: packed (packed-counts.ts; no object per row; a
 * majoritarian protocol keeps only its lines and its own district's candidates there), or, for a precinct's first
 * protocol, a manual one read from a file on disk, as its place in the file (protocol-files.ts).
 */
import type { Election } from "../ballot/election.js"
import { indexing, type IndexColumn } from "../ballot/index-column.js"
import { holdingColumn, holdingVoters, type VotersColumn } from "../ballot/voters-column.js"
import { Interner, type InternerData } from "../ballot/interner.js"
import type { Registry } from "../ballot/registry.js"
import { blank, firstChoice, type ProtocolLayout, type ProtocolRow, type ProtocolSink, type ProtocolSource } from "../ballot/protocol.js"
import { checkAsu } from "../reconciliation/asu-rules.js"
import { checkElectionTotal } from "../reconciliation/election-rules.js"
import { compareFindings, findingOf, type Breach, type Finding, type FindingCode } from "../reconciliation/finding.js"
import { checkProtocol, type CheckContext } from "../reconciliation/protocol-rules.js"
import { checkRegistry, missingPrecinct } from "../reconciliation/registry-rules.js"
import { movedOffset, PackedCounts, type Moved, type PackedData } from "./packed-counts.js"
import type { ProtocolFiles } from "./protocol-files.js"
import { SparseColumn } from "./sparse-column.js"
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
  /** Where its counts are packed (or its place in the files). */
  readonly at: number
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
  /** Slots below this are the registry's entries (the part's table was over the registry's ids; 0: its own table). */
  readonly registered: number
  /**
   * Per slot, of the counted protocol, as the tally keeps them: source code (0: none yet), versions before it,
   * file, line (less the slot and `lineBase`), territory (into `territoryNames`), district number, where its
   * counts are packed in `counts` (or its place in the files), its voters, and whether its precinct is annulled (1).
   * A column that is null holds only zeros.
   */
  readonly kind: Uint8Array<ArrayBuffer>
  readonly priorVersions: Int32Array<ArrayBuffer> | null
  readonly file: Int32Array<ArrayBuffer> | null
  readonly line: Int32Array<ArrayBuffer> | null
  /** The line of slot `j`'s counted protocol is `line[j] + j + lineBase`. */
  readonly lineBase: number
  readonly territory: IndexColumn
  readonly districtNumber: Int32Array<ArrayBuffer> | null
  readonly at: Uint32Array<ArrayBuffer> | Float64Array<ArrayBuffer>
  readonly voters: VotersColumn
  readonly annulled: Int32Array<ArrayBuffer> | null
  /** Slots before this one hold no protocol (a part over the registry starts at its first precinct's). */
  readonly from: number
  /** Every stored protocol's counts, packed, arena by arena (packed-counts.ts). */
  readonly counts: PackedData
  readonly territoryNames: ReadonlyArray<string>
  /** The part's totals of each territory (as `territoryNames`) and district: its counted protocols added up. */
  readonly territoryTotals: ReadonlyArray<Totals>
  readonly districtTotals: ReadonlyArray<Totals>
  readonly others: ReadonlyArray<{ readonly slot: number; readonly stored: Stored }>
  /** The findings of the protocol rules and of duplicates (never the registry's: the whole tally checks those). */
  readonly pending: ReadonlyArray<Pending>
}

/** Registry findings, recomputed whenever a precinct's counted protocol changes. */
const registryCodes: ReadonlySet<FindingCode> = new Set(["unknown-precinct", "registry-mismatch", "voters-mismatch"])

/** Grows a typed array to hold index `n - 1`. */
const fit = <A extends Uint8Array | Uint16Array | Int32Array | Uint32Array | Float64Array>(a: A, n: number): A => {
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
  /** For each district + 1 (0: proportional), the full row index of each number kept of a protocol. */
  private readonly compact: ReadonlyArray<Int32Array>
  private counts: PackedCounts
  /**
   * Per slot, of the counted protocol: where its counts are packed, source code (NONE: no protocol yet), version,
   * file, line, territory, district. The numbers are kept so that the usual one is 0: the versions before it
   * (version - 1), the district's number (district + 1; 0 in a proportional election), the file's index, the line
   * less the slot and `lineBase` (0 all through a file in the order of the slots, the usual one): a column of
   * usual numbers takes no memory (sparse-column.ts). So does whether a slot's precinct is annulled. The territory
   * is a byte while there are at most 256 (index-column.ts), and where the counts are packed 32 bits while the
   * packed counts' offsets fit (`fitAt`). Its voters are kept beside, for the registry checks, which read no counts.
   */
  private at: Uint32Array<ArrayBuffer> | Float64Array<ArrayBuffer> = new Uint32Array(1024)
  private voters: VotersColumn = new Uint16Array(1024)
  private kind = new Uint8Array(1024)
  private priorVersions = SparseColumn.zeros(1024)
  private file = SparseColumn.zeros(1024)
  private line = SparseColumn.zeros(1024)
  /** The first stored protocol's line less its slot (null: none stored yet). */
  private lineBase: number | null = null
  private territory: IndexColumn = new Uint8Array(1024)
  private districtNumber = SparseColumn.zeros(1024)
  private annulledSlot = SparseColumn.zeros(1024)
  /** The lowest slot that holds a protocol (a tally over the registry may start far into it). */
  private lowest = 0x7fffffff
  /**
   * Slots below this are the registry's entries, in its order: the table is over the registry's ids
   * (`Interner.over`), so a registered precinct's slot is its entry, and a slot from here on is not registered.
   */
  private registered = 0
  /** Registry entry plus one (-1: not registered) of each slot of a table not over the registry, looked up when first needed (0: not yet). */
  private entry = new Int32Array(1024)
  private lastEntry = -1
  /**
   * Registry checks wait for `data()`, which checks every slot from `checkedTo` on and the slots in `recheck`
   * (whose counted protocol changed after their check), a run of slots at a time (`checkRegistryRun`).
   */
  private checkedTo = 0
  private readonly recheck = new Set<number>()
  private readonly others = new Map<number, Array<Stored>>()
  private pending: Array<Pending> = []
  private readonly annulledIds: Set<string>
  /** Every id ever annulled, by its bytes: a new slot is looked up here without making its string. */
  private readonly everAnnulled = new Interner()
  private readonly territoryIndex = new Map<string, number>()
  private readonly territoryNames: Array<string> = []
  private readonly territoryTotals: Array<Totals> = []
  /** Per territory, its index among the registry's territory names (-1: not one of them); and per district, among its district names. */
  private readonly registryTerritory: Array<number> = []
  private readonly registryDistrict: Int32Array
  private readonly registryTerritoryNames: ReadonlyMap<string, number>
  private lastTerritory = ""
  private lastTerritoryIndex = -1
  private readonly districtTotals: Array<Totals>
  /** Whether a total went beyond 2^53 and may have come back (see `unsafeTotal`). */
  private beyond = false
  private readonly layout: ProtocolLayout
  private readonly ctx: CheckContext
  private current: { file: number; line: number; slot: number; kind: number; version: number } = { file: 0, line: 0, slot: 0, kind: 0, version: 0 }
  private readonly precinctName = (): string => this.table.string(this.current.slot)
  private readonly report = (b: Breach): void => this.note(b, this.current.slot, this.current.kind, this.current.version, this.current.file, this.current.line)

  /**
   * A tally of `election`, its protocols' files named `fileNames` (by index) in findings. `capacity`: the
   * precincts expected (default: the registry's), so that the per-precinct arrays are made once at their size;
   * `countBytes`: room for the packed counts to start with (a file's size is always enough for its protocols');
   * `files`: the files on disk the rows come from (by `row.file` and `row.offset`), where protocols may be kept.
   */
  constructor(
    private readonly election: Election,
    private readonly fileNames: ReadonlyArray<string>,
    capacity = election.registry?.size ?? 0,
    countBytes?: number,
    private readonly files: ProtocolFiles | null = null
  ) {
    this.layout = election.layout
    this.width = firstChoice + election.layout.choices.length
    const lines = Array.from({ length: firstChoice }, (_, i) => i)
    this.compact = [
      Int32Array.from({ length: this.width }, (_, i) => i),
      ...election.layout.districtChoices.map((own) => Int32Array.from([...lines, ...own.map((c) => firstChoice + c)]))
    ]
    // Over the registry, a registered precinct's slot is its entry: room for every one (room never written takes no memory).
    const n = Math.max(1024, capacity, election.registry?.size ?? 0)
    if (election.registry !== null) this.overRegistry(election.registry)
    // Room for `n` ids: a precinct id is shorter than its protocol's row, so the protocols' bytes are room for them.
    else if (n > 1024) this.table = new Interner(n, countBytes ?? n * 16)
    // Most counts pack into one or two bytes. With files, most protocols are kept there: a small arena to start
    // with (more are made as needed).
    const packedRoom = countBytes ?? n * 2 * Math.max(...this.compact.slice(election.districts.length > 0 ? 1 : 0).map((m) => m.length))
    this.counts = new PackedCounts(files === null ? packedRoom : Math.min(1 << 20, packedRoom), files)
    if (n > 1024) this.made(n - 1, false)
    this.annulledIds = new Set(election.annulled)
    for (const id of election.annulled) this.everAnnulled.add(id)
    this.districtTotals = election.districts.map(() => emptyTotals(election.layout))
    const registry = election.registry
    this.registryTerritoryNames = new Map(registry === null ? [] : registry.territoryNames.map((name, i) => [name, i]))
    this.registryDistrict = Int32Array.from(election.layout.districts, (id) => (registry === null ? -1 : registry.districtNames.indexOf(id)))
    for (const t of election.territories) this.territoryOf(t.id)
    if (election.registry !== null) for (const t of election.registry.territoryNames) this.territoryOf(t)
    const marks = election.rules.marksPerVoter
    this.ctx = { layout: election.layout, marks: election.districts.map((d) => (marks === "seats" ? d.seats : marks)) }
  }

  /** Makes the table of precinct ids the registry's, with the precincts not in it after them. */
  private overRegistry(registry: Registry): void {
    this.table = Interner.over(registry.interner)
    this.registered = registry.size
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
      this.registryTerritory.push(this.registryTerritoryNames.get(id) ?? -1)
      this.territory = indexing(this.territory, this.territoryNames.length)
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
      this.priorVersions.grow(n)
      this.file.grow(n)
      this.line.grow(n)
      this.territory = fit(this.territory, n)
      this.districtNumber.grow(n)
      this.annulledSlot.grow(n)
      this.entry = fit(this.entry, n)
      this.at = fit(this.at, n)
      this.voters = fit(this.voters, n)
    }
    if (!make) return
    // A new slot's arrays hold zeros: no protocol (NONE), registry entry not yet looked up, not annulled.
    if (this.annulledIds.size > 0) for (let s = this.seen; s <= slot; s++) this.annulledSlot.set(s, this.isAnnulled(s) ? 1 : 0)
    this.seen = slot + 1
  }

  /** Whether the precinct of a slot is annulled (looked up by its bytes: no string is made). */
  private isAnnulled(slot: number): boolean {
    const k = this.everAnnulled.indexOfFrom(this.table, slot, this.everAnnulled.size)
    return k >= 0 && this.annulledIds.has(this.everAnnulled.string(k))
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
    const place = this.files === null ? -1 : this.files.placeOf(row.file, row.offset)
    return this.store(slot, sourceCode(row.source), row.version, row.file, row.line, this.territoryOf(row.territory), row.district, row.values, 0, place, true)
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
    if (this.kind[slot] === kind && this.versionOf(slot) === version) {
      const same = this.territory[slot] === territory && this.districtOf(slot) === district && this.sameCounts(this.full(slot), src, at)
      return same ? "identical" : "conflict"
    }
    const others = this.others.size > 0 ? this.others.get(slot) : undefined
    if (others !== undefined)
      for (const o of others)
        if (o.kind === kind && o.version === version) {
          const same = territory >= 0 && o.territory === this.territoryNames[territory] && o.district === district && this.sameCounts(this.unpack(o.at, o.district), src, at)
          return same ? "identical" : "conflict"
        }
    return "new"
  }

  private sameCounts(row: Float64Array, src: Float64Array, at: number): boolean {
    for (let i = 0; i < row.length; i++) if (row[i] !== src[at + i]) return false
    return true
  }

  /**
   * Stores a protocol of `slot` (a full row, from `src[at..]`; `place`: where it is in the files, -1 when it is not
   * in one); `check`: run the protocol rules when it becomes counted.
   */
  private store(slot: number, kind: number, version: number, file: number, line: number, territory: number, district: number, src: Float64Array, at: number, place: number, check: boolean): AddOutcome {
    if (slot >= this.seen) this.made(slot)
    const ck = this.kind[slot]
    const cv = ck === NONE ? 0 : this.versionOf(slot)
    if (ck !== NONE) {
      const known = this.existing(slot, kind, version, territory, district, src, at)
      if (known !== "new") return known
    }
    const map = this.compact[district + 1]
    const counts = ck === NONE || (kind === ck ? version > cv : kind === MANUAL)
    if (!counts) {
      this.keep(slot, { kind, version, file, line, territory: this.territoryNames[territory], district, at: this.counts.put(src, at, map) })
      return "new"
    }
    const annulled = this.annulledSlot.get(slot) === 1
    // A precinct's first protocol, a manual one, is kept where it is in its file: one that comes after another
    // (a correction, or the hand count after the automatic one) is packed, since that is where more are read again.
    const inFile = place >= 0 && ck === NONE && kind === MANUAL
    if (ck !== NONE) {
      // The counted protocol steps aside: its counts stay where they are (packed, or in its file).
      this.keep(slot, { kind: ck, version: cv, file: this.file.get(slot), line: this.lineOf(slot), territory: this.territoryNames[this.territory[slot]], district: this.districtOf(slot), at: this.at[slot] })
      if (!annulled) this.addSlot(slot, -1, this.full(slot), 0)
    }
    this.kind[slot] = kind
    if (slot < this.lowest) this.lowest = slot
    this.priorVersions.set(slot, version - 1)
    this.file.set(slot, file)
    this.districtNumber.set(slot, district + 1)
    this.setLine(slot, line)
    this.territory[slot] = territory
    this.setVoters(slot, src[at])
    if (annulled) this.at[slot] = this.fitAt(inFile ? place : this.counts.put(src, at, map))
    else {
      // Added into its territory and district, and packed in the same pass (hot: once per protocol read).
      const t = this.territoryTotals[territory]
      if (district < 0) this.at[slot] = this.fitAt(inFile ? addAll(src, at, this.width, t.values, place) : this.counts.putAddingAll(src, at, this.width, t.values))
      else {
        const d = this.districtTotals[district]
        this.at[slot] = this.fitAt(inFile ? addMapped(src, at, map, t.values, d.values, place) : this.counts.putAdding(src, at, map, t.values, d.values))
        d.precincts++
      }
      t.precincts++
    }
    if (check) {
      const c = this.current
      c.file = file
      c.line = line
      c.slot = slot
      c.kind = kind
      c.version = version
      checkProtocol(at === 0 && src.length === this.width ? src : src.subarray(at, at + this.width), district, this.ctx, this.report)
    }
    this.registryChanged(slot)
    return "new"
  }

  /** `offset`, once the column of where counts are packed holds every offset of the packed counts (32 bits below 2^32, doubles after). */
  private fitAt(offset: number): number {
    if (this.counts.end > 0xffffffff && this.at instanceof Uint32Array) {
      const wide = new Float64Array(this.at.length)
      wide.set(this.at.subarray(0, this.seen))
      this.at = wide
    }
    return offset
  }

  /** Counts packed at `at` of a protocol of `district` (in this tally's arena, or another's), as a full row (another district's candidates blank). */
  private unpack(at: number, district: number, counts: PackedCounts = this.counts): Float64Array {
    const row = new Float64Array(this.width).fill(blank, firstChoice)
    counts.get(at, this.compact[district + 1], row)
    return row
  }

  /** Sets the voters of a slot's counted protocol (its first count, which the registry checks; voters-column.ts). */
  private setVoters(slot: number, voters: number): void {
    this.voters = holdingVoters(this.voters, voters)
    this.voters[slot] = voters
  }

  /** The version of a slot's counted protocol. */
  private versionOf(slot: number): number {
    return this.priorVersions.get(slot) + 1
  }

  /** The line of a slot's counted protocol. */
  private lineOf(slot: number): number {
    return this.line.get(slot) + slot + (this.lineBase ?? 0)
  }

  /** Sets the line of a slot's counted protocol (kept as its difference from `slot + lineBase`). */
  private setLine(slot: number, line: number): void {
    this.lineBase ??= line - slot
    const d = line - slot - this.lineBase
    if ((d | 0) !== d) throw new RangeError(`line ${line} is too far from its precinct's slot ${slot} to be kept`)
    this.line.set(slot, d)
  }

  /** The district of a slot's counted protocol (-1: proportional). */
  private districtOf(slot: number): number {
    return this.districtNumber.get(slot) - 1
  }

  /** A slot's counted protocol as a full row. */
  private full(slot: number): Float64Array {
    return this.unpack(this.at[slot], this.districtOf(slot))
  }

  private keep(slot: number, stored: Stored): void {
    const list = this.others.get(slot)
    if (list === undefined) this.others.set(slot, [stored])
    else list.push(stored)
  }

  /**
   * Adds (sign 1) or subtracts (-1) a slot's counted protocol, the full row `src[at..]`, into its territory and
   * its district (the election is their sum). Hot loop: once per protocol read. Counts are never negative, so
   * a total only grows while protocols are added: whether one went beyond 2^53 is asked before a subtraction
   * (which could bring it back) and at the end (`unsafeTotal`), not at every addition.
   */
  private addSlot(slot: number, sign: 1 | -1, src: Float64Array, at: number): void {
    const t = this.territoryTotals[this.territory[slot]]
    const tv = t.values
    const district = this.districtOf(slot)
    const d = district >= 0 ? this.districtTotals[district] : null
    if (sign < 0 && (beyondExact(t) || (d !== null && beyondExact(d)))) this.beyond = true
    if (d === null) {
      if (sign > 0) for (let i = 0; i < tv.length; i++) tv[i] += src[at + i]
      else for (let i = 0; i < tv.length; i++) tv[i] -= src[at + i]
    } else {
      const map = this.compact[district + 1]
      const dv = d.values
      for (let j = 0; j < map.length; j++) {
        const i = map[j]
        const x = sign * src[at + i]
        tv[i] += x
        dv[i] += x
      }
      d.precincts += sign
    }
    t.precincts += sign
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
    const entry = this.entryOf(slot, registry)
    if (this.agrees(slot, entry, registry)) return
    this.current.slot = slot
    const breaches = checkRegistry(this.precinctName, this.territoryNames[this.territory[slot]], this.districtOf(slot), this.voters[slot], registry, entry < 0 ? -1 : entry, this.layout)
    for (const b of breaches) this.note(b, slot, this.kind[slot], this.versionOf(slot), this.file.get(slot), this.lineOf(slot))
  }

  /** The registry entry of a slot's precinct (-1: not registered), looked up on first need where the table is not over the registry. */
  private entryOf(slot: number, registry: Registry): number {
    if (slot < this.registered) return slot
    if (this.registered > 0) return -1
    if (this.entry[slot] === 0) {
      const i = registry.interner.indexOfFrom(this.table, slot, this.lastEntry + 1)
      this.entry[slot] = i < 0 ? -1 : i + 1
      if (i >= 0) this.lastEntry = i
    }
    return this.entry[slot] - 1
  }

  /** Annuls a precinct (`true`) or lifts its annulment (`false`): its protocol leaves or rejoins the totals. Returns whether anything changed. */
  annul(precinct: string, annulled: boolean): boolean {
    if (this.annulledIds.has(precinct) === annulled) return false
    if (annulled) {
      this.annulledIds.add(precinct)
      this.everAnnulled.add(precinct)
    } else this.annulledIds.delete(precinct)
    const slot = this.table.find(precinct)
    if (slot < 0 || slot >= this.seen) return true
    this.annulledSlot.set(slot, annulled ? 1 : 0)
    if (this.kind[slot] !== NONE) this.addSlot(slot, annulled ? -1 : 1, this.full(slot), 0)
    return true
  }

  /**
   * Where a total went beyond 2^53 (the file and line of the protocol that took it there), or null when every
   * total is exact. Totals that went beyond and came back are recomputed from the counted protocols.
   */
  unsafeTotal(): { readonly file: string; readonly line: number } | null {
    if ([...this.territoryTotals, ...this.districtTotals].some(beyondExact)) this.beyond = true
    if (this.beyond) {
      this.beyond = false
      for (const t of [...this.territoryTotals, ...this.districtTotals]) {
        t.values.fill(0)
        t.precincts = 0
      }
      // Added up again in the order of the input: the first protocol that takes a total beyond is the one to name.
      let first = -1
      for (const slot of this.countedInOrder()) {
        this.addSlot(slot, 1, this.full(slot), 0)
        if (first < 0 && (beyondExact(this.territoryTotals[this.territory[slot]]) || (this.districtOf(slot) >= 0 && beyondExact(this.districtTotals[this.districtOf(slot)])))) first = slot
      }
      if (first >= 0) {
        this.beyond = true
        return { file: this.fileNames[this.file.get(first)], line: this.lineOf(first) }
      }
    }
    if (this.electionTotals().values.every((x) => x <= Number.MAX_SAFE_INTEGER)) return null
    // The election's total is beyond: the protocol that takes it there, adding them up in order.
    const sum = new Float64Array(this.width)
    for (const slot of this.countedInOrder()) {
      const row = this.full(slot)
      for (const i of this.compact[this.districtOf(slot) + 1]) sum[i] += row[i]
      if (sum.some((x) => x > Number.MAX_SAFE_INTEGER)) return { file: this.fileNames[this.file.get(slot)], line: this.lineOf(slot) }
    }
    throw new Error("the election total is beyond 2^53 but no protocol takes it there")
  }

  /** The slots whose counted protocol is in the totals (not annulled), in the order of the input (file, then line). */
  private countedInOrder(): Array<number> {
    const slots: Array<number> = []
    for (let slot = 0; slot < this.seen; slot++) if (this.kind[slot] !== NONE && this.annulledSlot.get(slot) === 0) slots.push(slot)
    return slots.sort((a, b) => this.file.get(a) - this.file.get(b) || this.lineOf(a) - this.lineOf(b))
  }

  /** Whether a stored protocol's finding still stands: its precinct is not annulled and it is the counted protocol. */
  private stands(p: Pending): boolean {
    return this.annulledSlot.get(p.slot) === 0 && this.kind[p.slot] === p.kind && this.versionOf(p.slot) === p.version
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
    this.checkRegistry()
    const findings: Array<Finding> = []
    // Registry findings are replaced when a counted protocol changes: keep only the latest set.
    this.pending = this.pending.filter((p) => !registryCodes.has(p.finding.code) || (this.kind[p.slot] === p.kind && this.versionOf(p.slot) === p.version))
    for (const p of this.pending) {
      if (!this.stands(p)) continue
      // A duplicate of the counted protocol: where that one is (known only now, when parts have been combined).
      findings.push(p.finding.code !== "duplicate-protocol" ? p.finding : { ...p.finding, message: `${p.finding.message} (the first is at ${this.fileNames[this.file.get(p.slot)]} line ${this.lineOf(p.slot)})` })
    }
    for (const slot of this.others.keys()) {
      if (this.kind[slot] !== MANUAL || this.annulledSlot.get(slot) === 1) continue
      const asu = this.asuBeside(slot)
      if (asu === null) continue
      const b = checkAsu(this.full(slot), this.unpack(asu.at, asu.district), this.layout, this.election.rules.asuTolerance)
      if (b !== null) findings.push(findingOf(b, this.table.string(slot), this.fileNames[asu.file], asu.line))
    }
    const missing: Array<string> = []
    if (registry !== null) {
      const sent = new Uint8Array(registry.size)
      for (let slot = 0; slot < this.seen; slot++) {
        if (this.kind[slot] === NONE) continue
        const entry = this.entryOf(slot, registry)
        if (entry >= 0) sent[entry] = 1
      }
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
      if (k === NONE || this.annulledSlot.get(slot) === 1) continue
      counted++
      if (k === ASU) preliminary.push(this.table.string(slot))
      if (this.versionOf(slot) > 1) versions.push({ precinct: this.table.string(slot), version: this.versionOf(slot) })
    }
    versions.sort((a, b) => (a.precinct < b.precinct ? -1 : 1))
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
        .map(([id, i]) => ({ id, totals: copyTotals(this.territoryTotals[i]) }))
        .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)),
      districts: this.election.districts.map((d, i) => ({ id: d.id, totals: copyTotals(this.districtTotals[i]) })),
      findings
    }
  }

  /** A precinct's counted protocol's voters and district (for an annulled precinct, the protocol it would count), or null when it has none. */
  protocolOf(precinct: string): { readonly voters: number; readonly district: string | null } | null {
    const slot = this.table.find(precinct)
    if (slot < 0 || slot >= this.seen || this.kind[slot] === NONE) return null
    const d = this.districtOf(slot)
    return { voters: this.voters[slot], district: d >= 0 ? this.election.districts[d].id : null }
  }

  /**
   * The election and district totals with the counted protocols of `precincts` taken out (for sensitivity:
   * the base without the precincts in question). Unknown or annulled precincts take nothing out.
   */
  totalsWithout(precincts: ReadonlyArray<string>): { readonly totals: Totals; readonly districts: ReadonlyArray<{ readonly id: string; readonly totals: Totals }> } {
    const totals = this.electionTotals()
    const districts = this.election.districts.map((d, i) => ({ id: d.id, totals: copyTotals(this.districtTotals[i]) }))
    for (const id of new Set(precincts)) {
      const slot = this.table.find(id)
      if (slot < 0 || slot >= this.seen || this.kind[slot] === NONE || this.annulledSlot.get(slot) === 1) continue
      const d = this.districtOf(slot) >= 0 ? districts[this.districtOf(slot)].totals : null
      const row = this.full(slot)
      for (const i of this.compact[this.districtOf(slot) + 1]) {
        totals.values[i] -= row[i]
        if (d !== null) d.values[i] -= row[i]
      }
      totals.precincts--
      if (d !== null) d.precincts--
    }
    return { totals, districts }
  }

  /**
   * This tally's state as plain data, for another tally to absorb (a worker thread's part). With `last`, the
   * part's arrays are views of this tally's memory, not copies: only for a tally that is used no more.
   */
  exportPart(last = false): TallyPart {
    const n = this.seen
    const cut = <A extends Uint8Array | Uint16Array | Int32Array | Uint32Array | Float64Array>(a: A): A => (last ? (a.subarray(0, n) as A) : (a.slice(0, n) as A))
    const others: Array<{ slot: number; stored: Stored }> = []
    for (const [slot, list] of this.others) for (const stored of list) others.push({ slot, stored })
    return {
      ids: this.table.toData(),
      registered: this.registered,
      kind: cut(this.kind),
      priorVersions: this.priorVersions.part(n, last),
      file: this.file.part(n, last),
      line: this.line.part(n, last),
      lineBase: this.lineBase ?? 0,
      territory: cut(this.territory),
      districtNumber: this.districtNumber.part(n, last),
      at: cut(this.at),
      voters: cut(this.voters),
      annulled: this.annulledSlot.part(n, last),
      from: Math.min(this.lowest, n),
      counts: this.counts.data(last),
      territoryNames: [...this.territoryNames],
      territoryTotals: this.territoryTotals.map(copyTotals),
      districtTotals: this.districtTotals.map(copyTotals),
      others,
      pending: this.pending.filter((p) => !registryCodes.has(p.finding.code))
    }
  }

  /**
   * Adds a part tallied elsewhere from later input, as if its protocols came now: a precinct in both is
   * resolved by the same rule as protocols one at a time (a key in both is a `duplicate-protocol`). The
   * part's precincts that are new here are taken whole, with the part's totals and packed counts (no
   * protocol is unpacked); only a precinct in both goes protocol by protocol.
   */
  absorb(part: TallyPart): void {
    const theirs = Interner.fromData(part.ids)
    const theirCounts = PackedCounts.of(part.counts, this.files)
    const n = part.kind.length
    const before = this.seen
    // A part over the registry, as this tally is (the main thread's range of a file), has its registered precincts
    // at the same slots here. Sorted parts in order (the usual file) are appended whole, or are the registry's next
    // entries in a table over it. Otherwise each id is looked up.
    const over = this.registered > 0 && part.registered === this.registered
    const base = over ? 0 : this.registered > 0 && this.table.sameRun(theirs, 0, before, n) ? before : this.table.appendAll(theirs)
    const slots =
      over && n > part.registered
        ? slotsOf(n, (j) => (j < part.registered ? j : this.table.indexOrAddFrom(theirs, j)))
        : base < 0
          ? slotsOf(n, (j) => this.table.indexOrAddFrom(theirs, j))
          : null
    // Made up to the part's last slot here, not the table's (over the registry, the table holds every entry):
    // a later part of the same file then starts beyond `seen` and is taken whole too.
    this.made(slots === null ? base + n - 1 : slots.reduce((a, b) => Math.max(a, b), -1))
    // Where the part's arenas are now: a protocol's offset there moves by `movedOffset`.
    const moved = this.counts.append(part.counts)
    this.fitAt(0)
    const territory = part.territoryNames.map((t) => this.territoryOf(t))
    // The part's slots before its first protocol are empty: a part over the registry starts at its first precinct.
    const from = part.from
    const whole = base >= 0 && base + from >= before && (!over || n <= part.registered) && this.annulledAlike(part, base, from)
    if (whole) {
      // Every precinct of the part is new here (the usual case: parts of one file in order): taken whole.
      this.kind.set(part.kind.subarray(from), base + from)
      this.priorVersions.setNew(part.priorVersions, base, from)
      this.file.setNew(part.file, base, from)
      this.setLinesNew(part, base, from)
      this.districtNumber.setNew(part.districtNumber, base, from)
      this.voters = holdingColumn(this.voters, part.voters)
      this.voters.set(part.voters.subarray(from), base + from)
      if (from < n) this.lowest = Math.min(this.lowest, base + from)
      for (let j = from; j < n; j++) {
        this.territory[base + j] = territory[part.territory[j]]
        this.at[base + j] = movedOffset(moved, part.at[j])
      }
      this.takeRest(part, base, moved, territory)
      return
    }
    this.absorbMeeting(part, slots ?? slotsOf(n, (j) => base + j), before, moved, territory, theirCounts)
  }

  /** `absorb` of a part some of whose precincts are here already: those go protocol by protocol. */
  private absorbMeeting(part: TallyPart, slots: Int32Array, before: number, moved: Moved, territory: ReadonlyArray<number>, theirCounts: PackedCounts): void {
    const n = part.kind.length
    // The part's totals, less its protocols that meet one here (those are taken one by one below).
    const territoryTotals = part.territoryTotals.map(copyTotals)
    const districtTotals = part.districtTotals.map(copyTotals)
    const meet: Array<number> = []
    const taken = new Uint8Array(n)
    for (let j = 0; j < n; j++) {
      if (part.kind[j] === NONE) continue
      const s = slots[j]
      const annulled = numberAt(part.annulled, j)
      if ((s < before && this.kind[s] !== NONE) || this.annulledSlot.get(s) !== annulled) {
        meet.push(j)
        if (annulled === 1) continue
        const d = numberAt(part.districtNumber, j) - 1
        const row = this.unpack(part.at[j], d, theirCounts)
        addInto(territoryTotals[part.territory[j]], row, this.compact[d + 1], -1)
        if (d >= 0) addInto(districtTotals[d], row, this.compact[d + 1], -1)
        continue
      }
      taken[j] = 1
      this.kind[s] = part.kind[j]
      this.priorVersions.set(s, numberAt(part.priorVersions, j))
      this.file.set(s, numberAt(part.file, j))
      this.setLine(s, partLine(part, j))
      this.territory[s] = territory[part.territory[j]]
      this.districtNumber.set(s, numberAt(part.districtNumber, j))
      this.setVoters(s, part.voters[j])
      this.at[s] = movedOffset(moved, part.at[j])
      if (s < this.lowest) this.lowest = s
    }
    territoryTotals.forEach((t, k) => this.addTotals(this.territoryTotals[territory[k]], t))
    districtTotals.forEach((t, d) => this.addTotals(this.districtTotals[d], t))
    for (let j = 0; j < n; j++) if (taken[j] === 1) this.registryChanged(slots[j])
    const keyed = new Set<string>()
    const take = (j: number, kind: number, version: number, file: number, line: number, t: number, d: number, at: number): void => {
      const slot = slots[j]
      const place = this.files !== null && at < this.files.end ? at : -1
      const outcome = this.store(slot, kind, version, file, line, t, d, this.unpack(at, d, theirCounts), 0, place, false)
      if (outcome !== "new") {
        this.duplicate(slot, kind, version, file, line)
        keyed.add(`${j} ${kind} ${version}`)
      }
    }
    for (const j of meet) take(j, part.kind[j], numberAt(part.priorVersions, j) + 1, numberAt(part.file, j), partLine(part, j), territory[part.territory[j]], numberAt(part.districtNumber, j) - 1, part.at[j])
    for (const { slot: j, stored } of part.others) {
      // Beside a precinct taken whole, the part's other protocols are as they were there.
      if (taken[j] === 1) this.keep(slots[j], { ...stored, at: movedOffset(moved, stored.at) })
      else take(j, stored.kind, stored.version, stored.file, stored.line, this.territoryOf(stored.territory), stored.district, stored.at)
    }
    for (const p of part.pending) {
      // The findings of a protocol refused as a duplicate here are not this tally's.
      if (p.finding.code !== "duplicate-protocol" && keyed.has(`${p.slot} ${p.kind} ${p.version}`)) continue
      this.pending.push({ ...p, slot: slots[p.slot] })
    }
  }

  /** Sets the lines of a part's counted protocols from its slot `from` on at slots from `base + from`, which hold none here. */
  private setLinesNew(part: TallyPart, base: number, from: number): void {
    this.lineBase ??= part.lineBase - base
    // Kept as here when the part's lines are as far from their slots as this tally's (parts of one file in order).
    if (part.lineBase - base === this.lineBase) this.line.setNew(part.line, base, from)
    else for (let j = from; j < part.kind.length; j++) if (part.kind[j] !== NONE) this.setLine(base + j, partLine(part, j))
  }

  /** Whether the part's precincts from its slot `from` on, at slots from `base + from` here, are annulled as here. */
  private annulledAlike(part: TallyPart, base: number, from = 0): boolean {
    for (let j = from; j < part.kind.length; j++) if (this.annulledSlot.get(base + j) !== numberAt(part.annulled, j)) return false
    return true
  }

  /**
   * The rest of taking a part whose precincts are all new, its counted protocols already at slots from `base`
   * (their territories as here, their counts where `moved` puts them, or as they were when null): its totals,
   * other protocols and findings. Its precincts' registry checks are due (slots from `checkedTo` on).
   */
  private takeRest(part: TallyPart, base: number, moved: Moved | null, territory: ReadonlyArray<number>): void {
    part.territoryTotals.forEach((totals, k) => this.addTotals(this.territoryTotals[territory[k]], totals))
    part.districtTotals.forEach((totals, d) => this.addTotals(this.districtTotals[d], totals))
    for (const { slot, stored } of part.others) this.keep(base + slot, moved === null ? stored : { ...stored, at: movedOffset(moved, stored.at) })
    for (const p of part.pending) this.pending.push(base === 0 ? p : { ...p, slot: base + p.slot })
  }

  /** Notes that a slot's counted protocol changed: its registry check is (again) due. */
  private registryChanged(slot: number): void {
    if (slot < this.checkedTo) this.recheck.add(slot)
  }

  /** Runs the registry checks that are due (see `checkedTo`): `data()` does, and so may a caller with time to spare. */
  checkRegistry(): void {
    for (const slot of this.recheck) this.checkRegistryOf(slot)
    this.recheck.clear()
    this.checkRegistryRun(this.checkedTo, this.seen)
    this.checkedTo = this.seen
  }

  /**
   * Checks the counted protocols of slots `from..to` against the registry. Their entries are found a run of
   * slots at a time where the ids follow the registry's order (the usual file: one comparison of the bytes),
   * else one by one; a protocol that agrees with its entry is passed over (`agrees`; hot loop: once per
   * precinct), and `checkRegistryOf` makes the findings of the others.
   */
  private checkRegistryRun(from: number, to: number): void {
    const registry = this.election.registry
    if (registry === null) return
    const run = 4096
    for (let s = from; s < to; s += run) {
      const n = Math.min(run, to - s)
      const e = this.lastEntry + 1
      if (this.registered === 0 && registry.interner.sameRun(this.table, s, e, n)) {
        for (let k = 0; k < n; k++) if (this.entry[s + k] === 0) this.entry[s + k] = e + k + 1
        this.lastEntry = e + n - 1
      }
      for (let k = s; k < s + n; k++) if (this.kind[k] !== NONE && !this.agrees(k, this.entryOf(k, registry), registry)) this.checkRegistryOf(k)
    }
  }

  /**
   * Whether a slot's counted protocol agrees with its registry entry (false when the precinct is not registered):
   * territory, district and voters compared as numbers, so no message is made.
   */
  private agrees(slot: number, entry: number, registry: Registry): boolean {
    const district = this.districtOf(slot)
    return (
      entry >= 0 &&
      registry.voters[entry] === this.voters[slot] &&
      this.registryTerritory[this.territory[slot]] === registry.territoryIndex[entry] &&
      (district < 0 || this.registryDistrict[district] === registry.districtIndex[entry])
    )
  }

  /** Adds a part's totals into this tally's (a part's total beyond 2^53 may have lost a vote: see `unsafeTotal`). */
  private addTotals(into: Totals, from: Totals): void {
    if (beyondExact(from)) this.beyond = true
    for (let i = 0; i < into.values.length; i++) into.values[i] += from.values[i]
    into.precincts += from.precincts
  }

  /** A tally whose state is a part's (then `data()` gives what the part holds, checked against the registry). */
  static fromPart(election: Election, fileNames: ReadonlyArray<string>, part: TallyPart, files: ProtocolFiles | null = null): Tally {
    const t = new Tally(election, fileNames, undefined, undefined, files)
    t.absorb(part)
    return t
  }

  /**
   * Like `fromPart`, but the tally takes the part's memory as its own, with the room its arrays were made with
   * (a worker thread's part, moved to this thread, made with room for the whole file): nothing is copied, and
   * the part must not be used again. The part must be of a tally of the same election (the same annulments).
   */
  static adopt(election: Election, fileNames: ReadonlyArray<string>, part: TallyPart, files: ProtocolFiles | null = null): Tally {
    const t = new Tally(election, fileNames, 0, 0, files)
    const n = part.kind.length
    const ids = Interner.fromData(part.ids)
    // A part over the registry, or of a file in registry order (the usual one: it has the registry's first entries),
    // makes the table over the registry, its precincts not in the registry after them as they were.
    const registry = election.registry
    if (registry !== null && (part.registered === registry.size || registry.interner.sameRun(ids, 0, 0, ids.size))) {
      t.overRegistry(registry)
      for (let j = registry.size; j < ids.size; j++) t.table.indexOrAddFrom(ids, j)
    } else {
      t.table = ids
      t.registered = 0
    }
    t.counts = PackedCounts.of(part.counts, files)
    t.kind = withRoom(part.kind)
    t.priorVersions = SparseColumn.taken(part.priorVersions, t.kind.length)
    t.file = SparseColumn.taken(part.file, t.kind.length)
    t.line = SparseColumn.taken(part.line, t.kind.length)
    t.lineBase = part.lineBase
    t.territory = withRoom(part.territory)
    t.districtNumber = SparseColumn.taken(part.districtNumber, t.kind.length)
    t.at = withRoom(part.at)
    t.voters = withRoom(part.voters)
    t.annulledSlot = SparseColumn.taken(part.annulled, t.kind.length)
    t.lowest = part.from
    t.entry = new Int32Array(t.kind.length)
    t.seen = n
    t.fitAt(0)
    const territory = part.territoryNames.map((name) => t.territoryOf(name))
    t.territory = indexing(t.territory, t.territoryNames.length)
    for (let s = 0; s < n; s++) t.territory[s] = territory[t.territory[s]]
    t.takeRest(part, 0, null, territory)
    return t
  }
}

/** Whether a total is beyond 2^53, where doubles no longer count every vote. */
const beyondExact = (t: Totals): boolean => t.values.some((x) => x > Number.MAX_SAFE_INTEGER)

/** The whole of the memory a view starts (a part's array, made with more room than it holds), as the same kind of array. */
const withRoom = <A extends Uint8Array<ArrayBuffer> | Uint16Array<ArrayBuffer> | Int32Array<ArrayBuffer> | Uint32Array<ArrayBuffer> | Float64Array<ArrayBuffer>>(a: A): A =>
  a.byteOffset === 0 ? (new (a.constructor as new (b: ArrayBuffer) => A)(a.buffer)) : a

/** Here, the slot of each of a part's `n` slots (a loop: `Int32Array.from` with a map goes through a JavaScript array). */
const slotsOf = (n: number, slot: (j: number) => number): Int32Array => {
  const slots = new Int32Array(n)
  for (let j = 0; j < n; j++) slots[j] = slot(j)
  return slots
}

/** A part's number at slot `j` of a column that may be null (all zeros). */
const numberAt = (column: Int32Array | null, j: number): number => (column === null ? 0 : column[j])

/** The line of a part's slot `j`. */
const partLine = (part: TallyPart, j: number): number => numberAt(part.line, j) + j + part.lineBase

/** A copy of totals. */
const copyTotals = (t: Totals): Totals => ({ precincts: t.precincts, values: t.values.slice() })

/** Adds the counts `src[at + i]`, `i < n`, into `into[i]`, and returns `place` (a proportional protocol kept in its file). Hot loop. */
const addAll = (src: Float64Array, at: number, n: number, into: Float64Array, place: number): number => {
  for (let i = 0; i < n; i++) into[i] += src[at + i]
  return place
}

/** Adds the counts `src[at + map[j]]` into `into[map[j]]` and `also[map[j]]`, and returns `place` (a district's protocol kept in its file). Hot loop. */
const addMapped = (src: Float64Array, at: number, map: Int32Array, into: Float64Array, also: Float64Array, place: number): number => {
  for (let j = 0; j < map.length; j++) {
    const i = map[j]
    into[i] += src[at + i]
    also[i] += src[at + i]
  }
  return place
}

/** Adds (sign 1) or subtracts (-1) the numbers `row[map[j]]` into totals, and counts the precinct. */
const addInto = (totals: Totals, row: Float64Array, map: Int32Array, sign: 1 | -1): void => {
  for (const i of map) totals.values[i] += sign * row[i]
  totals.precincts += sign
}

/** Shifts every line of a part by `offset` (a byte range's lines are counted from its start). */
export const shiftLines = (part: TallyPart, offset: number): TallyPart =>
  offset === 0
    ? part
    : {
        ...part,
        lineBase: part.lineBase + offset,
        others: part.others.map((o) => ({ slot: o.slot, stored: { ...o.stored, line: o.stored.line + offset } })),
        pending: part.pending.map((p) => ({ ...p, finding: { ...p.finding, line: p.finding.line === null ? null : p.finding.line + offset } }))
      }

/**
 * Combines two parts, `a` from earlier input than `b`, into one: the one associative way parts combine
 * (the worker threads' parts are absorbed by the same `absorb`). Registry checks are the whole tally's.
 */
export const combineParts = (election: Election, fileNames: ReadonlyArray<string>, a: TallyPart, b: TallyPart, files: ProtocolFiles | null = null): TallyPart => {
  const t = Tally.fromPart({ ...election, registry: null }, fileNames, a, files)
  t.absorb(b)
  return t.exportPart()
}
