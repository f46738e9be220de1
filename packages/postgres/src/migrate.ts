import type { Pool } from 'pg'
import { quoteIdentifier, type Tables, tablesIn } from './tables'

/** The statements that create the engine's tables and indexes (idempotent), for a migration tool. */
export function schemaSql(schema?: string): string {
  const t = tablesIn(schema)
  return `${schema === undefined ? '' : `CREATE SCHEMA IF NOT EXISTS ${quoteIdentifier(schema)};\n`}CREATE TABLE IF NOT EXISTS ${t.streams} (
  stream text PRIMARY KEY,
  epoch text NOT NULL,
  seq bigint NOT NULL
);
CREATE TABLE IF NOT EXISTS ${t.events} (
  stream text NOT NULL,
  epoch text NOT NULL,
  seq bigint NOT NULL,
  kind text NOT NULL,
  type text,
  topics text[],
  data text,
  lane text,
  coalesce_key text,
  grp jsonb,
  ttl_ms double precision,
  supersedes text,
  published_at double precision,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (stream, epoch, seq)
);
CREATE INDEX IF NOT EXISTS ssehub_events_created_at ON ${t.events} (stream, created_at);
CREATE TABLE IF NOT EXISTS ${t.tickets} (
  ticket text PRIMARY KEY,
  owner text NOT NULL,
  principal jsonb NOT NULL,
  expires_at timestamptz NOT NULL
);
CREATE INDEX IF NOT EXISTS ssehub_tickets_expires_at ON ${t.tickets} (expires_at);
CREATE INDEX IF NOT EXISTS ssehub_tickets_owner ON ${t.tickets} (owner, expires_at);
`
}

export interface MigrateOptions {
  /** A schema of their own for the tables (created if missing); omitted, they go on the search path. */
  schema?: string
}

/**
 * Creates the engine's tables if they are missing: `ssehub_streams` (each stream's epoch and counter),
 * `ssehub_events` (the log) and `ssehub_tickets`. Idempotent and safe to run from many nodes at once
 * (one transaction under an advisory lock). The bus, replay and ticket stores run it on first use unless
 * given `createTables: false`; call it yourself at deploy time when the app's role may not create tables.
 */
export async function migrate(pool: Pool, { schema }: MigrateOptions = {}): Promise<void> {
  const client = await pool.connect()
  try {
    await client.query('BEGIN')
    await client.query("SELECT pg_advisory_xact_lock(hashtext('ssehub:migrate'))")
    await client.query(schemaSql(schema))
    await client.query('COMMIT')
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {})
    throw error
  } finally {
    client.release()
  }
}

const migrated = new WeakMap<Pool, Map<string, Promise<void>>>()

/**
 * Runs `migrate` once per pool and schema (the bus, replay and ticket store share it); a failed run is
 * forgotten, so the next use tries again (the database may have been away).
 */
export function ensureTables(pool: Pool, tables: Tables, createTables: boolean): Promise<void> {
  if (!createTables) return Promise.resolve()
  let byPool = migrated.get(pool)
  if (!byPool) {
    byPool = new Map()
    migrated.set(pool, byPool)
  }
  const key = tables.schema ?? ''
  let done = byPool.get(key)
  if (!done) {
    done = migrate(pool, { schema: tables.schema })
    byPool.set(key, done)
    done.catch(() => byPool.delete(key))
  }
  return done
}

/** After a failed query: when it failed for a missing table (someone dropped it), the next use makes the tables again. */
export function forgetTablesIfMissing(pool: Pool, tables: Tables, error: unknown): void {
  if ((error as { code?: unknown } | undefined)?.code === '42P01')
    migrated.get(pool)?.delete(tables.schema ?? '')
}
