import type { DeliveryObserver, DropReason } from './delivery/DeliveryObserver'
import type { BusHealth } from './engine/Bus'
import type { Lane, ResyncReason } from './events'
import { type HubMetrics, noopHubMetrics } from './metrics/HubMetrics'

/** A count per lane. */
export type LaneCounts = Record<Lane, number>

/** A snapshot of what the hub has done since it started. */
export interface HubStats {
  /** Streams registered now (counted against the limits): open, retiring, or reading their replay. */
  connections: number
  /** Stream requests by state: `opening` ones are still authenticating or reading their replay. */
  streams: { opening: number; open: number; retiring: number }
  /** Events accepted by `publish` on this node, per lane. */
  published: LaneCounts
  /** Frames written to sockets, per lane (one per connection reached). */
  delivered: LaneCounts
  /** Pending coalesced values replaced by a newer one before their flush. */
  coalesced: number
  /** Frames not written, per lane, and per reason in `droppedByReason`. */
  dropped: LaneCounts
  droppedByReason: Record<DropReason, number>
  /** `resync` frames sent, per reason. */
  resyncs: Record<ResyncReason, number>
  /** Events written from the replay window on resume. */
  replayed: number
  /** Flushes and heartbeats waiting in the hub's one timer wheel: 0 once no stream is open. */
  scheduledTasks: number
  /** Flushes of the batched and coalesced lanes, per flush interval in ms: the adaptive throttle at work. */
  flushesByIntervalMs: Record<string, number>
  /**
   * How long `publish` took to hand events to the bus, as a cumulative histogram: `buckets[le]` counts
   * publishes that took at most `le` ms (`+Inf` for all). Two snapshots give the latency in between.
   */
  publishLatencyMs: { count: number; sumMs: number; buckets: Record<string, number> }
  /** The engine's health, where its bus reports one (`@ssehub/redis`: up or down, and how far reading lags). */
  engine?: BusHealth
}

/** The publish latency histogram's upper bounds, in ms. */
export const PUBLISH_LATENCY_BUCKETS_MS = [0.5, 1, 2, 5, 10, 25, 50, 100, 250, 1000] as const

const laneCounts = (): LaneCounts => ({ instant: 0, batched: 0, coalesced: 0 })

/**
 * The hub's running counters, and the one place that feeds its metrics: connections report through the
 * `DeliveryObserver` seam, the hub through the other methods, and `stats()` and `/metrics` agree.
 */
export class HubCounters implements DeliveryObserver {
  readonly #metrics: HubMetrics
  readonly published = laneCounts()
  readonly delivered = laneCounts()
  readonly dropped = laneCounts()
  readonly droppedByReason: Record<DropReason, number> = { overflow: 0, evicted: 0, expired: 0 }
  readonly resyncs: Record<ResyncReason, number> = { 'replay-gap': 0, epoch: 0, overflow: 0 }
  readonly flushesByIntervalMs: Record<string, number> = {}
  coalesced = 0
  replayed = 0
  readonly #latency = { count: 0, sumMs: 0, buckets: PUBLISH_LATENCY_BUCKETS_MS.map(() => 0) }

  constructor(metrics: HubMetrics = noopHubMetrics) {
    this.#metrics = metrics
  }

  onDelivered(lane: Lane, frames: number): void {
    this.delivered[lane] += frames
    this.#metrics.delivered(lane, frames)
  }

  onDropped(lane: Lane, reason: DropReason): void {
    this.dropped[lane] += 1
    this.droppedByReason[reason] += 1
    this.#metrics.dropped(lane, reason)
  }

  onCoalesced(): void {
    this.coalesced += 1
    this.#metrics.coalesced('coalesced')
  }

  onResync(reason: ResyncReason): void {
    this.resyncs[reason] += 1
    this.#metrics.resync(reason)
  }

  onFlush(intervalMs: number, utilization: number): void {
    this.flushesByIntervalMs[intervalMs] = (this.flushesByIntervalMs[intervalMs] ?? 0) + 1
    this.#metrics.observeFlush(intervalMs, utilization)
  }

  onPublished(lane: Lane, seconds: number): void {
    this.published[lane] += 1
    this.#metrics.published(lane)
    this.#metrics.observePublish(seconds)
    const ms = seconds * 1000
    this.#latency.count += 1
    this.#latency.sumMs += ms
    const bucket = PUBLISH_LATENCY_BUCKETS_MS.findIndex((le) => ms <= le)
    if (bucket >= 0) this.#latency.buckets[bucket] = (this.#latency.buckets[bucket] ?? 0) + 1
  }

  onReplayed(events: number): void {
    this.replayed += events
    if (events > 0) this.#metrics.replayed(events)
  }

  onConnectionOpened(): void {
    this.#metrics.connectionOpened()
  }

  onConnectionClosed(): void {
    this.#metrics.connectionClosed()
  }

  onAuthFailure(code: string): void {
    this.#metrics.authFailure(code)
  }

  snapshot(
    connections: number,
    scheduledTasks: number,
    streams: HubStats['streams'],
    engine?: BusHealth,
  ): HubStats {
    const buckets: Record<string, number> = {}
    let cumulative = 0
    PUBLISH_LATENCY_BUCKETS_MS.forEach((le, index) => {
      cumulative += this.#latency.buckets[index] ?? 0
      buckets[le] = cumulative
    })
    buckets['+Inf'] = this.#latency.count
    return {
      connections,
      streams,
      scheduledTasks,
      published: { ...this.published },
      delivered: { ...this.delivered },
      coalesced: this.coalesced,
      dropped: { ...this.dropped },
      droppedByReason: { ...this.droppedByReason },
      resyncs: { ...this.resyncs },
      replayed: this.replayed,
      flushesByIntervalMs: { ...this.flushesByIntervalMs },
      publishLatencyMs: { count: this.#latency.count, sumMs: this.#latency.sumMs, buckets },
      ...(engine ? { engine } : {}),
    }
  }
}
