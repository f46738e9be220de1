import type { Handler } from 'hono'
import type { DashboardHandlerOptions } from './dashboard/dashboardHandler'
import type { ConnectionStats } from './delivery/Connection'
import type { Group } from './events'
import type { EventMap } from './HubOptions'
import type { HubStats } from './HubStats'
import type { InvalidationSignal, PublishInput } from './publish/messages'
import type { PublishFromOptions, PublishSource } from './publish/publishFrom'

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
  /**
   * The Hono handler for a live page of the hub: open connections (by tenant), frames per second per lane,
   * coalesced values, drops and resyncs, flush-interval bands, publish latency, engine health, over the
   * last minutes. It samples `stats()` only while the page is open. Admin-only: every request is refused
   * (403) unless `authorize` says yes.
   */
  dashboardHandler(options?: DashboardHandlerOptions): Handler
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
  /**
   * Publishes what `toEvent` returns for every item of `source` (`null` skips it). Returns a stop function.
   * A source that waits (a `LISTEN`) should be a function of an `AbortSignal`, aborted by stop and `close()`.
   */
  publishFrom<Item>(
    source: PublishSource<Item>,
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
