import type { ServerResponse } from 'node:http'
import { cors } from 'hono/cors'
import { describe, expect, it } from 'vitest'
import { setupHub } from './hubServer'
import { connect, eventually, type TestStream } from './sse'

const setup = setupHub

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
    // The retry field rides on the first frame: no block of the stream is without an event.
    expect(stream.frames).toHaveLength(1)
    const connected = stream.frames[0]!
    expect(connected.retry).toBe(1500)
    expect(connected.event).toBe('connected')
    expect(connected.id).toMatch(/^[a-z0-9]{10}-0$/)
    expect(JSON.parse(connected.data!)).toEqual({
      connectionId: expect.any(String),
      topics: ['orders', 'dashboard.*'],
      heartbeatMs: 25_000,
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
      expect(invalidations).toEqual([
        { id, event: 'invalidate', data: { resource: 'orders', id: 'ord_1', action: 'created' } },
      ])
    }
    expect(other.events.filter((e) => e.event === 'invalidate')).toHaveLength(1)
  })
})

describe('behind middleware', () => {
  it.each([true, false])(
    'streams through CORS and a middleware that awaits next() (directWrite %s)',
    async (directWrite) => {
      const seen: number[] = []
      const { hub, url } = await setupHub({ directWrite }, (app) => {
        app.use('/events', cors({ origin: 'https://app.example' }))
        app.use('/events', async (c, next) => {
          c.header('x-served-by', 'ssehub-test')
          await next()
          seen.push(c.res.status)
        })
      })
      const stream = await connect(`${url}/events?topics=orders`, { origin: 'https://app.example' })
      expect(stream.headers['access-control-allow-origin']).toBe('https://app.example')
      expect(stream.headers['x-served-by']).toBe('ssehub-test')
      expect(stream.headers['content-type']).toBe('text/event-stream; charset=utf-8')
      await hub.invalidate('orders')
      await stream.untilEvent('invalidate')
      expect(seen).toEqual([200])
      expect(hub.stats().connections).toBe(1)
    },
  )
})

describe('the direct path on @hono/node-server', () => {
  it.each([
    ['a bare route', false],
    ['CORS, which re-wraps the response', true],
  ])(
    'writes the head itself, and a middleware awaiting after next() delays nothing (%s)',
    async (_name, withCors) => {
      let outgoing: ServerResponse | undefined
      let release!: () => void
      const released = new Promise<void>((resolve) => {
        release = resolve
      })
      const statuses: number[] = []
      const { hub, url } = await setupHub({}, (app) => {
        app.use('/events', async (c, next) => {
          outgoing = (c.env as { outgoing: ServerResponse }).outgoing
          await next()
          await released // an audit log, a session save: it takes as long as it takes
          statuses.push(c.res.status)
        })
        if (withCors) app.use('/events', cors({ origin: '*' }))
      })
      // The stream is open and live while the middleware still waits.
      const stream = await connect(`${url}/events?topics=orders`)
      if (withCors) expect(stream.headers['access-control-allow-origin']).toBe('*')
      await hub.invalidate('orders')
      await stream.untilEvent('invalidate')
      expect(statuses).toEqual([])
      release()
      await eventually(() => statuses.length === 1)
      expect(statuses).toEqual([200])
      // The adapter left the response to the stream: no pump, no patched `end`, still open.
      expect(outgoing!.listenerCount('error')).toBe(0)
      expect(Object.hasOwn(outgoing!, 'end')).toBe(false)
      await hub.invalidate('orders')
      await stream.untilEvent('invalidate', 2)
      expect(outgoing!.writableEnded).toBe(false)
      expect(hub.stats().connections).toBe(1)
    },
  )
})

describe('tenant isolation', () => {
  it('delivers a grouped event only to its tenant, live and on replay, on a topic all tenants share', async () => {
    const tenants = ['t1', 't2', 't3']
    const { hub, url } = await setup({
      authenticate: (c) => ({ metadata: { tenant_id: c.req.header('x-tenant') ?? '', plan: 'pro' } }),
    })
    const streams = await Promise.all(
      tenants.map((tenant) => connect(`${url}/events?topics=orders,orders.*,>`, { 'x-tenant': tenant })),
    )
    const beforeId = streams[0]!.frames.find((f) => f.event === 'connected')!.id!
    await hub.invalidate('orders', { id: 'secret', action: 'created', tenant: 't2' })
    await hub.publish({
      type: 'note',
      topics: ['orders'],
      data: { n: 1 },
      group: { tenant_id: 't3', plan: 'pro' },
    })
    await hub.publish({
      type: 'note',
      topics: ['orders'],
      data: { n: 2 },
      group: { tenant_id: 't3', plan: 'free' },
    })
    await hub.invalidate('orders') // for everyone: the marker that all earlier events were routed
    await Promise.all(streams.map((s) => s.untilEvent('invalidate', s === streams[1] ? 2 : 1)))
    const seen = streams.map((s) => s.events.filter((e) => e.event !== 'connected').map((e) => e.event))
    expect(seen).toEqual([['invalidate'], ['invalidate', 'invalidate'], ['note', 'invalidate']])
    expect(JSON.stringify(streams[0]!.events)).not.toContain('secret')

    // Replay from before all of it applies the same filter.
    const replays = await Promise.all(
      tenants.map((tenant) =>
        connect(`${url}/events?topics=orders.>,orders`, { 'x-tenant': tenant, 'last-event-id': beforeId }),
      ),
    )
    const replayed = replays.map((s) => s.events.filter((e) => e.event !== 'connected').map((e) => e.event))
    expect(replayed).toEqual(seen)
    expect(JSON.stringify(replays[0]!.events)).not.toContain('secret')
    expect(JSON.stringify(replays[2]!.events)).not.toContain('secret')
  })
})

