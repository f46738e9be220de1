import type { BusMessage, Group, HubEvent, Lane } from '@ssehub/server/engine'

/** How ioredis returns one stream entry: its id and a flat `[field, value, …]` list. */
export type RawStreamEntry = [id: string, fields: string[]]

const LANES: ReadonlySet<string> = new Set<Lane>(['instant', 'batched', 'coalesced'])

/**
 * The fields of the stream entry that carries `message`: flat `[field, value, …]` for XADD. One readable
 * field per property (not one JSON blob) so `redis-cli XRANGE` shows what was published, and `data`,
 * already JSON, is stored as is rather than encoded twice.
 */
export function encodeStreamEntry(message: BusMessage): string[] {
  const fields = [
    'type',
    message.type,
    'topics',
    JSON.stringify(message.topics),
    'data',
    message.data,
    'lane',
    message.lane,
    'publishedAt',
    String(message.publishedAt),
  ]
  if (message.coalesceKey !== undefined) fields.push('coalesceKey', message.coalesceKey)
  if (message.group !== undefined) fields.push('group', JSON.stringify(message.group))
  if (message.ttlMs !== undefined) fields.push('ttlMs', String(message.ttlMs))
  if (message.supersedes !== undefined) fields.push('supersedes', message.supersedes)
  return fields
}

/** The fields of a gap marker: "a publish failed before this entry" (see `gapMarker` in `@ssehub/server`). */
export function encodeGapMarker(detail: string): string[] {
  return ['gap', detail]
}

/** An entry of ours: an event or a gap marker, with the stream's epoch and the entry's number in it. */
export type StreamRecord = { epoch: string; seq: number } & (
  | { kind: 'event'; event: HubEvent }
  | { kind: 'gap'; id: string; detail: string }
)

/**
 * What a stream entry carries, the entry id being the event id; `undefined` when the entry is not one of
 * ours (written by another tool, or a different version), so a stray entry is skipped, never routed.
 */
export function decodeStreamEntry([id, fields]: RawStreamEntry): StreamRecord | undefined {
  const values = new Map<string, string>()
  for (let i = 0; i + 1 < fields.length; i += 2) values.set(fields[i]!, fields[i + 1]!)
  const epoch = values.get('epoch')
  const seq = Number(values.get('seq'))
  if (epoch === undefined || !Number.isSafeInteger(seq) || seq < 1) return undefined
  const gap = values.get('gap')
  if (gap !== undefined) return { epoch, seq, kind: 'gap', id, detail: gap }
  const event = decodeEvent(id, values)
  return event && { epoch, seq, kind: 'event', event }
}

function decodeEvent(id: string, values: Map<string, string>): HubEvent | undefined {
  const type = values.get('type')
  const data = values.get('data')
  const lane = values.get('lane')
  const topics = parseJson(values.get('topics'))
  const publishedAt = Number(values.get('publishedAt'))
  if (type === undefined || data === undefined || lane === undefined || !LANES.has(lane)) return undefined
  if (!isStringArray(topics) || !Number.isFinite(publishedAt)) return undefined
  const event: HubEvent = { id, type, topics, data, lane: lane as Lane, publishedAt }
  const coalesceKey = values.get('coalesceKey')
  if (coalesceKey !== undefined) event.coalesceKey = coalesceKey
  const supersedes = values.get('supersedes')
  if (supersedes !== undefined) event.supersedes = supersedes
  if (values.has('group')) {
    const group = parseJson(values.get('group'))
    if (!isGroup(group)) return undefined
    event.group = group
  }
  if (values.has('ttlMs')) {
    const ttlMs = Number(values.get('ttlMs'))
    if (!Number.isFinite(ttlMs)) return undefined
    event.ttlMs = ttlMs
  }
  return event
}

function parseJson(text: string | undefined): unknown {
  if (text === undefined) return undefined
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}

function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'string')
}

function isGroup(value: unknown): value is Group {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false
  return Object.values(value).every((item) => typeof item === 'string')
}
