import type { Context, Handler } from 'hono'
import type { Bus } from './Bus'
import type { Connection, DisconnectReason } from './Connection'
import type { BusMessage, Group } from './events'
import { HubError } from './HubError'
import { HubCounters, type HubStats } from './HubStats'
import { memoryBus } from './memoryBus'
import { memoryReplay } from './memoryReplay'
import {
  type InvalidationSignal,
  type PublishInput,
  progressData,
  progressKey,
  resourceTopics,
  toBusMessage,
} from './messages'
import { openStream, type StreamContext } from './openStream'
import type { Authenticate, Principal } from './Principal'
import { parseStreamRequest } from './parseStreamRequest'
import type { ReplayStore } from './ReplayStore'
import { Router } from './Router'
import { Scheduler } from './Scheduler'

/** Event types by name, for `createHub<MyEvents>()`: `{ 'order.shipped': { id: string } }`. */
export type EventMap = Record<string, unknown>

export interface HubLimits {
  /** Most patterns one connection may subscribe to. @default 32 */
  maxTopicsPerConnection?: number
}

export interface HubOptions {
  /** Turns a request into a principal or refuses it. Omitted: every connection is anonymous (development). */
  authenticate?: Authenticate
  /** Base of the adaptive flush interval of the batched and coalesced lanes. @default 2000 */
  flushIntervalMs?: number
  /** Outbound bytes one connection may have queued before frames are dropped (and `resync` owed). @default 262144 */
  bufferBytes?: number
  /** A `: hb` comment is written after this long without a byte. @default 8000 (inside Bun's 10 s idle timeout) */
  heartbeatMs?: number
  /** The `retry:` field every stream starts with: the client's reconnect delay. @default 3000 */
  retryMs?: number
  /** Where resumes find missed events. @default memoryReplay() */
  replay?: ReplayStore
  /** What carries published events to routing. @default memoryBus() */
  bus?: Bus
  limits?: HubLimits
  /** The metadata key that names a connection's tenant (`invalidateForTenant`). @default 'tenant_id' */
  tenantKey?: string
  /**
   * On `@hono/node-server`, write to the raw `ServerResponse` instead of through a web stream: about a
   * third of the CPU and memory per connection. Headers set by middleware before the handler are kept.
   * @default true
   */
  directWrite?: boolean
  /** Called once per connection, whatever ended it. */
  onDisconnect?: (connection: ConnectionInfo, reason: DisconnectReason) => void
}

/** What hooks and stats see of a connection. */
export type ConnectionInfo = Pick<Connection, 'id' | 'topics' | 'metadata' | 'createdAt'>

/** Options shared by the helpers: who gets the event. */
export interface Audience {
  group?: Group
}

export interface Hub<Events extends EventMap = EventMap> {
  /** The Hono handler for `GET /events?topics=…`. */
  handler(): Handler
  /** Publishes one event; resolves to its id. Throws `HubError` on misuse, rejects when the bus can't take it. */
  publish<Type extends keyof Events & string>(input: PublishInput<Type, Events[Type]>): Promise<string>
  /** Tells clients that `resource` (and `resource.<id>`) changed: an instant `invalidate` signal. */
  invalidate(resource: string, signal?: Omit<InvalidationSignal, 'resource'> & Audience): Promise<string>
  /** `invalidate` for the connections whose `tenantKey` metadata is `tenantId` only. */
  invalidateForTenant(
    tenantId: string,
    resource: string,
    signal?: Omit<InvalidationSignal, 'resource'>,
  ): Promise<string>
  /** Several invalidations as one instant `batch` frame. */
  batch(signals: readonly InvalidationSignal[], audience?: Audience): Promise<string>
  /** Coalesced progress of a long task: clients get the latest `{ current, total, pct }` at each flush. */
  progress(
    resource: string,
    id: string,
    progress: { current: number; total: number } & Audience,
  ): Promise<string>
  /** Instant end of a task; discards its pending progress so a stale value never lands after it. */
  complete(
    resource: string,
    id: string,
    result?: { status?: 'completed' | 'failed'; hint?: unknown } & Audience,
  ): Promise<string>
  /** A coalesced "something under `topic` changed, refetch". */
  signal(topic: string, audience?: Audience): Promise<string>
  /** Counters since start and the number of open streams. */
  stats(): HubStats
  /** Closes every stream and releases timers and the bus. Idempotent. */
  close(): Promise<void>
}

const ANONYMOUS: Principal = { metadata: {} }

/**
 * Creates a hub: the streams, the routing of published events to them, and the Hono handlers.
 *
 * @example
 * const hub = createHub()
 * app.get('/events', hub.handler())
 * await hub.invalidate('orders', { id: order.id, action: 'created' })
 */