describe('resume with Last-Event-ID', () => {
  it('replays what was missed exactly once, in order, then goes live', async () => {
    const { hub, url } = await setup()
    const first = await connect(`${url}/events?topics=orders.*`)
    await hub.invalidate('orders', { id: 'a' })
    await first.untilEvent('invalidate')
    const lastSeen = first.events.at(-1)!.id!
    first.destroy()
    const missed = []
    for (const id of ['b', 'c', 'd']) missed.push(await hub.invalidate('orders', { id }))
    await hub.invalidate('customers', { id: 'x' }) // not subscribed: not replayed
    const again = await connect(`${url}/events?topics=orders.*`, { 'last-event-id': lastSeen })
    await hub.invalidate('orders', { id: 'e' })
    await again.untilEvent('invalidate', 4)
    const events = again.events
    expect(events.map((e) => e.event)).toEqual([
      'invalidate',
      'invalidate',
      'invalidate',
      'connected',
      'invalidate',
    ])
    expect(events.slice(0, 3).map((e) => e.id)).toEqual(missed)
    expect(events[3]!.data).toMatchObject({ resumed: true })
    expect(events.map((e) => (e.data as { id?: string }).id).filter(Boolean)).toEqual(['b', 'c', 'd', 'e'])
    expect(hub.stats().replayed).toBe(3)
  })

  it('lets a bus catch up to the resume id before reading the replay', async () => {
    const { memoryBus } = await import('../src/index')
    const inner = memoryBus()
    const waited: string[] = []
    const { hub, url } = await setup({
      bus: {
        ...inner,
        headId: () => inner.headId(),
        async catchUp(lastEventId) {
          waited.push(lastEventId)
          // Meanwhile this node "reads" an event another node published before the client left it.
          await hub.invalidate('orders', { id: 'late' })
        },
      },
    })
    const head = (await connect(`${url}/events?topics=orders`)).frames[0]!.id!
    expect(waited).toEqual([])
    const again = await connect(`${url}/events?topics=orders`, { 'last-event-id': head })
    expect(waited).toEqual([head])
    // The event read during the catch-up comes once, from the replay, not again live.
    expect(again.events.map((e) => e.event)).toEqual(['invalidate', 'connected'])
  })

  it('accepts the id as ?lastEventId= when a client cannot send the header', async () => {
    const { hub, url } = await setup()
    const head = (await connect(`${url}/events?topics=orders`)).frames[0]!.id!
    const id = await hub.invalidate('orders')
    const again = await connect(`${url}/events?topics=orders&lastEventId=${head}`)
    expect(again.events[0]).toMatchObject({ id, event: 'invalidate' })
  })

  it.each([
    ['an id from another epoch (a restarted server)', 'abcdefghij-3', 'epoch'],
    ['an id that was never issued', 'FUTURE', 'epoch'],
    ['an id of a different engine', '1700000000000-0', 'epoch'],
  ])('answers %s with one resync, then connected', async (_name, lastEventId, reason) => {
    const { url } = await setup()
    const stream = await connect(`${url}/events?topics=orders`, { 'last-event-id': lastEventId })
    expect(stream.frames.map((f) => f.event)).toEqual(['resync', 'connected'])
    expect(JSON.parse(stream.frames[0]!.data!)).toEqual({ reason })
    expect(JSON.parse(stream.frames[1]!.data!)).toMatchObject({ resumed: false })
  })

  it('answers an id older than the replay window with resync replay-gap', async () => {
    const { memoryReplay } = await import('../src/index')
    const { hub, url } = await setup({ replay: memoryReplay({ maxEvents: 2 }) })
    const head = (await connect(`${url}/events?topics=orders`)).frames[0]!.id!
    for (let i = 0; i < 3; i++) await hub.invalidate('orders')
    const stream = await connect(`${url}/events?topics=orders`, { 'last-event-id': head })
    expect(stream.frames.map((f) => f.event)).toEqual(['resync', 'connected'])
    expect(JSON.parse(stream.frames[0]!.data!)).toEqual({ reason: 'replay-gap' })
    expect(hub.stats().resyncs['replay-gap']).toBe(1)
  })
})

