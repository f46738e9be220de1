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

/** The hub's tables, each prefixed `ssehub_`, so an app may keep its own beside them. */
const SCHEMA = `
CREATE TABLE IF NOT EXISTS ssehub_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS ssehub_events (
  seq INTEGER PRIMARY KEY,
  published_at INTEGER NOT NULL,
  message TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS ssehub_tickets (
  ticket TEXT PRIMARY KEY,
  owner TEXT NOT NULL,
  principal TEXT NOT NULL,
  expires_at INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS ssehub_tickets_by_owner ON ssehub_tickets (owner, expires_at);
CREATE INDEX IF NOT EXISTS ssehub_tickets_by_expiry ON ssehub_tickets (expires_at);
`

/** Creates the hub's tables (idempotent: `IF NOT EXISTS`). */
export function ensureSchema(sql: SqlStorage): void {
  sql.exec(SCHEMA)
}

/** A value of `ssehub_meta`, or `undefined`. */
export function readMeta(sql: SqlStorage, key: string): string | undefined {
  const [row] = sql.exec<{ value: string }>('SELECT value FROM ssehub_meta WHERE key = ?', key).toArray()
  return row?.value
}

export function writeMeta(sql: SqlStorage, key: string, value: string): void {
  sql.exec('INSERT OR REPLACE INTO ssehub_meta (key, value) VALUES (?, ?)', key, value)
}
