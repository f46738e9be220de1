interface Waiter {
  seq: number
  settle(reached: boolean): void
}

/**
 * Promises that a node's position will reach a number: what a resume on a node that is a little behind
 * another waits on. Each wait is bounded by its own timeout; `advance` settles the ones it has passed.
 */
export function seqWaiters() {
  let waiters: Waiter[] = []
  return {
    /** Resolves `true` once `advance` passes `seq`, `false` after `timeoutMs` or on `clear`. */
    wait(seq: number, timeoutMs: number): Promise<boolean> {
      return new Promise((resolve) => {
        const waiter: Waiter = {
          seq,
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
    advance(seq: number): void {
      for (const waiter of waiters) if (waiter.seq <= seq) waiter.settle(true)
    },
    clear(): void {
      for (const waiter of waiters) waiter.settle(false)
    },
  }
}
