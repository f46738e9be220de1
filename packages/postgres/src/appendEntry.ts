import type { Pool } from 'pg'
import { createEpoch } from './eventId'
import { EVENT_COLUMNS } from './eventRow'
import type { Tables } from './tables'

/**
 * Appends one entry to `stream` in a single statement (one transaction): the stream's row is created
 * (with a fresh epoch) or its counter moved on, the entry inserted under that number, and `channel`
 * notified. The stream row stays locked until the commit, so numbers are dense and committed in order:
 * a reader that has taken n has seen every entry up to n. (A plain sequence gives neither: `nextval`
 * leaves holes on rollback, and a later number may commit before an earlier one.)
 */
export async function appendEntry(
  pool: Pool,
  tables: Tables,
  stream: string,
  channel: string,
  values: unknown[],
): Promise<{ epoch: string; seq: number }> {
  const params = values.map((_, i) => `$${i + 4}`).join(', ')
  const result = await pool.query<{ epoch: string; seq: string }>(
    `WITH head AS (
       INSERT INTO ${tables.streams} AS s (stream, epoch, seq) VALUES ($1, $2, 1)
       ON CONFLICT (stream) DO UPDATE SET seq = s.seq + 1
       RETURNING epoch, seq
     ), entry AS (
       INSERT INTO ${tables.events} (stream, epoch, seq, ${EVENT_COLUMNS})
       SELECT $1, head.epoch, head.seq, ${params} FROM head
     )
     SELECT head.epoch, head.seq, pg_notify($3, head.seq::text) FROM head`,
    [stream, createEpoch(), channel, ...values],
  )
  const row = result.rows[0]
  if (!row) throw new Error('the append returned no row')
  return { epoch: row.epoch, seq: Number(row.seq) }
}
