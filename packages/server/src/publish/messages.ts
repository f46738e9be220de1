import type { BusMessage, Lane } from '../events'
import { HubError } from '../HubError'
import { assertTopic, printable } from '../routing/topics'
import { type Audience, audienceGroup } from './Audience'

/** What `hub.publish` takes. `Type` and `Data` narrow with `createHub<MyEvents>()`. */
export interface PublishInput<Type extends string = string, Data = unknown> extends Audience {
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
  /** Not written when older than this at its flush or replay. */
  ttlMs?: number
}

const LANE_NAMES = new Set<Lane>(['instant', 'batched', 'coalesced'])
const PUBLISH_FIELDS = ['type', 'topics', 'data', 'lane', 'coalesceKey', 'ttlMs', 'group', 'tenant']
/** Event types the protocol itself sends (DESIGN §3): a client must be able to trust them. */
const RESERVED_TYPES = new Set(['connected', 'resync', 'drain', 'cursor'])
const LINE_BREAK = /[\r\n]/

/** What `toBusMessage` needs besides the input. */
export interface BusMessageContext {
  /** The hub's `tenantKey`, which an audience's `tenant` names. */
  tenantKey: string
  /** The coalesce key whose pending frame this event makes stale. */
  supersedes?: string
}

/**
 * Refuses a field `what` does not know, naming it and the known ones: a misspelt audience field
 * (`tenantId`) must not send a tenant's event to everyone.
 */
export function refuseUnknownFields(what: string, value: object, known: readonly string[]): void {
  for (const field of Object.keys(value)) {
    if (!known.includes(field)) {
      throw new HubError(
        'bad_request',
        `${what} has an unknown field "${field}" (known: ${known.join(', ')})`,
      )
    }
  }
}

/** Validates a `publish` call and turns it into the message the bus carries; throws `HubError` on misuse. */
export function toBusMessage(input: PublishInput, context: BusMessageContext): BusMessage {
  if (input !== null && typeof input === 'object') refuseUnknownFields('publish', input, PUBLISH_FIELDS)
  return buildBusMessage(input, context)
}

/**
 * `toBusMessage` for an input built of known fields only (a helper's, whose caller's options were checked
 * already): every other check still runs, the unknown-field one does not run twice on each publish.
 */
export function buildBusMessage(input: PublishInput, context: BusMessageContext): BusMessage {
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
  if (
    input.coalesceKey !== undefined &&
    (typeof input.coalesceKey !== 'string' || input.coalesceKey === '')
  ) {
    throw new HubError(
      'bad_request',
      `coalesceKey must be a non-empty string, got ${describeValue(input.coalesceKey)}`,
    )
  }
  if (input.ttlMs !== undefined && !(Number.isFinite(input.ttlMs) && input.ttlMs > 0)) {
    throw new HubError('bad_request', `ttlMs must be a positive number, got ${printable(input.ttlMs)}`)
  }
  const group = audienceGroup(input, context.tenantKey)
  const data = serialize(input.data)
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
  if (group !== undefined) message.group = group
  if (input.ttlMs !== undefined) message.ttlMs = input.ttlMs
  if (context.supersedes !== undefined) message.supersedes = context.supersedes
  return message
}

/** `JSON.stringify`, its `TypeError` (a BigInt, a cycle) or a throwing `toJSON` refused as `bad_request`. */
function serialize(data: unknown): string | undefined {
  try {
    return JSON.stringify(data)
  } catch (error) {
    throw new HubError(
      'bad_request',
      `Event data must be JSON-serializable: ${printable((error as Error)?.message)}`,
      { cause: error },
    )
  }
}

/** A record id as one topic token: a string as it is, a number (a safe integer) as its decimal string. */
export function idToken(id: unknown): string {
  if (typeof id === 'number') {
    if (!Number.isSafeInteger(id) || Object.is(id, -0)) {
      throw new HubError(
        'bad_request',
        `A number id must be a safe integer, got ${Object.is(id, -0) ? '-0' : printable(id)}`,
      )
    }
    return String(id)
  }
  if (typeof id !== 'string') {
    throw new HubError('bad_request', `An id must be a string or a number, got ${describeValue(id)}`)
  }
  if (id.includes('.'))
    throw new HubError('bad_topic', `An id must be one topic token (no "."), got "${printable(id)}"`)
  return id
}

/** The topics an event about `resource` (and optionally one `id` of it) reaches: `orders` and `orders.<id>`. */
export function resourceTopics(resource: string, id: string | number | undefined): string[] {
  assertTopic(resource)
  if (id === undefined) return [resource]
  const topic = `${resource}.${idToken(id)}`
  assertTopic(topic)
  return [resource, topic]
}

/** The coalesce key progress of `resource`/`id` uses, which `complete` discards: `5` and `'5'` share it. */
export function progressKey(resource: string, id: string | number): string {
  return `progress:${resource}.${idToken(id)}`
}

/** How a value that is not what was expected reads in an error message. */
export function describeValue(value: unknown): string {
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'an array'
  return typeof value === 'object' ? 'an object' : `${typeof value} ${printable(value)}`
}

/** `{ current, total, pct }` with `pct` floored to one decimal, so 100 means done. */
export function progressData(
  current: number,
  total: number,
): { current: number; total: number; pct: number } {
  if (typeof current !== 'number' || typeof total !== 'number') {
    throw new HubError(
      'bad_request',
      `progress needs numbers current and total, got ${describeValue(current)} and ${describeValue(total)}`,
    )
  }
  if (!Number.isFinite(current) || !Number.isFinite(total) || current < 0 || total <= 0) {
    throw new HubError('bad_request', `progress needs 0 <= current and 0 < total, got ${current}/${total}`)
  }
  return { current, total, pct: Math.min(100, Math.floor((current / total) * 1000) / 10) }
}
