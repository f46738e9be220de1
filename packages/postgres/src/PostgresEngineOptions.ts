import type { Pool } from 'pg'

/** What the bus, the replay store and the ticket store of the Postgres engine share. */
export interface PostgresEngineOptions {
  /**
   * A `pg.Pool` (it may be the app's own). The bus holds one of its connections for LISTEN for as long
   * as it runs, and every query borrows one briefly: give the pool at least two more connections than the
   * app needs. Nothing here ends the pool.
   */
  pool: Pool
  /** A schema of their own for the tables; omitted, they go on the search path. */
  schema?: string
  /**
   * Create the tables on first use (`migrate`, idempotent, under an advisory lock). Set it to `false`
   * when the app's role may not create tables, and run `migrate()` or `schemaSql()` at deploy time.
   * @default true
   */
  createTables?: boolean
  /** The name of the event stream: streams in one table are independent. @default 'events' */
  stream?: string
}
