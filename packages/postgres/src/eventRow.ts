import type { BusMessage, Group, HubEvent, Lane } from '@ssehub/server/engine'
import { formatEventId } from './eventId'

/** A row of `ssehub_events` as `pg` returns it (bigint columns as strings). */
export interface EventRow {
  seq: string | number
  kind: string
  type: string | null
  topics: string[] | null
  data: string | null
  lane: string | null
  coalesce_key: string | null
  grp: Group | null
  ttl_ms: number | null
  supersedes: string | null
  published_at: number | null
}

/** The columns an event takes, in `EVENT_COLUMNS` order. */
export const EVENT_COLUMNS =
  'kind, type, topics, data, lane, coalesce_key, grp, ttl_ms, supersedes, published_at'

/** The values of `EVENT_COLUMNS` for `message`. */
export function eventValues(message: BusMessage): unknown[] {
  return [
    'event',
    message.type,
    message.topics,
    message.data,
    message.lane,
    message.coalesceKey ?? null,
    message.group === undefined ? null : JSON.stringify(message.group),
    message.ttlMs ?? null,
    message.supersedes ?? null,
    message.publishedAt,
  ]
}

/** The values of `EVENT_COLUMNS` for a gap marker (a publish failed before it). */
export function gapValues(detail: string): unknown[] {
  return ['gap', null, null, detail, null, null, null, null, null, Date.now()]
}

/** What a row carries: an event (its id made from the epoch and number), or a gap marker. */
export type LogRecord = { seq: number } & (
  | { kind: 'event'; event: HubEvent }
  | { kind: 'gap'; detail: string }
)

const LANES: ReadonlySet<string> = new Set<Lane>(['instant', 'batched', 'coalesced'])

/** The record of `row`, or `undefined` for a row that is not one of ours (never routed). */
export function decodeRow(epoch: string, row: EventRow): LogRecord | undefined {
  const seq = Number(row.seq)
  if (row.kind === 'gap') return { seq, kind: 'gap', detail: row.data ?? '' }
  const { type, topics, data, lane, published_at: publishedAt } = row
  if (row.kind !== 'event' || type === null || data === null || lane === null || !LANES.has(lane))
    return undefined
  if (!Array.isArray(topics) || publishedAt === null) return undefined
  const event: HubEvent = {
    id: formatEventId(epoch, seq),
    type,
    topics,
    data,
    lane: lane as Lane,
    publishedAt,
  }
  if (row.coalesce_key !== null) event.coalesceKey = row.coalesce_key
  if (row.grp !== null) event.group = row.grp
  if (row.ttl_ms !== null) event.ttlMs = row.ttl_ms
  if (row.supersedes !== null) event.supersedes = row.supersedes
  return { seq, kind: 'event', event }
}
