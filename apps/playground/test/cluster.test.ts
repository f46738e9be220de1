import { fileURLToPath } from 'node:url'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { NodeProcess } from '../../../packages/server/test/chaos/NodeProcess'
import { TestStream } from '../../../packages/server/test/sse'
import { hasPostgres, PostgresServer } from '../../../testing/postgresServer'
import { ENGINE_DOWN_NOTICE } from '../src/tellTabs'
import { signedIn } from './support/startPlayground'

const TSX_LOADER = new URL('../node_modules/tsx/dist/loader.mjs', import.meta.url).href
const NODE_SCRIPT = fileURLToPath(new URL('../src/clusterNode.ts', import.meta.url))

/**
 * The playground's cluster mode on PostgreSQL: two node processes (src/clusterNode.ts, as
 * `pnpm start:cluster:postgres` starts them) share the orders and the event stream.
 */
describe.skipIf(!hasPostgres)('playground cluster on PostgreSQL, one process per node', () => {
  let postgres: PostgresServer
  let a: NodeProcess
  let b: NodeProcess
  const streams: TestStream[] = []

  beforeAll(async () => {
    postgres = await PostgresServer.start()
    const env = { PLAYGROUND_ENGINE: 'postgres', DATABASE_URL: postgres.url }
    a = new NodeProcess(TSX_LOADER, NODE_SCRIPT, [], env)
    b = new NodeProcess(TSX_LOADER, NODE_SCRIPT, [], env)
    await a.start()
    await b.start()
  }, 60_000)
  afterAll(async () => {
    for (const stream of streams) stream.destroy()
    await a?.kill()
    await b?.kill()
    await postgres?.destroy()
  }, 30_000)

  async function streamOn(url: string) {
    const { api } = await signedIn(url, 't1')
    const { ticket } = (await (await api('/events/ticket', { method: 'POST' })).json()) as { ticket: string }
    const stream = new TestStream(`${url}/events?topics=orders&ticket=${ticket}`)
    streams.push(stream)
    await stream.ready
    await stream.untilEvent('connected')
    return stream
  }

  it('an order created on one node reaches the tabs of the other, which serves the same data', async () => {
    const onB = await streamOn(b.url)
    const { api } = await signedIn(a.url, 't1')
    const created = await api('/api/orders', {
      method: 'POST',
      body: { customer: 'Grace', totalCents: 4200 },
    })
    expect(created.status).toBe(201)
    const order = (await created.json()) as { id: string; notice?: string }
    expect(order.notice).toBeUndefined()
    await onB.until((frames) =>
      frames.some((frame) => frame.event === 'invalidate' && frame.data?.includes(order.id)),
    )
    const { api: apiOnB } = await signedIn(b.url, 't1')
    const listed = (await (await apiOnB('/api/orders')).json()) as Array<{ id: string }>
    expect(listed.map((item) => item.id)).toContain(order.id)
  })

  it('a create whose publish the engine refuses is saved, says so, and the other node resyncs its tabs when the engine takes writes again', async () => {
    const onB = await streamOn(b.url)
    // The engine can't take writes: its stream row is locked (the orders table is not).
    const locker = new pg.Client(postgres.connection)
    await locker.connect()
    await locker.query('BEGIN')
    await locker.query('LOCK TABLE ssehub_streams IN ACCESS EXCLUSIVE MODE')
    const { api } = await signedIn(a.url, 't1')
    let created: Response
    try {
      created = await api('/api/orders', {
        method: 'POST',
        body: { customer: 'Saved anyway', totalCents: 100 },
      })
    } finally {
      await locker.query('ROLLBACK')
      await locker.end()
    }
    expect(created.status).toBe(201)
    const order = (await created.json()) as { id: string; notice?: string }
    expect(order.notice).toBe(ENGINE_DOWN_NOTICE)
    // Once the engine takes writes, every node hears of the failed publish: B's tab gets resync.
    await onB.untilEvent('resync', 1, 20_000)
    const { api: apiOnB } = await signedIn(b.url, 't1')
    const listed = (await (await apiOnB('/api/orders')).json()) as Array<{ id: string }>
    expect(listed.map((item) => item.id)).toContain(order.id)
  })

  it('a node killed with SIGKILL leaves the other serving', async () => {
    const onB = await streamOn(b.url)
    await a.kill()
    const { api } = await signedIn(b.url, 't1')
    const created = await api('/api/orders', {
      method: 'POST',
      body: { customer: 'After the kill', totalCents: 300 },
    })
    const order = (await created.json()) as { id: string }
    await onB.until((frames) =>
      frames.some((frame) => frame.event === 'invalidate' && frame.data?.includes(order.id)),
    )
  })
})
