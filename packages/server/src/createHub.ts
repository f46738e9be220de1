import type { Context, Handler } from 'hono'
import { memoryTicketStore } from './auth/memoryTicketStore'
import { resolvePrincipal } from './auth/resolvePrincipal'
import type { TicketStore } from './auth/TicketStore'
import { createTicketHandler } from './auth/ticketHandler'
import type { Bus } from './Bus'
import type { Connection, ConnectionStats, DisconnectReason } from './Connection'
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
import { createHubMetrics, type HubMetricsOptions } from './metrics/createHubMetrics'
import { noopHubMetrics } from './metrics/HubMetrics'
import { metricsHandler } from './metrics/metricsHandler'
import type { Authenticate } from './Principal'
import { consumeInto, type PublishFromOptions } from './publishFrom'
import type { ReplayStore } from './ReplayStore'
import { Router } from './Router'
import { Scheduler } from './Scheduler'
import { createStreamHandler, type PendingConnection } from './streamHandler'

/** Event types by name, for `createHub<MyEvents>()`: `{ 'order.shipped': { id: string } }`. */
export type EventMap = Record<string, unknown>

export interface HubLimits {
  /** Open streams this node accepts; past it, 503 with `Retry-After`. @default Infinity */
  maxConnections?: number
  /** Open streams per tenant (the `tenantKey` metadata); past it, 429 with `Retry-After`. @default Infinity */
  maxConnectionsPerTenant?: number
  /** Most patterns one connection may subscribe to. @default 32 */
  maxTopicsPerConnection?: number
}

export interface HubOptions {
  /**
   * Turns a request into a principal or refuses it (`jwtAuth(...)` builds one). Omitted: every connection
   * is anonymous with every topic allowed — for development only.
   */
  authenticate?: Authenticate
  /** Base of the adaptive flush interval of the batched and coalesced lanes. @default 2000 */
  flushIntervalMs?: number
  /** Outbound bytes one connection may have queued before frames are dropped (and `resync` owed). @default 262144 */
  bufferBytes?: number
  /** A `: hb` comment is written after this long without a byte. @default 8000 (inside Bun's 10 s idle timeout) */
  heartbeatMs?: number
  /** The `retry:` field every stream starts with: the client's reconnect delay. @default 3000 */
  retryMs?: number
  /** Streams are closed (jittered, 90–100 % of this) and reconnect, and at the latest when the token expires. */
  maxLifetimeMs?: number
  /** Where resumes find missed events. @default memoryReplay() */
  replay?: ReplayStore
  /** What carries published events to routing. @default memoryBus() */
  bus?: Bus
  /** Where `POST /events/ticket` keeps tickets until `GET /events?ticket=` spends them. @default memoryTicketStore() */
  tickets?: TicketStore
  /** How long a ticket is valid. @default 30_000 */
  ticketTtlMs?: number
  limits?: HubLimits
  /** Prometheus metrics (prom-client, an optional peer), or `false` for none. @default {} (a private registry) */
  metrics?: HubMetricsOptions | false
  /** The metadata key that names a connection's tenant. @default 'tenant_id' */
  tenantKey?: string
  /**
   * On `@hono/node-server`, write to the raw `ServerResponse` instead of through a web stream: about a
   * third of the CPU and memory per connection. Headers set by middleware before the handler are kept.
   * @default true
   */
  directWrite?: boolean
  /** After authentication, before the stream starts: add topics or metadata, or throw a `HubError` to refuse. */
  onConnect?: (c: Context, connection: PendingConnection) => void | Promise<void>
  /** Called exactly once per connection, whatever ended it. */
  onDisconnect?: (connection: ConnectionInfo, reason: DisconnectReason) => void
  /** A connection was paused with `setPaused`. */
  onPause?: (connection: ConnectionInfo) => void
  /** A paused connection was resumed. */
  onResume?: (connection: ConnectionInfo) => void
}

/** What hooks see of a connection. */
export type ConnectionInfo = Pick<Connection, 'id' | 'topics' | 'metadata' | 'createdAt'>

/** Options shared by the helpers: who gets the event. */
export interface Audience {
  group?: Group
}

