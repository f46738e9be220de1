import type { InvalidationData } from '@ssehub/protocol'
import type { Handler } from 'hono'
import type { DashboardHandlerOptions } from './dashboard/dashboardHandler'
import type { ConnectionStats } from './delivery/Connection'
import type { EventMap } from './HubOptions'
import type { HubStats } from './HubStats'
import type { Audience } from './publish/Audience'
import type { PublishInput } from './publish/messages'
import type { PublishFromOptions, PublishSource } from './publish/publishFrom'

/**
 * A record's id: a string, or a number (a safe integer) sent on topics as its decimal string. Events
 * carry it as given; clients match `5` and `'5'` alike.
 */
export type RecordId = string | number

/** `hub.invalidate`'s options: what changed, and who is told. */
export interface InvalidateOptions extends Audience {
  /** The record that changed: the event also reaches `<resource>.<id>`. Omitted: the whole resource. */
  id?: RecordId
  /** What happened, e.g. `created`, `updated`, `deleted`. */
  action?: string
  /** A small patch clients may merge into their cache instead of refetching (any JSON). */
  hint?: unknown
}

/** `hub.progress`'s options: the task and how far it is. */
export interface ProgressOptions extends Audience {
  /** The task's record. */
  id: RecordId
  /** Units done, `0 <= current`. */
  current: number
  /** Units in all, `0 < total`; `pct` is `current / total` floored to one decimal, at most 100. */
  total: number
}

/** `hub.complete`'s options: the task and how it ended. */
export interface CompleteOptions extends Audience {
  /** The task's record. */
  id: RecordId
  /** @default 'completed' */
  status?: 'completed' | 'failed'
  /** Data for the client, e.g. the result's location (any JSON). */
  hint?: unknown
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
  /**
   * Tells clients that `resource` (and `resource.<id>`) changed: an instant `invalidate` event.
   *
   * @example
   * await hub.invalidate('orders', { id: order.id, action: 'updated', tenant: order.tenantId })
   */
  invalidate(resource: string, options?: InvalidateOptions): Promise<string>
  /** Several invalidations as one instant `batch` event, to one audience. */
  batch(items: readonly InvalidationData[], audience?: Audience): Promise<string>
  /**
   * Coalesced progress of a long task: clients get the latest `{ current, total, pct }` at each flush.
   *
   * @example
   * await hub.progress('imports', { id: job.id, current: 40, total: 200 })
   */
  progress(resource: string, options: ProgressOptions): Promise<string>
  /** Instant end of a task; discards its pending progress so a stale value never lands after it. */
  complete(resource: string, options: CompleteOptions): Promise<string>
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
