import { describe, expect, it } from 'vitest'
import { type DisconnectReason, type Hub, HubError, type HubOptions } from '../src/index'
import { parseExposition } from '../src/metrics/parseExposition.testing'
import { onCleanup, setupHub } from './hubServer'
import { connect, eventually, type TestStream } from './sse'

const tenantAuth: HubOptions['authenticate'] = (c) => ({
  metadata: { tenant_id: c.req.header('x-tenant') ?? 't1' },
})

const setup = (options: HubOptions = {}) =>
  setupHub(options, (app, hub) => {
    app.get('/metrics', hub.metricsHandler())
    app.get('/events/stats', hub.statsHandler())
  })

const connectedId = (stream: TestStream) =>
  (stream.events.find((e) => e.event === 'connected')!.data as { connectionId: string }).connectionId

describe('limits', () => {
  it('answers 503 with Retry-After at maxConnections and 429 at the tenant limit', async () => {
    const { url } = await setup({
      authenticate: tenantAuth,
      limits: { maxConnections: 3, maxConnectionsPerTenant: 2 },
    })
    await connect(`${url}/events?topics=orders`, { 'x-tenant': 't1' })
    await connect(`${url}/events?topics=orders`, { 'x-tenant': 't1' })
    const tenantFull = await fetch(`${url}/events?topics=orders`, { headers: { 'x-tenant': 't1' } })
    expect(tenantFull.status).toBe(429)
    expect(Number(tenantFull.headers.get('retry-after'))).toBeGreaterThan(0)
    expect((await tenantFull.json()).error.code).toBe('tenant_limit')
    const other = await connect(`${url}/events?topics=orders`, { 'x-tenant': 't2' })
    const full = await fetch(`${url}/events?topics=orders`, { headers: { 'x-tenant': 't3' } })
    expect(full.status).toBe(503)
    expect(Number(full.headers.get('retry-after'))).toBeGreaterThan(0)
    expect((await full.json()).error.code).toBe('too_many_connections')
    other.destroy() // a freed slot is usable again
    await new Promise((r) => setTimeout(r, 100))
    expect((await connect(`${url}/events?topics=orders`, { 'x-tenant': 't3' })).status).toBe(200)
  })
})

describe('metrics', () => {
  it('serves Prometheus text whose numbers match stats() after a scripted run', async () => {
    const { hub, url } = await setup({ authenticate: tenantAuth })
    const a = await connect(`${url}/events?topics=orders,imports.*`)
    const b = await connect(`${url}/events?topics=orders`, { 'x-tenant': 't2' })
    await hub.invalidate('orders', { id: 'o1' })
    await hub.invalidate('orders', { tenant: 't2' })
    for (let i = 1; i <= 5; i++) await hub.progress('imports', { id: 'i1', current: i, total: 5 })
    await hub.batch([
      { resource: 'orders', id: 'o2' },
      { resource: 'orders', id: 'o3' },
    ])
    await a.until((frames) => frames.some((f) => f.event === 'progress' && f.data?.includes('"pct":100')))
    await b.untilEvent('batch')
    const response = await fetch(`${url}/metrics`)
    expect(response.headers.get('content-type')).toContain('text/plain')
    const { samples } = parseExposition(await response.text())
    const stats = hub.stats()
    const sample = (key: string) => samples.get(key) ?? 0
    expect(sample('ssehub_connections')).toBe(stats.connections)
    for (const lane of ['instant', 'batched', 'coalesced'] as const) {
      expect(sample(`ssehub_events_published_total{lane="${lane}"}`)).toBe(stats.published[lane])
      expect(sample(`ssehub_events_delivered_total{lane="${lane}"}`)).toBe(stats.delivered[lane])
    }
    expect(sample('ssehub_events_coalesced_total{lane="coalesced"}')).toBe(stats.coalesced)
    expect(stats.published).toEqual({ instant: 3, batched: 0, coalesced: 5 })
    expect(stats.delivered.instant).toBe(5)
    expect(sample('ssehub_publish_duration_seconds_count')).toBe(8)
    expect([...samples.keys()].some((key) => key.includes('tenant'))).toBe(false)
  })

  it('counts auth failures by reason', async () => {
    const { url } = await setup({
      authenticate: () => {
        throw new HubError('invalid_token', 'nope', { status: 401 })
      },
    })
    await fetch(`${url}/events?topics=orders`)
    await fetch(`${url}/events?topics=orders`)
    const { samples } = parseExposition(await (await fetch(`${url}/metrics`)).text())
    expect(samples.get('ssehub_auth_failures_total{reason="invalid_token"}')).toBe(2)
  })
})