export function createHub<Events extends EventMap = EventMap>(options: HubOptions = {}): Hub<Events> {
  const {
    authenticate,
    flushIntervalMs = 2000,
    bufferBytes = 256 * 1024,
    heartbeatMs = 8000,
    retryMs = 3000,
    replay = memoryReplay(),
    bus = memoryBus(),
    limits = {},
    tenantKey = 'tenant_id',
    directWrite = true,
    onDisconnect,
  } = options
  const maxTopicsPerConnection = limits.maxTopicsPerConnection ?? 32
  assertPositive({ flushIntervalMs, bufferBytes, heartbeatMs, maxTopicsPerConnection })
  assertPositive({ retryMs: retryMs + 1 })

  const router = new Router()
  const scheduler = new Scheduler()
  const counters = new HubCounters()
  let closed = false

  const unsubscribe = bus.subscribe((event) => {
    replay.record(event)
    router.route(event)
  })

  const streamContext: StreamContext = {
    bus,
    replay,
    router,
    scheduler,
    counters,
    settings: { bufferBytes, flushIntervalMs, heartbeatMs, retryMs, directWrite },
    onClosed(connection, reason) {
      router.remove(connection)
      onDisconnect?.(connection, reason)
    },
  }

  async function publishMessage(message: BusMessage): Promise<string> {
    if (closed) throw new HubError('hub_closed', 'The hub is closed', { status: 503 })
    const id = await bus.publish(message)
    counters.published[message.lane] += 1
    return id
  }

  const hub: Hub<Events> = {
    handler() {
      return async function ssehubStream(c: Context) {
        try {
          if (closed)
            throw new HubError('draining', 'The hub is shutting down', { status: 503, retryAfterSec: 1 })
          const request = parseStreamRequest(c.req.raw, maxTopicsPerConnection)
          const principal = authenticate ? await authenticate(c) : ANONYMOUS
          return await openStream(c, streamContext, request, principal)
        } catch (error) {
          return errorResponse(error)
        }
      }
    },

    publish: async (input) => publishMessage(toBusMessage(input)),

    async invalidate(resource, { group, ...signal } = {}) {
      const topics = resourceTopics(resource, signal.id)
      return publishMessage(
        toBusMessage({ type: 'invalidate', topics, data: { resource, ...signal }, group }),
      )
    },

    async invalidateForTenant(tenantId, resource, signal = {}) {
      if (typeof tenantId !== 'string' || tenantId === '') {
        throw new HubError('bad_request', 'invalidateForTenant needs a non-empty tenant id')
      }
      return hub.invalidate(resource, { ...signal, group: { [tenantKey]: tenantId } })
    },

    async batch(signals, { group } = {}) {
      if (!Array.isArray(signals) || signals.length === 0) {
        throw new HubError('bad_request', 'batch needs a non-empty array of signals')
      }
      const topics = signals.flatMap((signal) => resourceTopics(signal.resource, signal.id))
      return publishMessage(toBusMessage({ type: 'batch', topics, data: signals, group }))
    },

    async progress(resource, id, { current, total, group }) {
      const topics = resourceTopics(resource, id)
      const data = { resource, id, ...progressData(current, total) }
      const coalesceKey = progressKey(resource, id)
      return publishMessage(
        toBusMessage({ type: 'progress', topics, data, lane: 'coalesced', coalesceKey, group }),
      )
    },

    async complete(resource, id, { status = 'completed', hint, group } = {}) {
      if (status !== 'completed' && status !== 'failed') {
        throw new HubError('bad_request', 'complete status must be "completed" or "failed"')
      }
      const topics = resourceTopics(resource, id)
      const data = hint === undefined ? { resource, id, status } : { resource, id, status, hint }
      return publishMessage(
        toBusMessage({ type: 'complete', topics, data, group }, { supersedes: progressKey(resource, id) }),
      )
    },

    async signal(topic, { group } = {}) {
      return publishMessage(
        toBusMessage({ type: 'signal', topics: topic, data: { topic }, lane: 'coalesced', group }),
      )
    },

    stats: () => counters.snapshot(router.connections.size, scheduler.size),

    async close() {
      if (closed) return
      closed = true
      unsubscribe()
      for (const connection of [...router.connections.values()]) connection.close('server-close')
      scheduler.clear()
      await bus.close()
      await replay.close?.()
    },
  }
  return hub
}

/** Turns a refusal into the JSON error shape; anything unexpected is a 500 that reveals nothing. */
function errorResponse(error: unknown): Response {
  if (error instanceof HubError) return error.getResponse()
  console.error('[ssehub] unexpected error while opening a stream', error)
  return new HubError('internal', 'Internal error', { status: 500 }).getResponse()
}

function assertPositive(values: Record<string, number>): void {
  for (const [name, value] of Object.entries(values)) {
    if (!Number.isFinite(value) || value <= 0)
      throw new HubError('bad_request', `${name} must be a positive number`)
  }
}
