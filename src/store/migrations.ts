/**
 * The store's schema as numbered migrations: migration `i` (1-based) takes a store from `user_version` i-1 to i.
 * Migrations are only ever appended; a shipped one is never edited. Every table is STRICT, and the tables of
 * record (protocols, annulments, lots, audit) are append-only: triggers refuse any UPDATE or DELETE.
 */

/** Refuses updates and deletes of `table`: what is recorded stays as recorded. */
const appendOnly = (table: string): string => `
  CREATE TRIGGER ${table}_no_update BEFORE UPDATE ON ${table} BEGIN SELECT RAISE(ABORT, '${table} is append-only'); END;
  CREATE TRIGGER ${table}_no_delete BEFORE DELETE ON ${table} BEGIN SELECT RAISE(ABORT, '${table} is append-only'); END;`

/** The migrations, in order. */
export const migrations: ReadonlyArray<string> = [
  `
  -- The election the store was made for: one row, its files as they were read, and their fingerprint.
  CREATE TABLE election (
    one INTEGER PRIMARY KEY CHECK (one = 1),
    id TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    file TEXT NOT NULL,
    text TEXT NOT NULL,
    registry_file TEXT,
    registry_text TEXT,
    created TEXT NOT NULL
  ) STRICT;
  -- Every write request, accepted or refused, in order. token: a SHA-256 prefix of the token presented, never the token.
  -- change: the status seq this request moved the store to, or NULL when it changed nothing.
  CREATE TABLE audit (
    seq INTEGER PRIMARY KEY,
    time TEXT NOT NULL,
    action TEXT NOT NULL,
    token TEXT,
    sha256 TEXT,
    outcome TEXT NOT NULL,
    status INTEGER NOT NULL,
    precincts TEXT NOT NULL,
    change INTEGER UNIQUE
  ) STRICT;
  -- Every protocol version ever accepted; a correction is a new row with a higher version.
  CREATE TABLE protocol (
    precinct TEXT NOT NULL,
    source TEXT NOT NULL CHECK (source IN ('manual', 'asu')),
    version INTEGER NOT NULL CHECK (version >= 1),
    territory TEXT NOT NULL,
    district TEXT NOT NULL,
    counts TEXT NOT NULL,
    request INTEGER NOT NULL REFERENCES audit (seq),
    PRIMARY KEY (precinct, source, version)
  ) STRICT, WITHOUT ROWID;
  -- Annulments and their withdrawals, in order: the last one of a precinct stands.
  CREATE TABLE annulment (
    seq INTEGER PRIMARY KEY,
    precinct TEXT NOT NULL,
    annulled INTEGER NOT NULL CHECK (annulled IN (0, 1)),
    request INTEGER NOT NULL REFERENCES audit (seq)
  ) STRICT;
  -- Drawings of lots, in order.
  CREATE TABLE lot (
    seq INTEGER PRIMARY KEY,
    among TEXT NOT NULL,
    winners TEXT NOT NULL,
    request INTEGER NOT NULL REFERENCES audit (seq)
  ) STRICT;
  ${appendOnly("audit")}
  ${appendOnly("protocol")}
  ${appendOnly("annulment")}
  ${appendOnly("lot")}
  `
]
