import type { Context } from 'hono'
import { memoryTicketStore } from './auth/memoryTicketStore'
import { resolvePrincipal } from './auth/resolvePrincipal'
import { createTicketHandler } from './auth/ticketHandler'
import { createDashboardEndpoint, type DashboardEndpoint } from './dashboard/dashboardHandler'
import { Scheduler } from './delivery/Scheduler'
import { memoryBus } from './engine/memoryBus'
import { memoryReplay } from './engine/memoryReplay'
import type { BusMessage } from './events'
import type { Hub } from './Hub'
import { HubError } from './HubError'
import type { ConnectionInfo, EventMap, HubOptions } from './HubOptions'
import { HubCounters } from './HubStats'
import { consoleLogger } from './Logger'
import { createHubMetrics } from './metrics/createHubMetrics'
import { noopHubMetrics } from './metrics/HubMetrics'
import { metricsHandler } from './metrics/metricsHandler'
import { toBusMessage } from './publish/messages'
import { consumeInto } from './publish/publishFrom'
import { createPublishHelpers } from './publish/publishHelpers'
import { Router } from './routing/Router'
import { ConnectionLimits } from './stream/ConnectionLimits'
import { StreamRegistry } from './stream/StreamRegistry'
import { createStreamHandler } from './stream/streamHandler'

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
    heartbeatMs = defaultHeartbeatMs(),
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
    ticketAllowedOrigins = [],
    logger = consoleLogger,
  } = options
  const maxTopicsPerConnection = limits.maxTopicsPerConnection ?? 32
  assertPositive({ flushIntervalMs, bufferBytes, heartbeatMs, maxTopicsPerConnection, ticketTtlMs })
  assertPositive({
    maxConnections: limits.maxConnections ?? 1,
    maxConnectionsPerTenant: limits.maxConnectionsPerTenant ?? 1,
    maxLifetimeMs: maxLifetimeMs ?? 1,
  })
  // The retry field is written as an integer on every stream: a bad one must fail here, not on each GET.
  if (!Number.isSafeInteger(retryMs) || retryMs < 0) {
    throw new HubError('invalid_option', `retryMs must be a non-negative integer, got ${retryMs}`)
  }

  /**
   * Runs a user callback; what it throws, or its promise rejects with, is logged, never allowed to break
   * the hub's own bookkeeping nor to become an unhandled rejection (which ends a Node process).
   */
  function callHook(name: string, run: () => unknown): void {
    const report = (error: unknown) => logger.error({ err: error }, `[ssehub] ${name} threw`)
    try {
      const result = run()
      if (isPromiseLike(result)) result.then(undefined, report)
    } catch (error) {
      report(error)
    }
  }

  const metrics = metricsOptions === false ? undefined : createHubMetrics(metricsOptions)
  const counters = new HubCounters(metrics ?? noopHubMetrics)
  const router = new Router(counters, tenantKey)
  const scheduler = new Scheduler({ logger })
  const sources = new Set<() => void>()
  const dashboards = new Set<DashboardEndpoint>()
  let closed = false
  const connectionLimits = new ConnectionLimits(limits, tenantKey)
  const streams = new StreamRegistry({
    router,
    scheduler,
    counters,
    limits: connectionLimits,
    retryMs,
    onDisconnect: (connection, reason) =>
      callHook('onDisconnect', () => options.onDisconnect?.(connection, reason)),
  })

  const unsubscribe = bus.subscribe({
    onEvent(event) {
      // Live delivery never depends on the replay store: a failure to record is logged, the event still goes out.
      try {
        replay.record(event)
      } catch (error) {
        logger.error({ err: error, eventId: event.id }, '[ssehub] the replay store failed to record an event')
      }
      router.route(event)
    },
    onGap(gap) {
      logger.warn(
        { reason: gap.reason, detail: gap.detail },
        '[ssehub] the bus lost continuity: every stream gets resync',
      )
      for (const connection of router.connections.values()) connection.requireResync(gap.reason)
    },
  })

  const streamHandler = createStreamHandler({
    streams,
    bus,
    replay,
    scheduler,
    counters,
    settings: { bufferBytes, flushIntervalMs, heartbeatMs, retryMs, directWrite, maxLifetimeMs },
    maxTopicsPerConnection,
    logger,
    onConnect: options.onConnect,
    resolvePrincipal: (c) => resolvePrincipal(c, { authenticate, store: tickets }),
  })

  async function publishMessage(message: BusMessage): Promise<string> {
    if (closed) throw new HubError('hub_closed', 'The hub is closed', { status: 503 })
    const startedAt = performance.now()
    const id = await bus.publish(message)
    counters.onPublished(message.lane, (performance.now() - startedAt) / 1000)
    return id
  }

  const hub: Hub<Events> = {
    handler: () => streamHandler,

    ticketHandler: () =>
      createTicketHandler({
        authenticate,
        store: tickets,
        ttlMs: ticketTtlMs,
        allowedOrigins: ticketAllowedOrigins,
        logger,
      }),

    metricsHandler: () => metricsHandler(metrics?.registry ?? Promise.resolve(undefined)),

    statsHandler() {
      return function ssehubStats(c: Context) {
        const detail = c.req.query('connections') === '1'
        const body = detail ? { ...hub.stats(), connections: hub.connectionStats() } : hub.stats()
        return c.json(body, 200, { 'cache-control': 'no-store' })
      }
    },

    dashboardHandler(dashboardOptions = {}) {
      const sources = { stats: () => hub.stats(), tenants: () => connectionLimits.byTenant() }
      const dashboard = createDashboardEndpoint(sources, dashboardOptions, logger)
      dashboards.add(dashboard)
      return dashboard.handler
    },

    publish: async (input) => publishMessage(toBusMessage(input, { tenantKey })),

    ...createPublishHelpers(publishMessage, tenantKey),

    publishFrom(source, toEvent, { onError } = {}) {
      const report = (error: unknown, item?: unknown) =>
        callHook('publishFrom onError', () =>
          onError
            ? onError(error, item)
            : logger.error({ err: error }, '[ssehub] publishFrom: a source failed'),
        )
      const { stop, done } = consumeInto(
        source,
        toEvent,
        (input) => publishMessage(toBusMessage(input, { tenantKey })),
        report,
      )
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
        const hook: ((connection: ConnectionInfo) => void) | undefined = paused
          ? options.onPause
          : options.onResume
        callHook(paused ? 'onPause' : 'onResume', () => hook?.(connection))
      }
      return true
    },

    stats: () => counters.snapshot(router.connections.size, scheduler.size, streams.counts(), bus.health?.()),

    connectionStats: () => [...router.connections.values()].map((connection) => connection.stats()),

    ready: () => streams.accepting,

    drain({ graceMs = 10_000 } = {}) {
      assertPositive({ graceMs: graceMs + 1 })
      return streams.drain(graceMs)
    },

    async close() {
      if (closed) return
      closed = true
      unsubscribe()
      for (const stop of [...sources]) stop()
      for (const dashboard of dashboards) dashboard.sampler.close()
      streams.close()
      scheduler.clear()
      await bus.close()
      await replay.close?.()
      await tickets.close?.()
    },
  }
  return hub
}

function isPromiseLike(value: unknown): value is PromiseLike<unknown> {
  return typeof (value as PromiseLike<unknown> | undefined)?.then === 'function'
}

/** Bun closes a connection idle for 10 s unless told otherwise; elsewhere 25 s sits well inside proxies' 60 s. */
function defaultHeartbeatMs(): number {
  return 'Bun' in globalThis ? 8000 : 25_000
}

function assertPositive(values: Record<string, number>): void {
  for (const [name, value] of Object.entries(values)) {
    if (Number.isNaN(value) || value <= 0) {
      throw new HubError('invalid_option', `${name} must be a positive number`)
    }
  }
}
