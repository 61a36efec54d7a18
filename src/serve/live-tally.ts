/**
 * The tally of election night, held in memory: the stored protocols, annulments and lots, and the result of
 * SPEC §3 they give. It is the one place the service asks for a result; reads take the result computed after
 * the last change. Until the incremental tally core lands, the first read after a change recomputes the result
 * from the stored protocols with the same pipeline as `kenesh tally` (the rows of `GET /api/protocols.csv`, in
 * its order); a write tallies only the precincts it touched, for its findings.
 */
import { createHash } from "node:crypto"
import type { Election } from "../ballot/election.js"
import type { ProtocolRow } from "../ballot/protocol.js"
import { tallyResult, type TallyResult } from "../report/tally-result.js"
import type { Finding } from "../reconciliation/finding.js"
import { Tally, type TallyData } from "../tally/tally.js"
import type { Annulment, StoredLot, StoredProtocol } from "../store/store.js"
import { compareProtocols, exportLines, exportProtocols, type ProtocolsExport } from "./protocols-export.js"

/** What `GET /api/status` answers (SPEC §6). */
export interface StatusJson {
  readonly status: string
  readonly seq: number
  readonly precincts: {
    readonly registered: number
    readonly reported: number
    readonly missing: number
    readonly preliminary: number
    readonly errors: number
    readonly annulled: number
  }
}

/** The identity of a protocol (SPEC §1.2): precinct, source and version. */
const identity = (p: { precinct: string; source: string; version: number }): string => `${p.version}\u0000${p.source}\u0000${p.precinct}`

/** Whether two protocols of the same identity hold the same ids and counts. */
export const sameProtocol = (a: StoredProtocol, b: StoredProtocol): boolean => {
  if (a.territory !== b.territory || a.district !== b.district || a.values.length !== b.values.length) return false
  for (let i = 0; i < a.values.length; i++) if (a.values[i] !== b.values[i]) return false
  return true
}

/** What a change computes once and every read then serves; the export and the JSON text only when asked for. */
interface Computed {
  readonly result: TallyResult
  export?: ProtocolsExport
  exportSha256?: string
  resultJson?: string
}

/** The live tally of one election night. */
export class LiveTally {
  private sorted: Array<StoredProtocol>
  /** Protocols added since the last computation, not yet merged into `sorted`. */
  private added: Array<StoredProtocol> = []
  private readonly byIdentity = new Map<string, StoredProtocol>()
  private readonly precincts = new Set<string>()
  private readonly annulledSet: Set<string>
  private readonly lotList: Array<StoredLot>
  private computed: Computed | null = null

  constructor(
    /** The election as defined in its file (its own `annulled` and `lots` included). */
    readonly election: Election,
    protocols: ReadonlyArray<StoredProtocol>,
    annulments: ReadonlyArray<Annulment>,
    lots: ReadonlyArray<StoredLot>
  ) {
    this.sorted = [...protocols].sort(compareProtocols)
    for (const p of this.sorted) {
      this.byIdentity.set(identity(p), p)
      this.precincts.add(p.precinct)
    }
    this.annulledSet = new Set(election.annulled)
    for (const a of annulments) this.applyAnnulment(a)
    this.lotList = election.lots.map((l) => ({ among: l.among, winners: l.winners }))
    this.lotList.push(...lots)
  }

  /** The stored protocol of this identity, if any. */
  find(p: { precinct: string; source: string; version: number }): StoredProtocol | undefined {
    return this.byIdentity.get(identity(p))
  }

  /** Whether any protocol of the precinct is stored. */
  hasPrecinct(precinct: string): boolean {
    return this.precincts.has(precinct)
  }

  /** Adds newly stored protocols (none of them stored before). */
  add(protocols: ReadonlyArray<StoredProtocol>): void {
    for (const p of protocols) {
      this.byIdentity.set(identity(p), p)
      this.precincts.add(p.precinct)
      this.added.push(p)
    }
    this.computed = null
  }

  /** The stored protocols in export order: the ones added since are merged in (one pass). */
  private protocols(): ReadonlyArray<StoredProtocol> {
    if (this.added.length === 0) return this.sorted
    const added = this.added.sort(compareProtocols)
    const merged: Array<StoredProtocol> = []
    let i = 0
    let j = 0
    while (i < this.sorted.length || j < added.length)
      merged.push(j >= added.length || (i < this.sorted.length && compareProtocols(this.sorted[i], added[j]) < 0) ? this.sorted[i++] : added[j++])
    this.sorted = merged
    this.added = []
    return merged
  }

  private applyAnnulment(a: Annulment): void {
    if (a.annulled) this.annulledSet.add(a.precinct)
    else this.annulledSet.delete(a.precinct)
  }

  /** Whether the precinct is annulled now. */
  isAnnulled(precinct: string): boolean {
    return this.annulledSet.has(precinct)
  }

