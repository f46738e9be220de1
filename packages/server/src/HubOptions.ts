import type { Context } from 'hono'
import type { AllowedOrigins } from './auth/createOriginCheck'
import type { Authenticate } from './auth/Principal'
import type { TicketStore } from './auth/TicketStore'
import type { Connection } from './delivery/Connection'
import type { Bus } from './engine/Bus'
import type { ReplayStore } from './engine/ReplayStore'
import type { Logger } from './Logger'
import type { HubMetricsOptions } from './metrics/createHubMetrics'
import type { DisconnectReason } from './stream/StreamLifecycle'
import type { PendingConnection } from './stream/streamHandler'

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
  /**
   * A `: hb` comment is written after this long without a byte; clients reconnect after twice this of
   * silence. Every idle stream costs a write per interval, so shorter is dearer. Keep it under the idle
   * timeout of every proxy on the way (nginx and most load balancers: 60 s).
   * @default 25_000, or 8_000 on Bun (inside its 10 s idle timeout)
   */
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
  /**
   * Origins (besides the hub's own) whose pages may ask `POST /events/ticket` for a ticket: a list of
   * origins, or a function. Other cross-origin requests get 403 `origin_not_allowed`.
   * @default [] (same origin only)
   */
  ticketAllowedOrigins?: AllowedOrigins
  /**
   * Where the hub logs what it cannot answer with (masked 5xx, failed hooks and sources, a bus that lost
   * continuity). pino fits as it is. @default consoleLogger
   */
  logger?: Logger
  limits?: HubLimits
  /** Prometheus metrics (prom-client, an optional peer), or `false` for none. @default {} (a private registry) */
  metrics?: HubMetricsOptions | false
  /** The metadata key that names a connection's tenant. @default 'tenant_id' */
  tenantKey?: string
  /**
   * On `@hono/node-server`, the stream writes its own head on the raw response (with the headers
   * middleware set before `next()`) and then each frame straight to the socket, instead of through a web
   * stream, the costliest layer of a fan-out (see `bench/` for the figures). A middleware that awaits after
   * `next()` then delays nothing; headers it sets after `next()` are not sent.
   * @default true
   */
  directWrite?: boolean
  /** After authentication, before the stream starts: add topics or metadata, or throw a `HubError` to refuse. */
  onConnect?: (c: Context, connection: PendingConnection) => void | Promise<void>
  /**
   * Called exactly once per connection, whatever ended it. Not awaited: what it throws, or its promise
   * rejects with, is logged (so are `onPause` and `onResume`).
   */
  onDisconnect?: (connection: ConnectionInfo, reason: DisconnectReason) => void
  /** A connection was paused with `setPaused`. */
  onPause?: (connection: ConnectionInfo) => void
  /** A paused connection was resumed. */
  onResume?: (connection: ConnectionInfo) => void
}

/** What hooks see of a connection. */
export type ConnectionInfo = Pick<Connection, 'id' | 'topics' | 'metadata' | 'createdAt'>