export interface Hub<Events extends object = EventMap> {
  /** The Hono handler for `GET /events?topics=…`. */
  handler(): Handler
  /** The Hono handler for `POST /events/ticket`: authenticated like the stream, answers `{ ticket, expiresAt }`. */
  ticketHandler(): Handler
  /** The Hono handler for `GET /metrics`, in Prometheus text format. */
  metricsHandler(): Handler
  /** The Hono handler for a JSON `stats()`; `?connections=1` adds per-connection detail. Admin-only: mount it behind auth. */
  statsHandler(): Handler
  /** Publishes one event; resolves to its id. Rejects with a `HubError` on misuse or when the bus can't take it. */
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
  /** Publishes what `toEvent` returns for every item of `source` (`null` skips it). Returns a stop function. */
  publishFrom<Item>(
    source: AsyncIterable<Item>,
    toEvent: (item: Item) => PublishInput | null | undefined | Promise<PublishInput | null | undefined>,
    options?: PublishFromOptions,
  ): () => void
  /** Holds batched and coalesced frames of a connection (instant ones still flow). `false` for an unknown id. */
  setPaused(connectionId: string, paused: boolean): boolean
  /** Counters since start and the number of open streams. */
  stats(): HubStats
  /** Per-connection detail: subscription, metadata, lane counters, buffer use. Admin-only: it shows metadata. */
  connectionStats(): ConnectionStats[]
  /** `false` once draining: for a readiness probe. */
  ready(): boolean
  /**
   * Stops taking streams (503), then ends the open ones spread over `graceMs`, each told by a `drain`
   * frame when to reconnect. Resolves when every stream is closed. Calling it again returns the same promise.
   */
  drain(options?: { graceMs?: number }): Promise<void>
  /** Closes every stream at once and releases timers, the bus and the ticket store. Idempotent. */
  close(): Promise<void>
}

/**
 * Creates a hub: the streams, the routing of published events to them, and the Hono handlers.
 *
 * @example
 * const hub = createHub({ authenticate: jwtAuth({ secret: process.env.JWT_SECRET }) })
 * app.get('/events', hub.handler())
 * app.post('/events/ticket', hub.ticketHandler())
 * await hub.invalidate('orders', { id: order.id, action: 'created' })
 */