  /** Annuls a precinct or withdraws its annulment. */
  annul(a: Annulment): void {
    this.applyAnnulment(a)
    this.computed = null
  }

  /** Records a drawing of lots. */
  addLot(lot: StoredLot): void {
    this.lotList.push(lot)
    this.computed = null
  }

  /** The election with the night's annulments and lots: what `kenesh tally` on the export needs to give the same result. */
  effectiveElection(lots: ReadonlyArray<StoredLot> = this.lotList): Election {
    return { ...this.election, annulled: [...this.annulledSet].sort(), lots }
  }

  /** The number of lots that settled a tie in the current result, and in the result with `lot` added. */
  settledLots(lot: StoredLot): { now: number; with: number } {
    const count = (r: TallyResult) =>
      "districts" in r.allocation && r.allocation.districts !== undefined ? r.allocation.districts.reduce((n, d) => n + d.lots.length, 0) : (r.allocation as { lots: ReadonlyArray<unknown> }).lots.length
    const trial = this.compute([...this.lotList, lot])
    return { now: count(this.current().result), with: count(trial.result) }
  }

  /** The tally of the stored protocols of the precincts `only` selects (all of them by default), as `kenesh tally` reads the export. */
  private tallyOf(election: Election, only: ((precinct: string) => boolean) | null): TallyData {
    const protocols = this.protocols()
    const lines = exportLines(protocols)
    const tally = new Tally(election, ["store"])
    const feed = () =>
      protocols.forEach((p, i) => {
        if (only !== null && !only(p.precinct)) return
        const row: ProtocolRow = {
          file: 0,
          line: lines[i],
          offset: 0,
          precinct: p.precinct,
          precinctIndex: -1,
          territory: p.territory,
          district: p.district === "" ? -1 : (election.layout.districtIndex.get(p.district) ?? -1),
          version: p.version,
          source: p.source,
          values: p.values
        }
        tally.row(row)
      })
    feed()
    if (tally.needsRecount) {
      tally.startRecount()
      feed()
    }
    return tally.finish()
  }

  /** The result for the stored protocols and these lots; `inputs` is filled in by `result`. */
  private compute(lots: ReadonlyArray<StoredLot>): Computed {
    const election = this.effectiveElection(lots)
    return { result: tallyResult(election, [], this.tallyOf(election, null)) }
  }

  private current(): Computed {
    return (this.computed ??= this.compute(this.lotList))
  }

  /** The export of what is stored now, and its SHA-256. */
  private exported(): { export: ProtocolsExport; sha256: string } {
    const c = this.current()
    if (c.export === undefined || c.exportSha256 === undefined) {
      c.export = exportProtocols(this.election, this.protocols())
      c.exportSha256 = createHash("sha256").update(c.export.text).digest("hex")
    }
    return { export: c.export, sha256: c.exportSha256 }
  }

  /** The result of SPEC §3 for what is stored now, `inputs` naming the export. */
  result(): TallyResult {
    return { ...this.current().result, inputs: [{ file: "store", sha256: this.exported().sha256 }] }
  }

  /**
   * The findings of the current result about these precincts. Every finding of a precinct comes from its own
   * protocols and registry entry, so they are found by tallying only those (a write need not wait for the
   * whole result).
   */
  findingsOf(precincts: ReadonlySet<string>): TallyResult["findings"] {
    const about = (f: Finding) => f.precinct !== null && precincts.has(f.precinct)
    if (this.computed !== null) return this.computed.result.findings.filter(about)
    return this.tallyOf(this.effectiveElection(), (p) => precincts.has(p)).findings.filter(about)
  }

  /** The result as `GET /api/result` serves it. */
  resultJson(): string {
    const c = this.current()
    return (c.resultJson ??= JSON.stringify(this.result(), null, 2) + "\n")
  }

  /** The stored protocols as a protocols file (`GET /api/protocols.csv`). */
  protocolsCsv(): string {
    return this.exported().export.text
  }

  /** Precincts whose only stored protocols are `asu` (not annulled): preliminary. */
  private preliminary(): number {
    const sorted = this.protocols()
    let n = 0
    let i = 0
    while (i < sorted.length) {
      const precinct = sorted[i].precinct
      let manual = false
      while (i < sorted.length && sorted[i].precinct === precinct) manual ||= sorted[i++].source === "manual"
      if (!manual && !this.annulledSet.has(precinct)) n++
    }
    return n
  }

  /** `GET /api/status` at change `seq`. */
  status(seq: number): StatusJson {
    const r = this.current().result
    const errors = new Set(r.findings.filter((f) => f.severity === "error" && f.precinct !== null).map((f) => f.precinct))
    return {
      status: r.status,
      seq,
      precincts: {
        registered: r.precincts.registered,
        reported: r.precincts.counted,
        missing: r.precincts.missing.length,
        preliminary: this.preliminary(),
        errors: errors.size,
        annulled: r.precincts.annulled.length
      }
    }
  }
}
