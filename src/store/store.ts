/**
 * The election-night store: one SQLite file (better-sqlite3) in WAL mode with `synchronous = FULL`, so a
 * write is acknowledged only once its transaction is on disk and survives `kill -9`. Each request is one
 * transaction (its audit row and its writes), so after a crash it is there whole or not at all.
 */
import Database from "better-sqlite3"
import * as Either from "effect/Either"
import * as fs from "node:fs"
import { blank, type ProtocolSource } from "../ballot/protocol.js"
import { migrations } from "./migrations.js"

/** The election a store was made for: its files as read at the first start, and their fingerprint. */
export interface ElectionRecord {
  readonly id: string
  /** SHA-256 over the election file and its registry CSV (if any): another definition is another election. */
  readonly sha256: string
  readonly file: string
  readonly text: string
  readonly registryFile: string | null
  readonly registryText: string | null
}

/** A protocol as stored: its identity (precinct, source, version), its ids and its counts (lines then choices, `blank` for another district's candidates). */
export interface StoredProtocol {
  readonly precinct: string
  readonly source: ProtocolSource
  readonly version: number
  readonly territory: string
  /** The district id (majoritarian), "" for proportional. */
  readonly district: string
  readonly values: Float64Array
}

/** An annulment (or its withdrawal) as recorded. */
export interface Annulment {
  readonly precinct: string
  readonly annulled: boolean
}

/** A drawing of lots as recorded. */
export interface StoredLot {
  readonly among: ReadonlyArray<string>
  readonly winners: ReadonlyArray<string>
}

/** One write request in the audit log (SPEC §6 `GET /api/audit`, plus who sent it and the HTTP status). */
export interface AuditEntry {
  readonly seq: number
  readonly time: string
  readonly action: string
  /** A prefix of the SHA-256 of the token presented (never the token), or null when none was. */
  readonly token: string | null
  readonly sha256: string | null
  readonly outcome: string
  readonly status: number
  readonly precincts: ReadonlyArray<string>
}

/** What one request writes besides its audit row. */
export interface Writes {
  readonly protocols?: ReadonlyArray<StoredProtocol>
  readonly annulment?: Annulment
  readonly lot?: StoredLot
}

const encodeCounts = (values: Float64Array): string => JSON.stringify(Array.from(values, (v) => (v === blank ? null : v)))
const decodeCounts = (text: string): Float64Array => Float64Array.from(JSON.parse(text) as Array<number | null>, (v) => (v === null ? blank : v))

/**
 * Takes the lock that lets one service at a time write a store: an exclusive transaction held open on a
 * small SQLite file beside it (`STORE.lock`). The operating system releases it when the process ends, even
 * by `kill -9`; readers of the store (`tally --store`) do not need it. A string says why it cannot be had.
 */
const lockFor = (file: string): Database.Database | string => {
  let lock: Database.Database
  try {
    lock = new Database(`${file}.lock`)
  } catch (e) {
    return `cannot open the lock file ${file}.lock: ${(e as Error).message}`
  }
  try {
    lock.pragma("busy_timeout = 0")
    lock.exec("BEGIN EXCLUSIVE")
    return lock
  } catch {
    lock.close()
    return `the store ${file} is in use by another kenesh serve; stop it first`
  }
}

/** The durable store of one election night. */
export class Store {
  private readonly insertAudit: Database.Statement
  private readonly insertProtocol: Database.Statement
  private readonly insertAnnulment: Database.Statement
  private readonly insertLot: Database.Statement

