import type { DeliveryObserver, DropReason } from './DeliveryObserver'
import type { Lane, ResyncReason } from './events'

/** A count per lane. */
export type LaneCounts = Record<Lane, number>

/** A snapshot of what the hub has done since it started. */
export interface HubStats {
  /** Open streams now. */
  connections: number
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
}

const laneCounts = (): LaneCounts => ({ instant: 0, batched: 0, coalesced: 0 })

/** The hub's running counters; connections feed them through the `DeliveryObserver` seam. */
export class HubCounters implements DeliveryObserver {
  readonly published = laneCounts()
  readonly delivered = laneCounts()
  readonly dropped = laneCounts()
  readonly droppedByReason: Record<DropReason, number> = { overflow: 0, evicted: 0, expired: 0 }
  readonly resyncs: Record<ResyncReason, number> = { 'replay-gap': 0, epoch: 0, overflow: 0 }
  readonly flushesByIntervalMs: Record<string, number> = {}
  coalesced = 0
  replayed = 0

  onDelivered(lane: Lane, frames: number): void {
    this.delivered[lane] += frames
  }

  onDropped(lane: Lane, reason: DropReason): void {
    this.dropped[lane] += 1
    this.droppedByReason[reason] += 1
  }

  onCoalesced(): void {
    this.coalesced += 1
  }

  onResync(reason: ResyncReason): void {
    this.resyncs[reason] += 1
  }

  onFlush(intervalMs: number): void {
    this.flushesByIntervalMs[intervalMs] = (this.flushesByIntervalMs[intervalMs] ?? 0) + 1
  }

  snapshot(connections: number, scheduledTasks: number): HubStats {
    return {
      connections,
      scheduledTasks,
      published: { ...this.published },
      delivered: { ...this.delivered },
      coalesced: this.coalesced,
      dropped: { ...this.dropped },
      droppedByReason: { ...this.droppedByReason },
      resyncs: { ...this.resyncs },
      replayed: this.replayed,
      flushesByIntervalMs: { ...this.flushesByIntervalMs },
    }
  }
}
