import { afterEach, describe, expect, it } from 'vitest'
import { createHub, type Hub } from '../src/index'
import { connect, startServer, TestStream } from './sse'

const cleanups: Array<() => Promise<void> | void> = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

async function setup(options: Parameters<typeof createHub>[0] = {}) {
  const hub = createHub(options)
  const server = await startServer(hub as Hub)
  cleanups.push(() => hub.close(), () => server.close())
  return { hub, ...server }
}

describe.each([
  ['direct ServerResponse writes', true],
  ['web stream body', false],
])('a stream over %s', (_name, directWrite) => {
  it('opens with the headers, the retry field and a connected frame carrying the head id', async () => {
    const { url } = await setup({ directWrite, retryMs: 1500 })
    const stream = await connect(`${url}/events?topics=orders,dashboard.*`)
    expect(stream.status).toBe(200)
    expect(stream.headers['content-type']).toBe('text/event-stream; charset=utf-8')
    expect(stream.headers['cache-control']).toBe('no-cache, no-transform')
    expect(stream.headers['x-accel-buffering']).toBe('no')
    expect(stream.frames[0]).toEqual({ retry: 1500 })
    const connected = stream.frames[1]!
    expect(connected.event).toBe('connected')
    expect(connected.id).toMatch(/^[a-z0-9]{10}-0$/)
    expect(JSON.parse(connected.data!)).toEqual({
      connectionId: expect.any(String),
      topics: ['orders', 'dashboard.*'],
      heartbeatMs: 8000,
      resumed: false,
    })
    stream.destroy()
  })

  it('delivers an invalidation to the list and detail subscribers, once each', async () => {
    const { hub, url } = await setup({ directWrite })
    const list = await connect(`${url}/events?topics=orders`)
    const detail = await connect(`${url}/events?topics=orders.ord_1,orders.*,orders.>`)
    const other = await connect(`${url}/events?topics=customers`)
    const id = await hub.invalidate('orders', { id: 'ord_1', action: 'created' })
    await list.untilEvent('invalidate')
    await detail.untilEvent('invalidate')
    await hub.invalidate('customers')
    await other.untilEvent('invalidate')
    for (const stream of [list, detail]) {
      const invalidations = stream.events.filter((e) => e.event === 'invalidate')
      expect(invalidations).toEqual([{ id, event: 'invalidate', data: { resource: 'orders', id: 'ord_1', action: 'created' } }])
    }
    expect(other.events.filter((e) => e.event === 'invalidate')).toHaveLength(1)
  })
})
