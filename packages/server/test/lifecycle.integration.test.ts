import { Hono } from 'hono'
import { describe, expect, it } from 'vitest'
import { createHub, HubError } from '../src/index'
import { onCleanup, setupHub } from './hubServer'
import { connect, eventually } from './sse'

/** Defects of the stream lifecycle an adversarial review found (issue 14), each pinned by a test. */
describe.each([
  ['direct writes', true],
  ['web stream', false],
])('HEAD /events (%s)', (_name, directWrite) => {
  it('answers the headers and no stream: 200 of them leave nothing registered', async () => {
    const { hub, url } = await setupHub({ directWrite })
    const answers = await Promise.all(
      Array.from({ length: 200 }, () => fetch(`${url}/events?topics=orders`, { method: 'HEAD' })),
    )
    for (const answer of answers) {
      expect(answer.status).toBe(200)
      expect(answer.headers.get('content-type')).toBe('text/event-stream; charset=utf-8')
      expect(await answer.text()).toBe('')
    }
    await hub.invalidate('orders')
    expect(hub.stats()).toMatchObject({ connections: 0, scheduledTasks: 0, delivered: { instant: 0 } })
    expect(hub.stats().streams).toEqual({ opening: 0, open: 0, retiring: 0 })
  })

  it('refuses a HEAD as it would the GET', async () => {
    const { url } = await setupHub({ directWrite })
    expect((await fetch(`${url}/events`, { method: 'HEAD' })).status).toBe(400)
  })
})

describe('HEAD /events with a ticket', () => {
  it('does not spend it: the GET that follows still opens', async () => {
    const { url } = await setupHub({}, (app, hub) => app.post('/events/ticket', hub.ticketHandler()))
    const { ticket } = (await (await fetch(`${url}/events/ticket`, { method: 'POST' })).json()) as {
      ticket: string
    }
    const head = await fetch(`${url}/events?topics=orders&ticket=${ticket}`, { method: 'HEAD' })
    expect(head.status).toBe(200)
    const stream = await connect(`${url}/events?topics=orders&ticket=${ticket}`)
    expect(stream.status).toBe(200)
  })
})

describe('a request whose client is already gone', () => {
  it('is never registered', async () => {
    const hub = createHub()
    onCleanup(() => hub.close())
    const app = new Hono().get('/events', hub.handler())
    const gone = new AbortController()
    gone.abort()
    await app.request(new Request('http://hub/events?topics=orders', { signal: gone.signal }))
    expect(hub.stats()).toMatchObject({ connections: 0, scheduledTasks: 0 })
    expect(hub.stats().streams).toEqual({ opening: 0, open: 0, retiring: 0 })
  })
})

describe('replay at resume', () => {
  it('stays within bufferBytes: a window that would not fit is answered with resync replay-gap', async () => {
    const { hub, url } = await setupHub({ bufferBytes: 16 * 1024 })
    const before = (await connect(`${url}/events?topics=orders`)).frames[0]!.id!
    const hint = 'x'.repeat(2048)
    for (let i = 0; i < 20; i++) await hub.invalidate('orders', { id: `ord_${i}`, hint })
    const resumed = await connect(`${url}/events?topics=orders`, { 'last-event-id': before })
    expect(resumed.frames.map((f) => f.event)).toEqual(['resync', 'connected'])
    expect(JSON.parse(resumed.frames[0]!.data!)).toEqual({ reason: 'replay-gap' })
    expect(hub.stats().resyncs['replay-gap']).toBe(1)

    // What fits is replayed as it was.
    const recent = resumed.frames[1]!.id!
    const ids = [await hub.invalidate('orders', { hint }), await hub.invalidate('orders', { hint })]
    const small = await connect(`${url}/events?topics=orders`, { 'last-event-id': recent })
    expect(small.events.map((e) => e.id)).toEqual([...ids, ids[1]])
    expect(hub.stats().replayed).toBe(2)
  })
})

describe('an owed resync', () => {
  it('reaches an idle stream at once when an event larger than bufferBytes was dropped', async () => {
    const { hub, url } = await setupHub({ bufferBytes: 4096, heartbeatMs: 60_000 })
    const stream = await connect(`${url}/events?topics=orders`)
    await hub.invalidate('orders', { hint: 'x'.repeat(8192) })
    await stream.untilEvent('resync')
    expect(stream.events.map((e) => e.event)).toEqual(['connected', 'resync'])
    expect(stream.events[1]!.data).toEqual({ reason: 'overflow' })
  })
})

describe('errors while opening', () => {
  it('answer a 500 that reveals nothing when authenticate returns a malformed principal', async () => {
    const { url } = await setupHub({
      authenticate: () => ({ metadata: {}, allowedTopics: ['orders..bad'] }),
      logger: { error() {}, warn() {}, info() {}, debug() {} },
    })
    const answer = await fetch(`${url}/events?topics=orders`)
    expect(answer.status).toBe(500)
    expect(await answer.json()).toEqual({ error: { code: 'internal', message: 'Internal error' } })
  })

  it('reject a retryMs that no stream could write, when the hub is created', () => {
    expect(() => createHub({ retryMs: 2500.5 })).toThrow(HubError)
    expect(() => createHub({ retryMs: -1 })).toThrow(/retryMs must be a non-negative integer/)
  })
})

describe('drain while a request authenticates', () => {
  it('answers it 503 and resolves, instead of opening a stream nobody retires', async () => {
    let release!: () => void
    const authenticating = new Promise<void>((resolve) => {
      release = resolve
    })
    let entered!: () => void
    const reached = new Promise<void>((resolve) => {
      entered = resolve
    })
    const { hub, url } = await setupHub({
      authenticate: async () => {
        entered()
        await authenticating
        return { metadata: {} }
      },
    })
    const answer = fetch(`${url}/events?topics=orders`)
    await reached
    const drained = hub.drain({ graceMs: 100 })
    release()
    expect((await answer).status).toBe(503)
    await drained
    await eventually(() => hub.stats().streams.opening === 0)
  })
})
