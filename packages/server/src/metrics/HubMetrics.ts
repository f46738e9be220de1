import type { DropReason } from '../delivery/DeliveryObserver'
import type { Lane, ResyncReason } from '../events'

/**
 * What the hub reports as it runs. Every method is cheap, synchronous and never throws: it sits on the
 * fan-out path. Labels are lanes and reasons only — never a tenant or connection, which would make the
 * number of series grow with traffic.
 */
export interface HubMetrics {
  /** A stream was accepted (after auth and limits). */
  connectionOpened(): void
  /** A stream ended, for whatever reason. */
  connectionClosed(): void
  /** An event was published (once per event, on the publishing node). */
  published(lane: Lane): void
  /** `count` frames were written to connections (one per connection reached). @default count 1 */
  delivered(lane: Lane, count?: number): void
  /** `count` pending values were replaced by newer ones with the same coalesce key. @default count 1 */
  coalesced(lane: Lane, count?: number): void
  /** `count` frames were not written. @default count 1 */
  dropped(lane: Lane, reason: DropReason, count?: number): void
  /** A connection was sent `resync`. */
  resync(reason: ResyncReason): void
  /** `count` events were replayed to a reconnecting client. */
  replayed(count: number): void
  /** A connect or ticket request was refused by auth; `code` is the `HubError` code. */
  authFailure(code: string): void
  /** A connection flushed: the time since its previous flush, and its buffer utilization (0..1) then. */
  observeFlush(intervalMs: number, utilization: number): void
  /** Seconds `publish()` took, from the call until the event was routed on this node. */
  observePublish(seconds: number): void
}

/** Every method of `HubMetrics`: the type makes this list complete, so generic wrappers stay in step. */
export const HUB_METRICS_METHODS = Object.keys({
  connectionOpened: true,
  connectionClosed: true,
  published: true,
  delivered: true,
  coalesced: true,
  dropped: true,
  resync: true,
  replayed: true,
  authFailure: true,
  observeFlush: true,
  observePublish: true,
} satisfies Record<keyof HubMetrics, true>) as readonly (keyof HubMetrics)[]

function ignore(): void {}

/** A `HubMetrics` that records nothing: for a hub built with metrics turned off, and for tests. */
export const noopHubMetrics: HubMetrics = Object.freeze(
  Object.fromEntries(HUB_METRICS_METHODS.map((name) => [name, ignore])) as unknown as HubMetrics,
)
