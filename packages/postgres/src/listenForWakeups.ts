import type { Pool, PoolClient } from 'pg'
import { quoteIdentifier } from './tables'

/** After a lost LISTEN connection, wait this long before taking another. */
const RELISTEN_DELAY_MS = 500

/**
 * Holds one pooled connection LISTENing on `channel` and calls `wake` for every notification, and
 * again each time the LISTEN is (re)established, since notifications sent while it was down are lost.
 * A lost connection is given back as broken and replaced after a short wait, for as long as this runs.
 */
export function listenForWakeups(pool: Pool, channel: string, wake: () => void): { stop(): Promise<void> } {
  let stopped = false
  let client: PoolClient | undefined
  let timer: ReturnType<typeof setTimeout> | undefined

  function retryLater(): void {
    if (stopped || timer !== undefined) return
    timer = setTimeout(() => {
      timer = undefined
      void listen()
    }, RELISTEN_DELAY_MS)
  }

  function drop(connection: PoolClient, error?: Error): void {
    if (client !== connection) return
    client = undefined
    connection.removeAllListeners('notification')
    connection.release(error ?? true)
    retryLater()
  }

  async function listen(): Promise<void> {
    if (stopped || client) return
    let connection: PoolClient
    try {
      connection = await pool.connect()
    } catch {
      retryLater()
      return
    }
    if (stopped) return connection.release()
    client = connection
    connection.on('notification', wake)
    connection.on('error', (error: Error) => drop(connection, error))
    connection.on('end', () => drop(connection))
    try {
      await connection.query(`LISTEN ${quoteIdentifier(channel)}`)
      wake()
    } catch (error) {
      drop(connection, error as Error)
    }
  }

  void listen()
  return {
    async stop() {
      stopped = true
      if (timer !== undefined) clearTimeout(timer)
      const connection = client
      client = undefined
      if (!connection) return
      connection.removeAllListeners('notification')
      try {
        await connection.query(`UNLISTEN ${quoteIdentifier(channel)}`)
        connection.release()
      } catch (error) {
        connection.release(error as Error)
      }
    },
  }
}
