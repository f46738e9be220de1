interface Waiter<Position> {
  wanted: Position
  settle(reached: boolean): void
}

/** Pending waits for a node's head to reach a position: what `Bus.catchUp` of a multi-node engine needs. */
export interface HeadWaiters<Position> {
  /** Resolves `true` once `advance` reaches `wanted`, `false` after `timeoutMs` or on `clear`. */
  wait(wanted: Position, timeoutMs: number): Promise<boolean>
  /** The head is now `head`: settles every wait it has reached. */
  advance(head: Position): void
  /** Settles every wait with `false` (the bus is closing). */
  clear(): void
}

/**
 * Promises that a node's head will reach a position, for a client that resumes on a node a little behind
 * the one that served it. Each wait has its own timeout; `reached(wanted, head)` says when one is over.
 *
 * @example
 * const waiters = headWaiters<number>((wanted, head) => wanted <= head)
 */
export function headWaiters<Position>(
  reached: (wanted: Position, head: Position) => boolean,
): HeadWaiters<Position> {
  let waiters: Array<Waiter<Position>> = []
  return {
    wait(wanted, timeoutMs) {
      return new Promise((resolve) => {
        const waiter: Waiter<Position> = {
          wanted,
          settle(done) {
            clearTimeout(timer)
            waiters = waiters.filter((other) => other !== waiter)
            resolve(done)
          },
        }
        const timer = setTimeout(() => waiter.settle(false), timeoutMs)
        waiters.push(waiter)
      })
    },
    advance(head) {
      for (const waiter of waiters) if (reached(waiter.wanted, head)) waiter.settle(true)
    },
    clear() {
      for (const waiter of waiters) waiter.settle(false)
    },
  }
}
