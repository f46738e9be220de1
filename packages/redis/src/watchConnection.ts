import type { Redis } from 'ioredis'

/**
 * Reports a connection's outages once each (one line when it is lost, one when it is back) instead of
 * ioredis' "Unhandled error event" on every reconnect attempt.
 */
export function watchConnection(connection: Redis, label: string): void {
  let down = false
  connection.on('error', (error: Error) => {
    if (down) return
    down = true
    console.warn(`[ssehub/redis] ${label}: ${error.message}; reconnecting`)
  })
  connection.on('ready', () => {
    if (!down) return
    down = false
    console.warn(`[ssehub/redis] ${label}: reconnected`)
  })
}
