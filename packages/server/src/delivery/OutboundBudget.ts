import type { Lane } from '../events'
import type { PendingLanes } from './PendingLanes'

/** The connection a budget bounds: its socket's backlog, and where frames given up are reported. */
export interface BudgetOwner {
  /** Bytes written but not yet taken by the socket. */
  readonly backlogBytes: number
  /** A pending frame of `lane` was given up to make room. */
  onGivenUp(lane: Lane): void
}

/**
 * The memory bound of one connection: bytes its socket has not taken yet, plus frames waiting for a
 * flush, never more than `limitBytes`. What does not fit is given up — pending coalesced values first
 * (the oldest update), then batched frames (the oldest) — and every frame given up is a loss the caller
 * answers with a `resync`.
 */
export class OutboundBudget {
  readonly limitBytes: number
  readonly #owner: BudgetOwner
  readonly #lanes: PendingLanes

  constructor(limitBytes: number, owner: BudgetOwner, lanes: PendingLanes) {
    this.limitBytes = limitBytes
    this.#owner = owner
    this.#lanes = lanes
  }

  /** Everything held for this connection: the socket's backlog and the pending lanes. */
  get usedBytes(): number {
    return this.#owner.backlogBytes + this.#lanes.bytes
  }

  /**
   * Share of the limit the socket has not taken: what the flush interval adapts to. Pending lane frames
   * are left out on purpose — counting them would slow the flush of exactly the connection that has the
   * most waiting, until it overflows; they count against the bound instead (`makeRoom`).
   */
  get utilization(): number {
    return this.#owner.backlogBytes / this.limitBytes
  }

  /** Whether `incomingBytes` fit now without giving anything up. */
  fits(incomingBytes: number): boolean {
    return this.usedBytes + incomingBytes <= this.limitBytes
  }

  /**
   * Gives up pending frames until `incomingBytes` fit, never the coalesced value of `keepKey` (the one
   * being replaced), and tells the owner the lane of each. Returns whether they fit.
   */
  makeRoom(incomingBytes: number, keepKey?: string): boolean {
    while (!this.fits(incomingBytes)) {
      const lane = this.#lanes.evictOne(keepKey)
      if (!lane) return false
      this.#owner.onGivenUp(lane)
    }
    return true
  }
}
