import { createHub } from '@ssehub/server'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { hasPostgres, PostgresServer } from '../../../testing/postgresServer'
import { postgresBus } from '../src/index'

describe.skipIf(!hasPostgres)('the Postgres bus reports its health in hub.stats()', () => {
  let server: PostgresServer
  beforeAll(async () => {
    server = await PostgresServer.start()
  }, 60_000)
  afterAll(async () => {
    await server?.destroy()
  }, 30_000)

  it('up with the read lag while the database answers, down while it is away, up again after', async () => {
    const pool = new pg.Pool({ ...server.connection, max: 4 })
    pool.on('error', () => {})
    const bus = postgresBus({ pool, stream: 'health', pollIntervalMs: 100, publishTimeoutMs: 1000 })
    const hub = createHub({ bus })
    try {
      await bus.ready
      await hub.invalidate('orders', { id: 'o1' })
      await waitFor(() => hub.stats().engine?.lagMs !== undefined)
      expect(hub.stats().engine).toMatchObject({ engine: 'postgres', state: 'up' })
      expect(hub.stats().engine?.lagMs).toBeLessThan(60_000)

      await server.stop()
      await waitFor(() => hub.stats().engine?.state === 'down')
      await server.start()
      await waitFor(() => hub.stats().engine?.state === 'up', 20_000)
    } finally {
      await hub.close()
      await pool.end()
    }
  }, 60_000)
})

async function waitFor(check: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out')
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}
