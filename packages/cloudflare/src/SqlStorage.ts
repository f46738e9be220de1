import { HubError } from '@ssehub/server'

/**
 * The part of a Durable Object's storage (`ctx.storage`) the engine uses: its SQLite API and synchronous
 * transactions. Structural, so `ctx.storage` of a SQLite-backed object fits as it is.
 */
export interface ObjectStorage {
  readonly sql: SqlStorage
  transactionSync<T>(closure: () => T): T
}

/** `ctx.storage.sql`, as far as the engine uses it. */
export interface SqlStorage {
  exec<Row extends Record<string, SqlValue>>(query: string, ...bindings: SqlValue[]): SqlCursor<Row>
}

/** A value SQLite storage takes and gives back. */
export type SqlValue = string | number | null | ArrayBuffer

/** What `exec` returns: rows to read once. */
export interface SqlCursor<Row> {
  toArray(): Row[]
}

/** The engine's tables in one storage: `<prefix>_meta`, `<prefix>_events`, `<prefix>_tickets`. */
export interface HubTables {
  readonly sql: SqlStorage
  readonly meta: string
  readonly events: string
  readonly tickets: string
  /** Creates the tables and their indexes (idempotent: `IF NOT EXISTS`). */
  ensure(): void
  readMeta(key: string): string | undefined
  writeMeta(key: string, value: string): void
}

const PREFIX = /^[a-z][a-z0-9_]{0,31}$/

/**
 * The tables of a hub named by `prefix` (`ssehub` unless the object holds several hubs), so an app keeps
 * its own tables beside them.
 */
export function hubTables(sql: SqlStorage, prefix: string): HubTables {
  if (!PREFIX.test(prefix)) {
    throw new HubError(
      'invalid_option',
      `durableObjectEngine: tablePrefix must match ${PREFIX}, got ${JSON.stringify(prefix)}`,
      {
        status: 500,
      },
    )
  }
  const meta = `${prefix}_meta`
  const events = `${prefix}_events`
  const tickets = `${prefix}_tickets`
  return {
    sql,
    meta,
    events,
    tickets,
    ensure() {
      sql.exec(`
        CREATE TABLE IF NOT EXISTS ${meta} (key TEXT PRIMARY KEY, value TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS ${events} (
          seq INTEGER PRIMARY KEY,
          published_at INTEGER NOT NULL,
          message TEXT NOT NULL
        );
        CREATE TABLE IF NOT EXISTS ${tickets} (
          ticket TEXT PRIMARY KEY,
          owner TEXT NOT NULL,
          principal TEXT NOT NULL,
          expires_at INTEGER NOT NULL
        );
        CREATE INDEX IF NOT EXISTS ${tickets}_by_owner ON ${tickets} (owner, expires_at);
        CREATE INDEX IF NOT EXISTS ${tickets}_by_expiry ON ${tickets} (expires_at);
      `)
    },
    readMeta(key) {
      const [row] = sql.exec<{ value: string }>(`SELECT value FROM ${meta} WHERE key = ?`, key).toArray()
      return row?.value
    },
    writeMeta(key, value) {
      sql.exec(`INSERT OR REPLACE INTO ${meta} (key, value) VALUES (?, ?)`, key, value)
    },
  }
}
