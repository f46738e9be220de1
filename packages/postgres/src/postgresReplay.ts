import {
  assertPositiveIntegers,
  entryContinuity,
  type HubEvent,
  isExpired,
  type LogPosition,
  REPLAY_WINDOW_DEFAULTS,
  type ReplayResult,
  type ReplayStore,
  refuseRenamedOptions,
} from '@ssehub/server/engine'
import { parseEventId } from './eventId'
import { decodeRow, type EventRow } from './eventRow'
import { ensureTables } from './migrate'
import type { PostgresEngineOptions } from './PostgresEngineOptions'
import { tablesIn } from './tables'

export interface PostgresReplayOptions extends PostgresEngineOptions {
  /**
   * The replay window by count: most events one resume reads; a client further behind gets `resync`
   * (`replay-gap`). Give `postgresBus` the same `maxEvents`. @default 10_000
   */
  maxEvents?: number
  /**
   * The replay window by age: a client that missed an event older than this gets `resync` (`replay-gap`).
   * Give `postgresBus` the same `maxAgeMs`. @default 300_000 (5 minutes)
   */
  maxAgeMs?: number
  /** Entries per query. @default 500 */
  pageSize?: number
}

/**
 * The replay store of the Postgres engine: the table is the record (`record` does nothing), and a resume
 * reads the rows after `Last-Event-ID` back in pages, on whichever node the client reached, filtered as
 * live delivery is. Numbers are dense, so a missing one (trimmed by count or age), a gap marker in
 * between, or a client more than `maxEvents` behind (or that missed one older than `maxAgeMs`) gets
 * `resync` `replay-gap`; an id of another epoch (a truncated table, another database) or not of this
 * engine gets `epoch`. When the database can't answer, the resume gets `replay-gap` too: the client
 * refetches rather than miss a thing.
 */
export function postgresReplay(options: PostgresReplayOptions): ReplayStore {
  refuseRenamedOptions('postgresReplay', options, { maxReplay: 'maxEvents' })
  const {
    pool,
    schema,
    createTables = true,
    stream = 'events',
    maxEvents = REPLAY_WINDOW_DEFAULTS.maxEvents,
    maxAgeMs = REPLAY_WINDOW_DEFAULTS.maxAgeMs,
    pageSize = 500,
  } = options
  assertPositiveIntegers('postgresReplay', { maxEvents, maxAgeMs, pageSize })
  const tables = tablesIn(schema)

  async function since(
    lastEventId: string,
    headId: string,
    filter: (event: HubEvent) => boolean,
  ): Promise<ReplayResult> {
    const last = parseEventId(lastEventId)
    const head = parseEventId(headId)
    if (!last || !head || last.epoch !== head.epoch) return { resync: 'epoch' }
    if (last.seq === head.seq) return { events: [] }
    await ensureTables(pool, tables, createTables)
    if (last.seq > head.seq) {
      // Another node already delivered it and this one has not read that far: nothing was missed, if
      // the stream really issued it.
      const { rows } = await pool.query<{ epoch: string; seq: string }>(
        `SELECT epoch, seq FROM ${tables.streams} WHERE stream = $1`,
        [stream],
      )
      const current = rows[0]
      return current?.epoch === last.epoch && last.seq <= Number(current.seq)
        ? { events: [] }
        : { resync: 'epoch' }
    }
    if (head.seq - last.seq > maxEvents) return { resync: 'replay-gap' }
    const events: HubEvent[] = []
    const now = Date.now()
    let position: LogPosition = last
    while (position.seq < head.seq) {
      const { rows } = await pool.query<EventRow>(
        `SELECT seq, kind, type, topics, data, lane, coalesce_key, grp, ttl_ms, supersedes, published_at
         FROM ${tables.events}
         WHERE stream = $1 AND epoch = $2 AND seq > $3 AND seq <= $4
         ORDER BY seq LIMIT $5`,
        [stream, last.epoch, position.seq, head.seq, pageSize],
      )
      if (rows.length === 0) return { resync: 'replay-gap' }
      for (const row of rows) {
        const seq = Number(row.seq)
        if (entryContinuity(position, { epoch: last.epoch, seq }) !== 'next') return { resync: 'replay-gap' }
        position = { epoch: last.epoch, seq }
        const record = decodeRow(last.epoch, row)
        if (record?.kind === 'gap') return { resync: 'replay-gap' }
        if (record && now - record.event.publishedAt > maxAgeMs) return { resync: 'replay-gap' }
        if (record && !isExpired(record.event, now) && filter(record.event)) events.push(record.event)
      }
    }
    return { events }
  }

  return {
    record() {},
    async since(lastEventId, headId, filter) {
      try {
        return await since(lastEventId, headId, filter)
      } catch (error) {
        console.warn('[ssehub/postgres] replay failed, answering resync:', (error as Error).message)
        return { resync: 'replay-gap' }
      }
    },
  }
}
