import type { BusMessage, HubEvent } from '@ssehub/server/engine'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { hasPostgres, PostgresServer } from '../../../testing/postgresServer'
import { postgresBus, postgresReplay } from '../src/index'

const all = () => true
const message = (n: number): BusMessage => ({
  type: 'invalidate',
  topics: ['orders'],
  data: JSON.stringify({ resource: 'orders', id: n }),
  lane: 'instant',
  publishedAt: Date.now(),
})

describe.skipIf(!hasPostgres)('postgresReplay retention', () => {
  let server: PostgresServer
  let pool: pg.Pool

  beforeAll(async () => {
    server = await PostgresServer.start()
    pool = new pg.Pool(server.connection)
    pool.on('error', () => {})
  }, 60_000)
  afterAll(async () => {
    await pool?.end()
    await server?.destroy()
  }, 30_000)

  it('answers replay-gap to a client that missed an event older than maxAgeMs', async () => {
    const bus = postgresBus({ pool, stream: 'age' })
    await bus.ready
    const ids: string[] = []
    for (let n = 0; n < 6; n++) ids.push(await bus.publish(message(n)))
    await pool.query(
      `UPDATE ssehub_events SET published_at = published_at - 60000 WHERE stream = 'age' AND seq <= 3`,
    )
    const replay = postgresReplay({ pool, stream: 'age', maxAgeMs: 30_000 })
    expect(await replay.since(ids[0]!, ids[5]!, all)).toEqual({ resync: 'replay-gap' })
    const result = (await replay.since(ids[2]!, ids[5]!, all)) as { events: HubEvent[] }
    expect(result.events.map((event) => event.id)).toEqual(ids.slice(3))
    await bus.close()
  })

  it('answers replay-gap to a client further behind than maxEvents', async () => {
    const bus = postgresBus({ pool, stream: 'count' })
    await bus.ready
    const ids: string[] = []
    for (let n = 0; n < 6; n++) ids.push(await bus.publish(message(n)))
    const replay = postgresReplay({ pool, stream: 'count', maxEvents: 3 })
    expect(await replay.since(ids[1]!, ids[5]!, all)).toEqual({ resync: 'replay-gap' })
    const result = (await replay.since(ids[2]!, ids[5]!, all)) as { events: HubEvent[] }
    expect(result.events).toHaveLength(3)
    await bus.close()
  })
})
