import type { Redis } from 'ioredis'

/** Resolves when `connection` is ready (now, or at its next `ready`). */
export function whenReady(connection: Redis): Promise<void> {
  if (connection.status === 'ready') return Promise.resolve()
  return new Promise((resolve) => {
    const onReady = () => {
      connection.off('end', onReady)
      connection.off('ready', onReady)
      resolve()
    }
    connection.once('ready', onReady)
    // A bus closed before it ever connected is "ready" in the sense that no one should wait on it.
    connection.once('end', onReady)
  })
}
