import type { BusMessage, HubEvent } from '../events'

/**
 * A break in what a bus can vouch for: events may have been published that it never delivered (entries
 * trimmed before it read them, a lagging reader, a reconnect whose position it cannot prove), or the
 * stream it reads was reset or replaced (ids started over, a store that came back empty).
 */
export interface BusGap {
  /** `replay-gap`: some events may be missing; `epoch`: the stream itself is new. */
  reason: 'replay-gap' | 'epoch'
  /** What happened, for logs (never sent to clients). */
  detail?: string
}

/** How an engine is doing, for `hub.stats()` and the dashboard. */
export interface BusHealth {
  /** `up`: publishing and reading; `down`: unreachable (publish rejects); `starting`: not ready yet. */
  state: 'up' | 'down' | 'starting'
  /** How old the newest event was when this node read it, in ms: how far behind the engine reading is. */
  lagMs?: number
  /** What the engine is (`redis`, `postgres`), for display. */
  engine: string
}

/** What the hub gives `Bus.subscribe`. */
export interface BusSubscriber {
  /** Every delivered event, in id order. */
  onEvent(event: HubEvent): void
  /**
   * The bus cannot vouch for continuity since its last delivered event. Called before any event that
   * follows the break; the hub then owes every connection a `resync` that precedes anything newer.
   */
  onGap(gap: BusGap): void
}

/**
 * The seam between `publish` and routing. The hub hands every published message to the bus and routes
 * whatever the bus delivers back, so one bus can feed the hubs of many nodes (`@ssehub/redis`,
 * `@ssehub/postgres`).
 *
 * **Ids.** Every event gets an id that is unique in the stream and strictly increasing in delivery
 * order; `headId()` is the newest delivered. Clients hold ids across reconnects and nodes, so an id must
 * keep its meaning on every node of the stream, and an id from another stream (or from before the store
 * lost its data) must be recognisable as foreign by the `ReplayStore`.
 *
 * **Continuity is part of the contract.** A bus delivers every event of the stream in id order, or
 * calls `onGap` before the first event after a break. A break is anything after which the bus cannot
 * vouch that it delivered everything:
 * - `replay-gap`: entries were removed before this node read them (trimmed by count or age while the
 *   node was paused, partitioned or slow), a publish failed (the event reached no node), or the store
 *   restarted and may have lost acknowledged writes;
 * - `epoch`: the stream this node was reading is gone or replaced (a store that came back empty, a log
 *   that was truncated or whose sequence went backwards), so ids restart or change meaning.
 *
 * A bus that cannot prove its position after a reconnect reports a gap rather than hope. The hub then
 * makes every connection owe a `resync` with that reason, written before anything newer.
 *
 * **Failures.** Publishing while the engine is unreachable (or after `close`) rejects with a `HubError`
 * `engine_unavailable`, status 503, `retryAfterSec` set, nothing queued in memory. The event is lost to
 * every node, so a multi-node bus makes sure every node reports a gap once the engine takes writes again
 * (`gapMarker` appends a marker to the log that every reader turns into `onGap`): a mutation whose
 * publish failed is still refetched by every client. `@ssehub/server/testing` holds the conformance suite
 * every engine runs.
 */
export interface Bus {
  /** Appends a message and resolves to the id it was given. Rejects (a `HubError` `engine_unavailable`) when it can't. */
  publish(message: BusMessage): Promise<string>
  /** Receives every message in id order, this node's and others', and every gap. Returns an unsubscribe function. */
  subscribe(subscriber: BusSubscriber): () => void
  /** The id of the newest event delivered to subscribers: what a fresh `connected` frame carries. */
  headId(): string
  /**
   * Resolves once this node has delivered everything up to `lastEventId` (or gave up waiting), for a
   * client that resumes here with an id another node already served it. Without it, events between this
   * node's head and that id would be replayed and then delivered live again. Single-node buses omit it.
   */
  catchUp?(lastEventId: string): Promise<unknown>
  /** How the engine is doing, read by `hub.stats()`. Single-process buses may omit it. */
  health?(): BusHealth
  /** Releases connections and timers; later publishes reject. Idempotent. */
  close(): void | Promise<void>
}
