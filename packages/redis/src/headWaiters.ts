import { compareStreamIds, parseStreamId, type StreamId } from './streamId'

interface Waiter {
  id: StreamId
  settle(reached: boolean): void
}

/**
 * Promises that a node's head will reach an id: what a resume on a node that is a little behind another
 * waits on. Each wait is bounded by its own timeout; `advance` settles the ones the head has passed.
 */
export function headWaiters() {
  let waiters: Waiter[] = []

  return {
    /** Resolves `true` once `advance` passes `id`, `false` after `timeoutMs` or on `clear`. */
    wait(id: StreamId, timeoutMs: number): Promise<boolean> {
      return new Promise((resolve) => {
        const waiter: Waiter = {
          id,
          settle(reached) {
            clearTimeout(timer)
            waiters = waiters.filter((other) => other !== waiter)
            resolve(reached)
          },
        }
        const timer = setTimeout(() => waiter.settle(false), timeoutMs)
        waiters.push(waiter)
      })
    },

    /** The head is now `headId`: settles every wait for an id at or before it. */
    advance(headId: string): void {
      if (waiters.length === 0) return
      const head = parseStreamId(headId)
      if (!head) return
      for (const waiter of waiters) if (compareStreamIds(waiter.id, head) <= 0) waiter.settle(true)
    },

    clear(): void {
      for (const waiter of waiters) waiter.settle(false)
    },
  }
}
