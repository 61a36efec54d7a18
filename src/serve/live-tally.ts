/**
 * The tally of election night, held in memory: the stored protocols, annulments and lots, and the result of
 * SPEC §3 they give. It is the one place the service asks for a result. Each write goes into the incremental
 * tally (src/tally: add a protocol, annul, lift an annulment), so a read never recomputes from the protocols:
 * it assembles the result from the tally as it stands, once per change, and serves that until the next.
 *
 * A protocol enters the tally with its place among the stored protocols as its "line"; a result maps it to
 * the line of `GET /api/protocols.csv` (precinct, source, version order), so the findings name the export
 * exactly as `kenesh tally` on that file would.
 */
import { createHash } from "node:crypto"
import type { Election } from "../ballot/election.js"
import type { ProtocolRow } from "../ballot/protocol.js"
import { compareFindings, type Finding } from "../reconciliation/finding.js"
import { jsonPieces } from "../report/json-pieces.js"
import type { Pieces } from "../report/pieces.js"
import { tallyResult, type TallyResult } from "../result/tally-result.js"
import { Tally, type TallyData } from "../tally/tally.js"
import type { Annulment, StoredLot, StoredProtocol } from "../store/store.js"
import { compareProtocols, exportLines, exportProtocols } from "./protocols-export.js"

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

/** What one change computes once and every read then serves; the export and the JSON only when asked for. */
interface Computed {
  readonly data: TallyData
  /** The result without its `inputs` (which need the export). */
  bare?: TallyResult
  result?: TallyResult
  /** The export, made anew at each reading from the rows' kept text, and its SHA-256. */
  export?: Pieces
  exportSha256?: string
  /** The bytes of `GET /api/result`, in pieces of about a megabyte: never one string. */
  resultJson?: ReadonlyArray<Buffer>
}

/** A stored protocol and its place in the tally (its number in the order stored, from 1). */
interface Entry {
  readonly protocol: StoredProtocol
  readonly id: number
}

/** The live tally of one election night. */
export class LiveTally {
  private readonly tally: Tally
  /** Every stored protocol in the order stored: entry `id - 1` is the protocol the tally knows as line `id`. */
  private readonly entries: Array<Entry> = []
  /** The entries in export order, and those stored since it was last brought up to date. */
  private sorted: Array<Entry> = []
  private added: Array<Entry> = []
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
    this.tally = new Tally(election, ["store"])
    this.annulledSet = new Set(election.annulled)
    this.add(protocols)
    for (const a of annulments) this.annul(a)
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

  /** Adds newly stored protocols (none of them stored before) to the tally. */
  add(protocols: ReadonlyArray<StoredProtocol>): void {
    const layout = this.election.layout
    for (const p of protocols) {
      const entry = { protocol: p, id: this.entries.length + 1 }
      this.entries.push(entry)
      this.added.push(entry)
      this.byIdentity.set(identity(p), p)
      this.precincts.add(p.precinct)
      const row: ProtocolRow = {
        file: 0,
        line: entry.id,
        offset: 0,
        precinct: p.precinct,
        precinctIndex: -1,
        precincts: null,
        territory: p.territory,
        district: p.district === "" ? -1 : (layout.districtIndex.get(p.district) ?? -1),
        version: p.version,
        source: p.source,
        values: p.values
      }
      this.tally.addProtocol(row)
    }
    this.computed = null
  }

  /** The entries in export order: the ones stored since are merged in (one pass). */
  private inOrder(): ReadonlyArray<Entry> {
    if (this.added.length === 0) return this.sorted
    const added = this.added.sort((a, b) => compareProtocols(a.protocol, b.protocol))
    const merged: Array<Entry> = []
    let i = 0
    let j = 0
    while (i < this.sorted.length || j < added.length)
      merged.push(j >= added.length || (i < this.sorted.length && compareProtocols(this.sorted[i].protocol, added[j].protocol) < 0) ? this.sorted[i++] : added[j++])
    this.sorted = merged
    this.added = []
    return merged
  }

  /** Whether the precinct is annulled now. */
  isAnnulled(precinct: string): boolean {
    return this.annulledSet.has(precinct)
  }

