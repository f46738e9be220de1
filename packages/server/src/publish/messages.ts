import type { BusMessage, Group, Lane } from '../events'
import { HubError } from '../HubError'
import { assertTopic, printable } from '../routing/topics'

/** What `hub.publish` takes. `Type` and `Data` narrow with `createHub<MyEvents>()`. */
export interface PublishInput<Type extends string = string, Data = unknown> {
  /** The SSE `event:` name. */
  type: Type
  /** Concrete topics (no wildcards); a connection gets the event once however many match. */
  topics: string | readonly string[]
  /** Any JSON-serializable payload. */
  data: Data
  /** @default 'instant' */
  lane?: Lane
  /** Coalesced lane only: last writer wins per key. @default `${type}:${topics[0]}` */
  coalesceKey?: string
  /** Only connections whose metadata has every pair receive it. */
  group?: Group
  /** Not written when older than this at its flush or replay. */
  ttlMs?: number
}

/** An invalidation: what changed, never the data itself. */
export interface InvalidationSignal {
  resource: string
  id?: string
  action?: string
  /** A small patch clients may merge into their cache instead of refetching. */
  hint?: unknown
}

const LANE_NAMES = new Set<Lane>(['instant', 'batched', 'coalesced'])
/** Event types the protocol itself sends (DESIGN §3): a client must be able to trust them. */
const RESERVED_TYPES = new Set(['connected', 'resync', 'drain', 'cursor'])
const LINE_BREAK = /[\r\n]/

/** Validates a `publish` call and turns it into the message the bus carries; throws `HubError` on misuse. */
export function toBusMessage(input: PublishInput, extra: Pick<BusMessage, 'supersedes'> = {}): BusMessage {
  if (typeof input?.type !== 'string' || input.type === '' || LINE_BREAK.test(input.type)) {
    throw new HubError(
      'bad_request',
      `Event type must be a non-empty string without CR/LF, got "${printable(input?.type)}"`,
    )
  }
  if (RESERVED_TYPES.has(input.type)) {
    throw new HubError(
      'reserved_type',
      `Event type "${input.type}" is reserved by the protocol (connected, resync, drain, cursor): choose another name`,
    )
  }
  const topics = typeof input.topics === 'string' ? [input.topics] : [...(input.topics ?? [])]
  if (topics.length === 0) throw new HubError('bad_topic', 'publish needs at least one topic')
  for (const topic of topics) assertTopic(topic)
  const lane = input.lane ?? 'instant'
  if (!LANE_NAMES.has(lane)) throw new HubError('bad_request', `Unknown lane "${printable(lane)}"`)
  if (input.ttlMs !== undefined && !(Number.isFinite(input.ttlMs) && input.ttlMs > 0)) {
    throw new HubError('bad_request', `ttlMs must be a positive number, got ${printable(input.ttlMs)}`)
  }
  if (input.group !== undefined) assertGroup(input.group)
  const data = JSON.stringify(input.data)
  if (data === undefined)
    throw new HubError('bad_request', 'Event data must be JSON-serializable (got undefined)')
  const message: BusMessage = {
    type: input.type,
    topics: [...new Set(topics)],
    data,
    lane,
    publishedAt: Date.now(),
  }
  if (input.coalesceKey !== undefined) message.coalesceKey = input.coalesceKey
  if (input.group !== undefined) message.group = input.group
  if (input.ttlMs !== undefined) message.ttlMs = input.ttlMs
  if (extra.supersedes !== undefined) message.supersedes = extra.supersedes
  return message
}

function assertGroup(group: Group): void {
  if (group === null || typeof group !== 'object' || Array.isArray(group)) {
    throw new HubError('bad_request', 'group must be an object of string values')
  }
  for (const [key, value] of Object.entries(group)) {
    if (typeof value !== 'string')
      throw new HubError('bad_request', `group.${printable(key)} must be a string`)
  }
}

/** The topics a signal about `resource` (and optionally one `id` of it) reaches: `orders` and `orders.<id>`. */
export function resourceTopics(resource: string, id: string | undefined): string[] {
  assertTopic(resource)
  if (id === undefined) return [resource]
  if (typeof id !== 'string' || id.includes('.')) {
    throw new HubError('bad_topic', `An id must be one topic token (no "."), got "${printable(id)}"`)
  }
  const topic = `${resource}.${id}`
  assertTopic(topic)
  return [resource, topic]
}

/** The coalesce key progress of `resource`/`id` uses, which `complete` discards. */
export function progressKey(resource: string, id: string): string {
  return `progress:${resource}.${id}`
}

/** `{ current, total, pct }` with `pct` floored to one decimal, so 100 means done. */
export function progressData(
  current: number,
  total: number,
): { current: number; total: number; pct: number } {
  if (!Number.isFinite(current) || !Number.isFinite(total) || current < 0 || total <= 0) {
    throw new HubError('bad_request', `progress needs 0 <= current and 0 < total, got ${current}/${total}`)
  }
  return { current, total, pct: Math.min(100, Math.floor((current / total) * 1000) / 10) }
}