  private constructor(
    private readonly db: Database.Database,
    /** The election the store was made for. */
    readonly election: ElectionRecord,
    /** Held by the one service writing the store (see `lockFor`), null for a reader. */
    private readonly lock: Database.Database | null
  ) {
    this.insertAudit = db.prepare("INSERT INTO audit (time, action, token, sha256, outcome, status, precincts, change) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
    this.insertProtocol = db.prepare("INSERT INTO protocol (precinct, source, version, territory, district, counts, request) VALUES (?, ?, ?, ?, ?, ?, ?)")
    this.insertAnnulment = db.prepare("INSERT INTO annulment (precinct, annulled, request) VALUES (?, ?, ?)")
    this.insertLot = db.prepare("INSERT INTO lot (among, winners, request) VALUES (?, ?, ?)")
  }

  /**
   * Opens the store at `file`. With `election`, it is created for that election if absent, and refused when it
   * was made for another; without, it must exist (read it, e.g. `tally --store`). Left: why it cannot be used.
   */
  static open(file: string, election: ElectionRecord | null): Either.Either<Store, string> {
    if (election === null && !fs.existsSync(file)) return Either.left(`there is no store at ${file}`)
    const lock = election === null ? null : lockFor(file)
    if (typeof lock === "string") return Either.left(lock)
    let db: Database.Database
    try {
      db = new Database(file, { fileMustExist: election === null })
    } catch (e) {
      lock?.close()
      return Either.left(`cannot open the store ${file}: ${(e as Error).message}`)
    }
    const close = () => {
      db.close()
      lock?.close()
    }
    try {
      db.pragma("journal_mode = WAL")
      db.pragma("synchronous = FULL")
      db.pragma("foreign_keys = ON")
      db.pragma("busy_timeout = 5000")
      const version = db.pragma("user_version", { simple: true }) as number
      if (version === 0 && (db.prepare("SELECT count(*) AS n FROM sqlite_master").get() as { n: number }).n > 0) {
        close()
        return Either.left(`${file} is an SQLite file but not a kenesh store`)
      }
      if (version > migrations.length) {
        close()
        return Either.left(`the store ${file} was made by a newer kenesh (schema ${version}; this one knows ${migrations.length})`)
      }
      for (let i = version; i < migrations.length; i++)
        db.transaction(() => {
          db.exec(migrations[i])
          db.pragma(`user_version = ${i + 1}`)
        }).immediate()
      const row = db.prepare("SELECT id, sha256, file, text, registry_file, registry_text FROM election").get() as
        | { id: string; sha256: string; file: string; text: string; registry_file: string | null; registry_text: string | null }
        | undefined
      if (row === undefined) {
        if (election === null) {
          close()
          return Either.left(`the store ${file} records no election`)
        }
        db.prepare("INSERT INTO election (one, id, sha256, file, text, registry_file, registry_text, created) VALUES (1, ?, ?, ?, ?, ?, ?, ?)").run(
          election.id,
          election.sha256,
          election.file,
          election.text,
          election.registryFile,
          election.registryText,
          new Date().toISOString()
        )
        return Either.right(new Store(db, election, lock))
      }
      const recorded: ElectionRecord = { id: row.id, sha256: row.sha256, file: row.file, text: row.text, registryFile: row.registry_file, registryText: row.registry_text }
      if (election !== null && election.sha256 !== recorded.sha256) {
        close()
        return Either.left(
          election.id === recorded.id
            ? `the store ${file} was made for another definition of election "${recorded.id}" (${recorded.file}, SHA-256 ${recorded.sha256.slice(0, 12)}…); ${election.file} differs (${election.sha256.slice(0, 12)}…)`
            : `the store ${file} was made for election "${recorded.id}", not "${election.id}"`
        )
      }
      return Either.right(new Store(db, recorded, lock))
    } catch (e) {
      close()
      return Either.left(`cannot use the store ${file}: ${(e as Error).message}`)
    }
  }

  /** Every stored protocol, every source and version (in no particular order). */
  protocols(): Array<StoredProtocol> {
    const rows = this.db.prepare("SELECT precinct, source, version, territory, district, counts FROM protocol").all() as Array<{
      precinct: string
      source: ProtocolSource
      version: number
      territory: string
      district: string
      counts: string
    }>
    return rows.map((r) => ({ precinct: r.precinct, source: r.source, version: r.version, territory: r.territory, district: r.district, values: decodeCounts(r.counts) }))
  }

  /** Annulments and withdrawals, in the order recorded. */
  annulments(): Array<Annulment> {
    return (this.db.prepare("SELECT precinct, annulled FROM annulment ORDER BY seq").all() as Array<{ precinct: string; annulled: number }>).map((r) => ({
      precinct: r.precinct,
      annulled: r.annulled === 1
    }))
  }

  /** Drawings of lots, in the order recorded. */
  lots(): Array<StoredLot> {
    return (this.db.prepare("SELECT among, winners FROM lot ORDER BY seq").all() as Array<{ among: string; winners: string }>).map((r) => ({
      among: JSON.parse(r.among) as Array<string>,
      winners: JSON.parse(r.winners) as Array<string>
    }))
  }

  /** The number of changes recorded so far (the status `seq`). */
  seq(): number {
    return (this.db.prepare("SELECT coalesce(max(change), 0) AS n FROM audit").get() as { n: number }).n
  }

  /** The audit log, in order. */
  audit(): Array<AuditEntry> {
    return (
      this.db.prepare("SELECT seq, time, action, token, sha256, outcome, status, precincts FROM audit ORDER BY seq").all() as Array<
        Omit<AuditEntry, "precincts"> & { precincts: string }
      >
    ).map((r) => ({ ...r, precincts: JSON.parse(r.precincts) as Array<string> }))
  }

  /**
   * Records one request in one transaction: its audit row and its writes; `change` is the new status seq
   * when the request changes the store. Returns only after the commit is on disk.
   */
  record(entry: Omit<AuditEntry, "seq">, change: number | null, writes: Writes = {}): number {
    const { insertAudit, insertProtocol } = this
    return this.db.transaction(() => {
      const seq = Number(
        insertAudit.run(entry.time, entry.action, entry.token, entry.sha256, entry.outcome, entry.status, JSON.stringify(entry.precincts), change).lastInsertRowid
      )
      for (const p of writes.protocols ?? []) insertProtocol.run(p.precinct, p.source, p.version, p.territory, p.district, encodeCounts(p.values), seq)
      if (writes.annulment !== undefined)
        this.insertAnnulment.run(writes.annulment.precinct, writes.annulment.annulled ? 1 : 0, seq)
      if (writes.lot !== undefined)
        this.insertLot.run(JSON.stringify(writes.lot.among), JSON.stringify(writes.lot.winners), seq)
      return seq
    }).immediate()
  }

  /** Runs `work` in one transaction: every `record` in it is committed together (one sync), or none is. */
  group<A>(work: () => A): A {
    return this.db.transaction(work).immediate()
  }

  /** Closes the database (the WAL is checkpointed). */
  close(): void {
    this.db.close()
    this.lock?.close()
  }
}
