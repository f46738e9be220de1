import type { Pool } from 'pg'
import type { Tables } from './tables'

/**
 * Deletes the entries of `stream` that fell out of the window: more than `maxEvents` behind its newest,
 * older than `maxAgeMs`, or left from an epoch the stream no longer has. Every node runs it; running it
 * twice at once deletes nothing twice.
 */
export async function trimEvents(
  pool: Pool,
  tables: Tables,
  stream: string,
  maxEvents: number,
  maxAgeMs: number,
): Promise<number> {
  const result = await pool.query(
    `DELETE FROM ${tables.events} e
     USING ${tables.streams} m
     WHERE e.stream = $1 AND m.stream = $1
       AND (e.epoch <> m.epoch OR e.seq <= m.seq - $2 OR e.created_at < now() - $3 * interval '1 millisecond')`,
    [stream, maxEvents, maxAgeMs],
  )
  return result.rowCount ?? 0
}
