/** The store (src/store): numbered migrations, STRICT append-only tables, one election per store, one transaction per request. */
import Database from "better-sqlite3"
import { Either } from "effect"
import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import { describe, expect, it } from "vitest"
import { migrations } from "../../src/store/migrations.js"
import { Store, type ElectionRecord } from "../../src/store/store.js"

const record = (id = "e1", sha256 = "a".repeat(64)): ElectionRecord => ({ id, sha256, file: "election.json", text: "{}", registryFile: null, registryText: null })
const fresh = () => path.join(fs.mkdtempSync(path.join(os.tmpdir(), "kenesh-store-test-")), "night.db")
const open = (file: string, r: ElectionRecord | null = record()) => Either.getOrThrow(Store.open(file, r))
const entry = (outcome: string) => ({ time: "2026-12-01T20:00:00.000Z", action: "protocols", token: "t", sha256: null, outcome, status: 200, precincts: ["1"] })
const protocol = (precinct: string, version = 1) => ({ precinct, source: "manual" as const, version, territory: "T1", district: "", values: Float64Array.from([10, 10, -1]) })

describe("Store", () => {
  it("is created by the numbered migrations, in WAL mode with synchronous FULL, its schema version their count", () => {
    const file = fresh()
    open(file).close()
    const db = new Database(file)
    expect(db.pragma("user_version", { simple: true })).toBe(migrations.length)
    expect(db.pragma("journal_mode", { simple: true })).toBe("wal")
    const tables = db.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as Array<{ name: string; sql: string }>
    expect(tables.map((t) => t.name)).toEqual(["annulment", "audit", "election", "lot", "protocol"])
    expect(tables.every((t) => /STRICT/.test(t.sql))).toBe(true)
    db.close()
  })

  it("keeps what a request recorded across a reopen: protocols (every version), annulments, lots, the audit and the change count", () => {
    const file = fresh()
    const s = open(file)
    s.record(entry("stored"), 1, { protocols: [protocol("1"), protocol("2")] })
    s.record(entry("stored"), 2, { protocols: [protocol("1", 2)] })
    s.record(entry("unchanged"), null)
    s.record({ ...entry("annulled"), action: "annulled" }, 3, { annulment: { precinct: "2", annulled: true } })
    s.record({ ...entry("settled"), action: "lots" }, 4, { lot: { among: ["a", "b"], winners: ["b"] } })
    s.close()
    const again = open(file)
    expect(again.protocols().map((p) => [p.precinct, p.version, Array.from(p.values)]).sort()).toEqual([["1", 1, [10, 10, -1]], ["1", 2, [10, 10, -1]], ["2", 1, [10, 10, -1]]])
    expect(again.annulments()).toEqual([{ precinct: "2", annulled: true }])
    expect(again.lots()).toEqual([{ among: ["a", "b"], winners: ["b"] }])
    expect(again.audit().map((a) => [a.seq, a.outcome])).toEqual([[1, "stored"], [2, "stored"], [3, "unchanged"], [4, "annulled"], [5, "settled"]])
    expect(again.seq()).toBe(4)
    again.close()
  })

  it("a request is recorded whole or not at all: a protocol stored twice fails the request, audit row included", () => {
    const s = open(fresh())
    s.record(entry("stored"), 1, { protocols: [protocol("1")] })
    expect(() => s.record(entry("stored"), 2, { protocols: [protocol("2"), protocol("1")] })).toThrow()
    expect(s.protocols().map((p) => p.precinct)).toEqual(["1"])
    expect(s.audit()).toHaveLength(1)
    s.close()
  })

  it("the tables of record are append-only: an UPDATE or DELETE is refused", () => {
    const file = fresh()
    const s = open(file)
    s.record(entry("stored"), 1, { protocols: [protocol("1")] })
    s.close()
    const db = new Database(file)
    expect(() => db.exec("UPDATE audit SET outcome = 'x'")).toThrow("audit is append-only")
    expect(() => db.exec("DELETE FROM protocol")).toThrow("protocol is append-only")
    expect(() => db.exec("UPDATE protocol SET counts = '[]'")).toThrow("protocol is append-only")
    expect(() => db.exec("INSERT INTO annulment (precinct, annulled, request) VALUES ('1', 'yes', 1)")).toThrow()
    db.close()
  })

  it("refuses another election, a file that is not a store, a newer schema, and a missing store when reading", () => {
    const file = fresh()
    open(file).close()
    expect(Store.open(file, record("e2", "b".repeat(64)))).toEqual(Either.left(`the store ${file} was made for election "e1", not "e2"`))
    expect(Either.getLeft(Store.open(file, record("e1", "b".repeat(64)))).pipe((m) => m._tag === "Some" && m.value)).toMatch(/was made for another definition of election "e1"/)
    expect(Either.isRight(Store.open(file, null))).toBe(true)
    const other = fresh()
    const db = new Database(other)
    db.exec("CREATE TABLE notes (x TEXT)")
    db.close()
    expect(Store.open(other, record())).toEqual(Either.left(`${other} is an SQLite file but not a kenesh store`))
    const newer = fresh()
    open(newer).close()
    const n = new Database(newer)
    n.pragma(`user_version = ${migrations.length + 1}`)
    n.close()
    expect(Either.getLeft(Store.open(newer, record())).pipe((m) => m._tag === "Some" && m.value)).toMatch(/made by a newer kenesh/)
    expect(Store.open(path.join(path.dirname(file), "none.db"), null)).toEqual(Either.left(`there is no store at ${path.join(path.dirname(file), "none.db")}`))
  })
})