  /** Annuls a precinct or withdraws its annulment. */
  annul(a: Annulment): void {
    if (a.annulled) this.annulledSet.add(a.precinct)
    else this.annulledSet.delete(a.precinct)
    this.tally.annul(a.precinct, a.annulled)
    this.computed = null
  }

  /** Records a drawing of lots. */
  addLot(lot: StoredLot): void {
    this.lotList.push(lot)
    if (this.computed !== null) this.computed = { data: this.computed.data }
  }

  /** The election with the night's annulments and lots: what `kenesh tally` on the export needs to give the same result. */
  effectiveElection(lots: ReadonlyArray<StoredLot> = this.lotList): Election {
    return { ...this.election, annulled: [...this.annulledSet].sort(), lots }
  }

  /** The tally as it stands, its findings naming the lines of the export. */
  private current(): Computed {
    if (this.computed !== null) return this.computed
    const data = this.tally.data()
    const order = this.inOrder()
    const lines = exportLines(order.map((e) => e.protocol))
    const lineOf = new Int32Array(this.entries.length + 1)
    order.forEach((e, i) => (lineOf[e.id] = lines[i]))
    const findings = data.findings.map((f): Finding => (f.file === "store" && f.line !== null ? { ...f, line: lineOf[f.line] } : f)).sort(compareFindings)
    this.computed = { data: { ...data, findings } }
    return this.computed
  }

  /** The number of lots that settled a tie in the current result, and in the result with `lot` added. */
  settledLots(lot: StoredLot): { now: number; with: number } {
    const count = (r: TallyResult) =>
      "districts" in r.allocation && r.allocation.districts !== undefined ? r.allocation.districts.reduce((n, d) => n + d.lots.length, 0) : (r.allocation as { lots: ReadonlyArray<unknown> }).lots.length
    const trial = tallyResult(this.effectiveElection([...this.lotList, lot]), [], this.current().data, this.tally)
    return { now: count(this.bare()), with: count(trial) }
  }

  /** The export of what is stored now, and its SHA-256. */
  private exported(): { export: Pieces; sha256: string } {
    const c = this.current()
    if (c.export === undefined || c.exportSha256 === undefined) {
      c.export = exportProtocols(this.election, this.inOrder().map((e) => e.protocol))
      const hash = createHash("sha256")
      for (const piece of c.export) hash.update(piece)
      c.exportSha256 = hash.digest("hex")
    }
    return { export: c.export, sha256: c.exportSha256 }
  }

  private bare(): TallyResult {
    const c = this.current()
    return (c.bare ??= tallyResult(this.effectiveElection(), [], c.data, this.tally))
  }

  /** The result of SPEC §3 for what is stored now, `inputs` naming the export. */
  result(): TallyResult {
    const c = this.current()
    return (c.result ??= { ...this.bare(), inputs: [{ file: "store", sha256: this.exported().sha256 }] })
  }

  /** The findings of the current result about these precincts. */
  findingsOf(precincts: ReadonlySet<string>): TallyResult["findings"] {
    return this.current().data.findings.filter((f) => f.precinct !== null && precincts.has(f.precinct))
  }

  /** The result as `GET /api/result` serves it (compact JSON and a line end), made once per change and kept as bytes in pieces. */
  resultJson(): ReadonlyArray<Buffer> {
    const c = this.current()
    return (c.resultJson ??= Array.from(jsonPieces(this.result(), "compact"), (piece) => Buffer.from(piece)))
  }

  /** The stored protocols as a protocols file (`GET /api/protocols.csv`), in pieces. */
  protocolsCsv(): Pieces {
    return this.exported().export
  }

  /** `GET /api/status` at change `seq`. */
  status(seq: number): StatusJson {
    const r = this.bare()
    const errors = new Set(r.findings.filter((f) => f.severity === "error" && f.precinct !== null).map((f) => f.precinct))
    return {
      status: r.status,
      seq,
      precincts: {
        registered: r.precincts.registered,
        reported: r.precincts.counted,
        missing: r.precincts.missing.length,
        preliminary: r.precincts.preliminary.length,
        errors: errors.size,
        annulled: r.precincts.annulled.length
      }
    }
  }
}