describe('bad requests', () => {
  it.each([
    ['/events', 400, 'bad_topic'],
    ['/events?topics=', 400, 'bad_topic'],
    ['/events?topics=orders..x', 400, 'bad_topic'],
    ['/events?topics=>.orders', 400, 'bad_topic'],
    ['/events?topics=a.>.b', 400, 'bad_topic'],
    ['/events?topics=a%20b', 400, 'bad_topic'],
    [`/events?topics=${'a'.repeat(65)}`, 400, 'bad_topic'],
    [`/events?topics=${Array(17).fill('a').join('.')}`, 400, 'bad_topic'],
    [`/events?topics=${Array.from({ length: 33 }, (_, i) => `t${i}`).join(',')}`, 400, 'too_many_topics'],
    [`/events?topics=orders&lastEventId=${'x'.repeat(257)}`, 400, 'bad_last_event_id'],
    ['/events?topics=orders&lastEventId=a%01b', 400, 'bad_last_event_id'],
  ])('GET %s → %i %s, and an open stream is undisturbed', async (path, status, code) => {
    const { hub, url } = await setup()
    const open = await connect(`${url}/events?topics=orders`)
    const response = await fetch(`${url}${path}`)
    expect(response.status).toBe(status)
    expect(response.headers.get('content-type')).toContain('application/json')
    const body = await response.json()
    expect(body).toEqual({ error: { code, message: expect.any(String) } })
    await hub.invalidate('orders')
    await open.untilEvent('invalidate')
  })

  it('refuses a Last-Event-ID header over 256 bytes', async () => {
    const { url } = await setup()
    const response = await fetch(`${url}/events?topics=orders`, {
      headers: { 'last-event-id': 'x'.repeat(10_000) },
    })
    expect(response.status).toBe(400)
    expect((await response.json()).error.code).toBe('bad_last_event_id')
  })

  it('turns an authenticate failure into its status and an unexpected one into a bare 500', async () => {
    const { HubError } = await import('../src/index')
    const errors: unknown[] = []
    const original = console.error
    console.error = (...args: unknown[]) => errors.push(args)
    try {
      const { url } = await setup({
        authenticate: (c) => {
          if (c.req.header('x-mode') === 'deny')
            throw new HubError('unauthorized', 'Sign in first', { status: 401 })
          throw new Error('database password is hunter2')
        },
      })
      const denied = await fetch(`${url}/events?topics=orders`, { headers: { 'x-mode': 'deny' } })
      expect(denied.status).toBe(401)
      expect(await denied.json()).toEqual({ error: { code: 'unauthorized', message: 'Sign in first' } })
      const broken = await fetch(`${url}/events?topics=orders`)
      expect(broken.status).toBe(500)
      const text = await broken.text()
      expect(text).toBe('{"error":{"code":"internal","message":"Internal error"}}')
      expect(errors).toHaveLength(1)
    } finally {
      console.error = original
    }
  })
})

describe('liveness and cleanup', () => {
  it('writes a heartbeat comment on an idle stream', async () => {
    const { url } = await setup({ heartbeatMs: 100 })
    const stream = await connect(`${url}/events?topics=orders`)
    await stream.until((frames) => frames.some((f) => f.comment === 'hb'), 3000)
  })

  it.each([true, false])(
    'forgets 1,000 abruptly dropped clients at once (directWrite %s)',
    async (directWrite) => {
      const { hub, url } = await setup({ directWrite, heartbeatMs: 50 })
      const streams: TestStream[] = []
      for (let wave = 0; wave < 10; wave++) {
        streams.push(
          ...(await Promise.all(
            Array.from({ length: 100 }, () => connect(`${url}/events?topics=orders,x.*`)),
          )),
        )
      }
      expect(hub.stats().connections).toBe(1000)
      await hub.progress('imports', { id: 'i1', current: 1, total: 2 })
      await hub.invalidate('orders')
      for (const stream of streams) stream.destroy()
      const deadline = Date.now() + 1000
      while (hub.stats().connections > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10))
      expect(hub.stats()).toMatchObject({ connections: 0, scheduledTasks: 0 })
      await hub.invalidate('orders') // routing after the drop reaches nobody and throws nothing
      expect(hub.stats().delivered.instant).toBe(1000)
    },
    120_000,
  )
})
