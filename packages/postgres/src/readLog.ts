import type { LogPosition } from '@ssehub/server/engine'
import type { Pool } from 'pg'
import type { EventRow } from './eventRow'
import type { Tables } from './tables'

/** One read of the log: the stream's head and the server's start, with the entries after a position, in one snapshot. */
export interface LogRead {
  head: LogPosition
  /** `pg_postmaster_start_time()`: a new one means the server restarted (or another took over). */
  serverStart: string
  rows: EventRow[]
}

/**
 * Reads up to `limit` entries of `stream` after `after.seq` (in `after`'s epoch), with the stream's
 * epoch and newest number, in one statement: one snapshot, so the head and the entries agree.
 */
export async function readLog(
  pool: Pool,
  tables: Tables,
  stream: string,
  after: LogPosition,
  limit: number,
): Promise<LogRead> {
  const result = await pool.query<
    Partial<EventRow> & { head_epoch: string | null; head_seq: string | null; server_start: string }
  >(
    `SELECT m.epoch AS head_epoch, m.seq AS head_seq, pg_postmaster_start_time()::text AS server_start, e.*
     FROM (SELECT 1) AS one
     LEFT JOIN ${tables.streams} m ON m.stream = $1
     LEFT JOIN LATERAL (
       SELECT seq, kind, type, topics, data, lane, coalesce_key, grp, ttl_ms, supersedes, published_at
       FROM ${tables.events}
       WHERE stream = $1 AND epoch = m.epoch AND seq > $2
       ORDER BY seq
       LIMIT $3
     ) e ON m.epoch = $4
     ORDER BY e.seq`,
    [stream, after.seq, limit, after.epoch ?? ''],
  )
  const first = result.rows[0]!
  return {
    head: { epoch: first.head_epoch ?? undefined, seq: Number(first.head_seq ?? 0) },
    serverStart: first.server_start,
    rows: result.rows.filter((row) => row.seq !== null && row.seq !== undefined) as EventRow[],
  }
}
