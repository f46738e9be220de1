import type { Lane, ResyncReason } from '../events'

/** Why a frame was not written. `overflow` and `evicted` lead to a `resync`; `expired` (TTL) does not. */
export type DropReason = 'overflow' | 'evicted' | 'expired'

/** What connections report as they deliver, so the hub keeps `stats()` and metrics in one place. */
export interface DeliveryObserver {
  onDelivered(lane: Lane, frames: number): void
  onDropped(lane: Lane, reason: DropReason): void
  /** A pending coalesced value was replaced by a newer one. */
  onCoalesced(): void
  onResync(reason: ResyncReason): void
  onFlush(intervalMs: number, utilization: number): void
}