export function createHub<Events extends object = EventMap>(options: HubOptions = {}): Hub<Events> {
  const {
    authenticate,
    flushIntervalMs = 2000,
    bufferBytes = 256 * 1024,
    heartbeatMs = 8000,
    retryMs = 3000,
    maxLifetimeMs,
    replay = memoryReplay(),
    bus = memoryBus(),
    tickets = memoryTicketStore(),
    ticketTtlMs = 30_000,
    limits = {},
    metrics: metricsOptions = {},
    tenantKey = 'tenant_id',
    directWrite = true,
  } = options
  const {
    maxConnections = Number.POSITIVE_INFINITY,
    maxConnectionsPerTenant = Number.POSITIVE_INFINITY,
    maxTopicsPerConnection = 32,
  } = limits
  assertPositive({ flushIntervalMs, bufferBytes, heartbeatMs, maxTopicsPerConnection, maxConnections })
  assertPositive({
    maxConnectionsPerTenant,
    retryMs: retryMs + 1,
    ticketTtlMs,
    maxLifetimeMs: maxLifetimeMs ?? 1,
  })

  const metrics = metricsOptions === false ? undefined : createHubMetrics(metricsOptions)
  const router = new Router()
  const scheduler = new Scheduler()
  const counters = new HubCounters(metrics ?? noopHubMetrics)
  const perTenant = new Map<string, number>()
  let closed = false
  let drained: Promise<void> | undefined
  let onAllClosed: (() => void) | undefined

  const unsubscribe = bus.subscribe((event) => {
    replay.record(event)
    router.route(event)
  })

  const streamHandler = createStreamHandler({
    bus,
    replay,
    router,
    scheduler,
    counters,
    settings: { bufferBytes, flushIntervalMs, heartbeatMs, retryMs, directWrite },
    maxTopicsPerConnection,
    onConnect: options.onConnect,
    isDraining: () => closed || drained !== undefined,
    resolvePrincipal: (c) => resolvePrincipal(c, { authenticate, store: tickets }),
    admit(_principal, metadata) {
      if (router.connections.size >= maxConnections) {
        throw new HubError('too_many_connections', 'This server is at capacity: retry shortly', {
          status: 503,
          retryAfterSec: 1 + Math.floor(Math.random() * 5),
        })
      }
      const tenant = metadata[tenantKey]
      if (tenant !== undefined && (perTenant.get(tenant) ?? 0) >= maxConnectionsPerTenant) {
        throw new HubError('tenant_limit', `This tenant has its ${maxConnectionsPerTenant} streams open`, {
          status: 429,
          retryAfterSec: 5,
        })
      }
    },
    onOpened(connection, principal) {
      counters.onConnectionOpened()
      const tenant = connection.metadata[tenantKey]
      if (tenant !== undefined) perTenant.set(tenant, (perTenant.get(tenant) ?? 0) + 1)
      const now = Date.now()
      const lifetimeEnd =
        maxLifetimeMs === undefined
          ? Number.POSITIVE_INFINITY
          : now + maxLifetimeMs * (0.9 + Math.random() * 0.1)
      const rotateAt = Math.min(lifetimeEnd, principal.expiresAt ?? Number.POSITIVE_INFINITY)
      if (rotateAt !== Number.POSITIVE_INFINITY)
        connection.retire('rotation', Math.max(now, rotateAt), jitter(1000))
    },
    onClosed(connection, reason) {
      router.remove(connection)
      counters.onConnectionClosed()
      const tenant = connection.metadata[tenantKey]
      if (tenant !== undefined) {
        const count = (perTenant.get(tenant) ?? 1) - 1
        if (count === 0) perTenant.delete(tenant)
        else perTenant.set(tenant, count)
      }
      try {
        options.onDisconnect?.(connection, reason)
      } catch (error) {
        console.error('[ssehub] onDisconnect threw', error)
      }
      if (router.connections.size === 0) onAllClosed?.()
    },
  })

  const sources = new Set<() => void>()

  async function publishMessage(message: BusMessage): Promise<string> {
    if (closed) throw new HubError('hub_closed', 'The hub is closed', { status: 503 })
    const startedAt = performance.now()
    const id = await bus.publish(message)
    counters.onPublished(message.lane, (performance.now() - startedAt) / 1000)
    return id
  }

  function callHook(hook: ((connection: ConnectionInfo) => void) | undefined, connection: Connection) {
    try {
      hook?.(connection)
    } catch (error) {
      console.error('[ssehub] a pause hook threw', error)
    }
  }

  const hub: Hub<Events> = {
    handler: () => streamHandler,

    ticketHandler: () => createTicketHandler({ authenticate, store: tickets, ttlMs: ticketTtlMs }),

    metricsHandler: () => metricsHandler(metrics?.registry ?? Promise.resolve(undefined)),

    statsHandler() {
      return function ssehubStats(c: Context) {
        const detail = c.req.query('connections') === '1'
        return c.json(detail ? { ...hub.stats(), connections: hub.connectionStats() } : hub.stats(), 200, {
          'cache-control': 'no-store',
        })
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

    publishFrom(source, toEvent, { onError } = {}) {
      const report = (error: unknown, item?: unknown) => {
        try {
          if (onError) onError(error, item)
          else console.error('[ssehub] publishFrom:', error)
        } catch {}
      }
      const { stop, done } = consumeInto(source, toEvent, (input) => hub.publish(input as never), report)
      sources.add(stop)
      void done.then(() => sources.delete(stop))
      return () => {
        sources.delete(stop)
        stop()
      }
    },

    setPaused(connectionId, paused) {
      const connection = router.connections.get(connectionId)
      if (!connection) return false
      if (connection.paused !== paused) {
        connection.setPaused(paused)
        callHook(paused ? options.onPause : options.onResume, connection)
      }
      return true
    },

    stats: () => counters.snapshot(router.connections.size, scheduler.size),

    connectionStats: () => [...router.connections.values()].map((connection) => connection.stats()),

    ready: () => !closed && drained === undefined,

    drain({ graceMs = 10_000 } = {}) {
      if (drained) return drained
      assertPositive({ graceMs: graceMs + 1 })
      drained = new Promise<void>((resolve) => {
        onAllClosed = resolve
      })
      // Spread the closes evenly over the grace period, in random order, so clients don't come back at once.
      const connections = shuffle([...router.connections.values()])
      const now = Date.now()
      connections.forEach((connection, i) => {
        const closeAt = now + (graceMs * (i + Math.random())) / Math.max(1, connections.length)
        connection.retire('drain', closeAt, jitter(Math.min(retryMs, 1000)))
      })
      if (router.connections.size === 0) onAllClosed?.()
      return drained
    },

    async close() {
      if (closed) return
      closed = true
      unsubscribe()
      for (const stop of [...sources]) stop()
      for (const connection of [...router.connections.values()]) connection.close('server-close')
      scheduler.clear()
      onAllClosed?.()
      await bus.close()
      await replay.close?.()
      await tickets.close?.()
    },
  }
  return hub
}

function jitter(maxMs: number): number {
  return Math.floor(Math.random() * maxMs)
}

function shuffle<T>(items: T[]): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1))
    ;[items[i], items[j]] = [items[j]!, items[i]!]
  }
  return items
}

function assertPositive(values: Record<string, number>): void {
  for (const [name, value] of Object.entries(values)) {
    if (Number.isNaN(value) || value <= 0)
      throw new HubError('invalid_option', `${name} must be a positive number`)
  }
}