describe('drain', () => {
  it('sends drain to 500 clients before closing them, spread over graceMs, refusing new streams meanwhile', async () => {
    const { hub, url } = await setup()
    const streams: TestStream[] = []
    for (let wave = 0; wave < 5; wave++) {
      streams.push(
        ...(await Promise.all(Array.from({ length: 100 }, () => connect(`${url}/events?topics=orders`)))),
      )
    }
    const closedAt = new Map<TestStream, number>()
    for (const stream of streams) stream.onEnd(() => closedAt.set(stream, Date.now()))
    const graceMs = 2000
    const start = Date.now()
    const drained = hub.drain({ graceMs })
    expect(hub.drain({ graceMs })).toBe(drained)
    expect(hub.ready()).toBe(false)
    const refused = await fetch(`${url}/events?topics=orders`)
    expect(refused.status).toBe(503)
    expect(refused.headers.get('retry-after')).toMatch(/^\d+$/)
    expect((await refused.json()).error.code).toBe('draining')
    await drained
    await eventually(() => closedAt.size === 500, 5000)
    for (const stream of streams) {
      const last = stream.frames.filter((f) => f.comment === undefined).at(-1)!
      expect(last.event).toBe('drain')
      // ssehub's client comes back soon (jittered); the retry field, which a native EventSource keeps for
      // every later reconnect, never goes below the hub's retryMs (3000 by default), only above it.
      expect(JSON.parse(last.data!).reconnectInMs).toBeLessThan(1000)
      expect(last.retry).toBeGreaterThanOrEqual(3000)
      expect(last.retry).toBeLessThan(4000)
    }
    expect(new Set(streams.map((s) => s.frames.at(-1)!.retry)).size).toBeGreaterThan(1)
    const offsets = [...closedAt.values()].map((t) => t - start).sort((x, y) => x - y)
    const inFirstTenth = offsets.filter((t) => t < graceMs / 10).length
    expect(inFirstTenth).toBeLessThan(150) // evenly spread: ~50 of 500 expected
    expect(offsets.at(-1)!).toBeGreaterThan(graceMs * 0.7)
    expect(hub.stats()).toMatchObject({ connections: 0, scheduledTasks: 0 })
  }, 30_000)

  it('rotates a stream at maxLifetimeMs with a drain frame', async () => {
    const reasons: DisconnectReason[] = []
    const { url } = await setup({ maxLifetimeMs: 300, onDisconnect: (_c, reason) => reasons.push(reason) })
    const stream = await connect(`${url}/events?topics=orders`)
    await stream.untilEvent('drain', 1, 3000)
    await eventually(() => reasons.length === 1)
    expect(reasons).toEqual(['rotation'])
  })

  it('rotates a stream when its credential expires', async () => {
    const { url } = await setup({ authenticate: () => ({ metadata: {}, expiresAt: Date.now() + 200 }) })
    const stream = await connect(`${url}/events?topics=orders`)
    await stream.untilEvent('drain', 1, 3000)
  })
})

