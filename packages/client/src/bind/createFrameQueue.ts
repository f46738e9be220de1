import { scheduleFrame } from './scheduleFrame'

/** Collects items and hands them over in one batch per frame; see {@link createFrameQueue}. */
export interface FrameQueue<Item> {
  push(...items: Item[]): void
  /** Drops what is queued and the scheduled flush. */
  cancel(): void
}

/**
 * A queue that calls `flush` once per animation frame with everything pushed since the last one, in order.
 * A burst of fifty invalidations of one query becomes one refetch instead of fifty restarted ones.
 */
export function createFrameQueue<Item>(
  flush: (items: Item[]) => void,
  schedule: (callback: () => void) => () => void = scheduleFrame,
): FrameQueue<Item> {
  let items: Item[] = []
  let cancelScheduled: (() => void) | undefined
  return {
    push(...next) {
      items.push(...next)
      cancelScheduled ??= schedule(() => {
        cancelScheduled = undefined
        const batch = items
        items = []
        flush(batch)
      })
    },
    cancel() {
      cancelScheduled?.()
      cancelScheduled = undefined
      items = []
    },
  }
}
