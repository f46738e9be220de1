interface Waiter {
  callback: (lock: { name: string; mode: 'exclusive' }) => unknown
  resolve: (value: unknown) => void
  reject: (reason: unknown) => void
}

/**
 * An in-memory Web Locks `LockManager` (exclusive mode, `signal` only) for Node, where
 * `navigator.locks` does not exist: enough to play several tabs in one process.
 */
export function createFakeLocks() {
  const queues = new Map<string, Waiter[]>()
  const held = new Set<string>()

  const grantNext = (name: string) => {
    if (held.has(name)) return
    const waiter = queues.get(name)?.shift()
    if (!waiter) return
    held.add(name)
    Promise.resolve()
      .then(() => waiter.callback({ name, mode: 'exclusive' }))
      .then(waiter.resolve, waiter.reject)
      .finally(() => {
        held.delete(name)
        grantNext(name)
      })
  }

  return {
    held,
    request(name: string, options: { signal?: AbortSignal }, callback: Waiter['callback']) {
      return new Promise((resolve, reject) => {
        const { signal } = options
        if (signal?.aborted) return reject(signal.reason)
        const waiter: Waiter = { callback, resolve, reject }
        const queue = queues.get(name) ?? []
        queues.set(name, queue)
        queue.push(waiter)
        signal?.addEventListener('abort', () => {
          const index = queue.indexOf(waiter)
          if (index === -1) return
          queue.splice(index, 1)
          reject(signal.reason)
        })
        grantNext(name)
      })
    },
  }
}
