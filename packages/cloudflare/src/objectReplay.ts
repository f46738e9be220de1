import {
  type BusMessage,
  type HubEvent,
  isExpired,
  type ReplayResult,
  type ReplayStore,
} from '@ssehub/server/engine'
import { formatObjectEventId, parseObjectEventId } from './objectEventId'
import type { HubTables } from './SqlStorage'

interface EventRow extends Record<string, string | number> {
  seq: number
  published_at: number
  message: string
}

/**
 * Replay from the object's storage: the events `objectBus` appended. Seqs are contiguous, so a resume
 * whose next event is no longer stored (trimmed by count or age) is known to have a gap (`resync:
 * replay-gap`); an id of another epoch (storage wiped) or not of this engine gets `resync: epoch`.
 */
export function objectReplay(tables: HubTables, { maxAgeMs }: { maxAgeMs: number }): ReplayStore {
  return {
    // The bus stored it already.
    record() {},

    since(lastEventId, headId, filter): ReplayResult {
      const last = parseObjectEventId(lastEventId)
      const head = parseObjectEventId(headId)
      if (!last || !head || last.epoch !== head.epoch || last.seq > head.seq) return { resync: 'epoch' }
      if (last.seq === head.seq) return { events: [] }
      const now = Date.now()
      let rows: EventRow[]
      try {
        rows = tables.sql
          .exec<EventRow>(
            `SELECT seq, published_at, message FROM ${tables.events} WHERE seq > ? AND seq <= ? ORDER BY seq`,
            last.seq,
            head.seq,
          )
          .toArray()
      } catch {
        // The table is gone (`deleteAll()`): nothing of this epoch is known any more.
        return { resync: 'epoch' }
      }
      const first = rows[0]
      if (!first || first.seq !== last.seq + 1 || now - first.published_at > maxAgeMs) {
        return { resync: 'replay-gap' }
      }
      const events: HubEvent[] = []
      for (const row of rows) {
        const event: HubEvent = {
          ...(JSON.parse(row.message) as BusMessage),
          id: formatObjectEventId(head.epoch, row.seq),
        }
        if (!isExpired(event, now) && filter(event)) events.push(event)
      }
      return { events }
    },
  }
}
