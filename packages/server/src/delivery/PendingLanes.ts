import type { Lane } from '../events'
import type { RoutedFrame } from './RoutedFrame'

/** A coalesced frame waiting for its flush; `arrival` orders keys by their latest update. */
interface PendingCoalesced {
  frame: RoutedFrame
  arrival: number
}

/**
 * A connection's batched and coalesced frames between flushes: batched in publish order, coalesced last
 * writer wins per key, updated in place (no map churn in a progress storm) and flushed in the order of
 * their latest update, which is id order within the lane.
 */
export class PendingLanes {
  // Made on first use: most connections only ever see instant frames.
  #batched: RoutedFrame[] | undefined
  #coalesced: Map<string, PendingCoalesced> | undefined
  #arrivals = 0
  #bytes = 0

  /** Bytes of every pending frame. */
  get bytes(): number {
    return this.#bytes
  }

  get size(): number {
    return (this.#batched?.length ?? 0) + (this.#coalesced?.size ?? 0)
  }

  pushBatched(frame: RoutedFrame): void {
    this.#batched ??= []
    this.#batched.push(frame)
    this.#bytes += frame.bytes.byteLength
  }

  /** Bytes of the frame pending under `key`, 0 if none. */
  coalescedBytes(key: string): number {
    return this.#coalesced?.get(key)?.frame.bytes.byteLength ?? 0
  }

  /** Sets the frame of `key`; returns whether it replaced a pending one (a coalesce). */
  setCoalesced(key: string, frame: RoutedFrame): boolean {
    this.#coalesced ??= new Map()
    const pending = this.#coalesced.get(key)
    this.#bytes += frame.bytes.byteLength - (pending?.frame.bytes.byteLength ?? 0)
    if (!pending) {
      this.#coalesced.set(key, { frame, arrival: ++this.#arrivals })
      return false
    }
    pending.frame = frame
    pending.arrival = ++this.#arrivals
    return true
  }

  /** Forgets the frame pending under `key`; returns whether there was one. */
  discardCoalesced(key: string): boolean {
    const pending = this.#coalesced?.get(key)
    if (!pending) return false
    this.#coalesced?.delete(key)
    this.#bytes -= pending.frame.bytes.byteLength
    return true
  }

  /**
   * Gives up the oldest coalesced frame other than `keep`'s, else the oldest batched one, and returns its
   * lane; `undefined` when nothing is left to give up.
   */
  evictOne(keep?: string): Lane | undefined {
    let oldestKey: string | undefined
    let oldestArrival = Number.POSITIVE_INFINITY
    for (const [key, pending] of this.#coalesced ?? []) {
      if (key !== keep && pending.arrival < oldestArrival) {
        oldestArrival = pending.arrival
        oldestKey = key
      }
    }
    if (oldestKey !== undefined) {
      this.discardCoalesced(oldestKey)
      return 'coalesced'
    }
    const frame = this.#batched?.shift()
    if (!frame) return undefined
    this.#bytes -= frame.bytes.byteLength
    return 'batched'
  }

  /** Takes every pending frame, batched first, then coalesced in update order, and empties the lanes. */
  takeAll(): { batched: RoutedFrame[]; coalesced: RoutedFrame[] } {
    const batched = this.#batched ?? []
    const pending = [...(this.#coalesced?.values() ?? [])]
    if (pending.length > 1) pending.sort((a, b) => a.arrival - b.arrival)
    this.clear()
    return { batched, coalesced: pending.map((entry) => entry.frame) }
  }

  clear(): void {
    this.#batched = undefined
    this.#coalesced = undefined
    this.#bytes = 0
  }
}