describe('lifecycle hooks', () => {
  it('lets onConnect add topics and metadata, or refuse with a HubError or a bare 500', async () => {
    const errors: unknown[] = []
    const original = console.error
    console.error = (...args: unknown[]) => errors.push(args)
    onCleanup(() => {
      console.error = original
    })
    const { hub, url } = await setup({
      onConnect(c, connection) {
        if (c.req.header('x-mode') === 'refuse')
          throw new HubError('suspended', 'Tenant suspended', { status: 403 })
        if (c.req.header('x-mode') === 'crash') throw new Error('secret detail')
        connection.topics.push(`users.${connection.id.slice(0, 8)}`)
        connection.metadata.tier = 'gold'
      },
    })
    const refused = await fetch(`${url}/events?topics=orders`, { headers: { 'x-mode': 'refuse' } })
    expect(refused.status).toBe(403)
    expect(await refused.json()).toEqual({ error: { code: 'suspended', message: 'Tenant suspended' } })
    const crashed = await fetch(`${url}/events?topics=orders`, { headers: { 'x-mode': 'crash' } })
    expect(crashed.status).toBe(500)
    expect(await crashed.text()).not.toContain('secret')
    expect(errors).toHaveLength(1)
    const stream = await connect(`${url}/events?topics=orders`)
    const connected = stream.events.find((e) => e.event === 'connected')!.data as {
      topics: string[]
      connectionId: string
    }
    expect(connected.topics).toEqual(['orders', `users.${connected.connectionId.slice(0, 8)}`])
    await hub.publish({ type: 'hello', topics: connected.topics[1]!, data: 1, group: { tier: 'gold' } })
    await stream.untilEvent('hello')
    expect(hub.stats().connections).toBe(1)
  })

  it('calls onDisconnect exactly once per connection, whatever ended it', async () => {
    const ends: Array<[string, DisconnectReason]> = []
    const { hub, url } = await setup({
      maxLifetimeMs: 60_000,
      onDisconnect: (c, reason) => ends.push([c.id, reason]),
    })
    const gone = await connect(`${url}/events?topics=orders`)
    const rotated = await connect(`${url}/events?topics=orders`)
    const drained = await connect(`${url}/events?topics=orders`)
    gone.destroy()
    await eventually(() => ends.length === 1)
    // A rotation due soon, then a drain: whichever comes first ends it, once.
    ;(hub as unknown as { setPaused: Hub['setPaused'] }).setPaused(connectedId(rotated), true)
    const drain = hub.drain({ graceMs: 200 })
    await drain
    await hub.close()
    await new Promise((r) => setTimeout(r, 100))
    expect(ends.map(([id]) => id).sort()).toEqual(
      [connectedId(gone), connectedId(rotated), connectedId(drained)].sort(),
    )
    expect(ends.map(([, reason]) => reason)).toEqual(['client-gone', 'drain', 'drain'])
    const after = await connect(`${url}/events?topics=orders`).catch(() => undefined)
    expect(after?.status ?? 503).toBe(503)
  })

  it('reports server-close for streams open when the hub closes', async () => {
    const ends: DisconnectReason[] = []
    const { hub, url } = await setup({ onDisconnect: (_c, reason) => ends.push(reason) })
    await connect(`${url}/events?topics=orders`)
    await hub.close()
    await hub.close()
    expect(ends).toEqual(['server-close'])
  })
})

describe('pause and resume', () => {
  it('keeps instant frames flowing, holds progress to its latest value, and resyncs after an overflow', async () => {
    const events: string[] = []
    const { hub, url } = await setup({
      bufferBytes: 2048,
      onPause: (c) => events.push(`pause ${c.id}`),
      onResume: (c) => events.push(`resume ${c.id}`),
    })
    const stream = await connect(`${url}/events?topics=imports.*,orders`)
    const id = connectedId(stream)
    expect(hub.setPaused(id, true)).toBe(true)
    expect(hub.setPaused(id, true)).toBe(true) // already paused: no second hook
    expect(hub.setPaused('no-such-connection', true)).toBe(false)
    for (let i = 1; i <= 50; i++) await hub.progress('imports', { id: 'i1', current: i, total: 50 })
    await hub.invalidate('orders')
    await stream.untilEvent('invalidate', 1, 1500)
    await new Promise((r) => setTimeout(r, 700))
    expect(stream.events.some((e) => e.event === 'progress')).toBe(false)
    hub.setPaused(id, false)
    await stream.untilEvent('progress', 1, 1500)
    expect(
      stream.events.filter((e) => e.event === 'progress').map((e) => (e.data as { current: number }).current),
    ).toEqual([50])
    expect(events).toEqual([`pause ${id}`, `resume ${id}`])

    // While paused, batched frames beyond the buffer are dropped: resume brings resync before them.
    hub.setPaused(id, true)
    for (let i = 0; i < 100; i++)
      await hub.publish({ type: 'status', topics: 'orders', data: { i }, lane: 'batched' })
    hub.setPaused(id, false)
    await stream.untilEvent('status', 1, 1500)
    const after = stream.events.slice(stream.events.findIndex((e) => e.event === 'progress') + 1)
    expect(after[0]!.event).toBe('resync')
    const statuses = after.filter((e) => e.event === 'status').map((e) => (e.data as { i: number }).i)
    expect(statuses.length).toBeLessThan(100)
    expect(statuses).toEqual([...statuses].sort((x, y) => x - y))
  })
})

describe('publishFrom', () => {
  it('publishes each mapped item, skips nulls, reports errors, and keeps serving', async () => {
    const { hub, url } = await setup()
    const stream = await connect(`${url}/events?topics=orders.*`)
    const errors: Array<[unknown, unknown]> = []
    async function* notifications() {
      yield { table: 'orders', id: 'o1' }
      yield { table: 'audit', id: 'x' }
      yield { table: 'orders', id: 'bad id' }
      yield { table: 'orders', id: 'o2' }
      throw new Error('connection lost')
    }
    const stop = hub.publishFrom(
      notifications(),
      (n) =>
        n.table === 'orders'
          ? { type: 'invalidate', topics: `orders.${n.id}`, data: { resource: 'orders', id: n.id } }
          : null,
      { onError: (error, item) => errors.push([error, item]) },
    )
    await stream.untilEvent('invalidate', 2)
    await eventually(() => errors.length === 2)
    expect(
      stream.events.filter((e) => e.event === 'invalidate').map((e) => (e.data as { id: string }).id),
    ).toEqual(['o1', 'o2'])
    expect(errors[0]![0]).toBeInstanceOf(HubError)
    expect(errors[0]![1]).toEqual({ table: 'orders', id: 'bad id' })
    expect((errors[1]![0] as Error).message).toBe('connection lost')
    stop()
    await hub.invalidate('orders', { id: 'still-serving' })
    await stream.until((frames) => frames.some((f) => f.data?.includes('still-serving')))
  })

  it('stops an endless source when told to, and with the hub', async () => {
    const { hub } = await setup()
    let finished = 0
    async function* endless() {
      try {
        for (let i = 0; ; i++) {
          yield i
          await new Promise((r) => setTimeout(r, 5))
        }
      } finally {
        finished += 1
      }
    }
    const stop = hub.publishFrom(endless(), (i) => ({ type: 'tick', topics: 'ticks', data: i }))
    hub.publishFrom(endless(), (i) => ({ type: 'tick', topics: 'ticks', data: i }))
    await new Promise((r) => setTimeout(r, 50))
    stop()
    await eventually(() => finished === 1)
    const published = hub.stats().published.instant
    await hub.close()
    await eventually(() => finished === 2)
    expect(published).toBeGreaterThan(2)
  })

  it('aborts the signal of a source that waits, on stop and on close, so its cleanup runs', async () => {
    const { hub } = await setup()
    const cleanedUp: string[] = []
    // Like a LISTEN: no item ever comes; only the abort ends the wait.
    const listen = (name: string) =>
      async function* (signal: AbortSignal): AsyncGenerator<never> {
        try {
          await new Promise((_resolve, reject) => signal.addEventListener('abort', reject, { once: true }))
        } finally {
          cleanedUp.push(name)
        }
      }
    const errors: unknown[] = []
    const stop = hub.publishFrom(listen('stopped'), () => null, { onError: (error) => errors.push(error) })
    hub.publishFrom(listen('closed'), () => null, { onError: (error) => errors.push(error) })
    stop()
    await eventually(() => cleanedUp.length === 1)
    expect(cleanedUp).toEqual(['stopped'])
    await hub.close()
    await eventually(() => cleanedUp.length === 2)
    expect(cleanedUp).toEqual(['stopped', 'closed'])
    expect(errors).toEqual([])
  })

  it('refuses to publish the types the protocol reserves', async () => {
    const { hub } = await setup()
    for (const type of ['connected', 'resync', 'drain', 'cursor']) {
      await expect(hub.publish({ type, topics: 'orders', data: {} })).rejects.toMatchObject({
        code: 'reserved_type',
        status: 400,
      })
    }
    expect(hub.stats().published.instant).toBe(0)
  })
})

describe('stats handler', () => {
  it('serves the snapshot, and per-connection detail only when asked', async () => {
    const { hub, url } = await setup({ authenticate: tenantAuth })
    const stream = await connect(`${url}/events?topics=orders`, { 'x-tenant': 't9' })
    await hub.invalidate('orders')
    await stream.untilEvent('invalidate')
    const summary = await (await fetch(`${url}/events/stats`)).json()
    expect(summary).toMatchObject({ connections: 1, published: { instant: 1 }, delivered: { instant: 1 } })
    const detail = await (await fetch(`${url}/events/stats?connections=1`)).json()
    expect(detail.connections).toEqual([
      expect.objectContaining({
        id: connectedId(stream),
        topics: ['orders'],
        metadata: { tenant_id: 't9' },
        delivered: { instant: 1, batched: 0, coalesced: 0 },
        flushIntervalMs: 500,
        paused: false,
      }),
    ])
  })
})
