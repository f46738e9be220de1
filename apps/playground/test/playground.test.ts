import { HubError, memoryBus } from '@ssehub/server'
import type { Bus } from '@ssehub/server/engine'
import { SignJWT } from 'jose'
import { afterEach, describe, expect, it } from 'vitest'
import type { OrderStore, Orders } from '../src/orders'
import { ENGINE_DOWN_NOTICE } from '../src/tellTabs'
import { type RunningPlayground, signedIn, startPlayground } from './support/startPlayground'

const running: Array<RunningPlayground<Orders>> = []
afterEach(async () => {
  for (const playground of running.splice(0)) await playground.stop()
})

async function start<Store extends Orders = OrderStore>(
  options: Parameters<typeof startPlayground<Store>>[0] = {},
) {
  const playground = await startPlayground<Store>({ pagesDir: '/nonexistent', ...options })
  running.push(playground)
  return playground
}

/** Opens the event stream of `tenant` with a ticket, as the pages do. */
async function openStream(url: string, tenant: string, topics = 'orders,imports') {
  const { api } = await signedIn(url, tenant)
  const { ticket } = await (await api('/events/ticket', { method: 'POST' })).json()
  const response = await fetch(`${url}/events?topics=${topics}&ticket=${ticket}`)
  expect(response.status).toBe(200)
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader()
  let text = ''
  return {
    /** Reads until `predicate` holds on everything received so far. */
    async until(predicate: (text: string) => boolean): Promise<string> {
      while (!predicate(text)) {
        const { value, done } = await reader.read()
        if (done) break
        text += value
      }
      return text
    },
    close: () => reader.cancel(),
  }
}

async function expectError(response: Response, status: number, code: string) {
  expect({ status: response.status, body: await response.json() }).toMatchObject({
    status,
    body: { error: { code, message: expect.any(String) } },
  })
}

describe('sign-in and authentication', () => {
  it('issues a token per tenant and refuses an unknown tenant', async () => {
    const { url } = await start()
    const response = await fetch(`${url}/auth/sign-in`, { method: 'POST', body: '{"tenant":"t9"}' })
    await expectError(response, 400, 'bad_tenant')
    expect((await signedIn(url, 't2')).token).toMatch(/^ey/)
  })

  it('answers the API without a valid token with the hub’s precise JSON 401', async () => {
    const { url } = await start()
    await expectError(await fetch(`${url}/api/orders`), 401, 'unauthorized')
    const garbage = await fetch(`${url}/api/orders`, { headers: { authorization: 'Bearer nope' } })
    await expectError(garbage, 401, 'invalid_token')
    const forged = await new SignJWT({ tenant_id: 't1' })
      .setProtectedHeader({ alg: 'HS256' })
      .setExpirationTime('1h')
      .sign(new TextEncoder().encode('another secret that is long enough!!'))
    await expectError(
      await fetch(`${url}/api/orders`, { headers: { authorization: `Bearer ${forged}` } }),
      401,
      'invalid_token',
    )
    await expectError(await fetch(`${url}/events?topics=orders`), 401, 'unauthorized')
  })
})

describe('orders', () => {
  it('refuses bad orders, bad statuses and unknown routes with precise JSON 4xx', async () => {
    const { url } = await start()
    const { api } = await signedIn(url, 't1')
    for (const body of [
      {},
      { customer: '', totalCents: 5 },
      { customer: 'x'.repeat(101), totalCents: 5 },
      { customer: 'Ada' },
      { customer: 'Ada', totalCents: 1.5 },
      { customer: 'Ada', totalCents: -1 },
      { customer: 'Ada', totalCents: '5' },
      'not an object',
    ]) {
      await expectError(await api('/api/orders', { method: 'POST', body }), 400, 'bad_order')
    }
    const order = await (
      await api('/api/orders', { method: 'POST', body: { customer: 'Ada', totalCents: 5 } })
    ).json()
    await expectError(
      await api(`/api/orders/${order.id}`, { method: 'PATCH', body: { status: 'lost' } }),
      400,
      'bad_status',
    )
    await expectError(await api('/api/orders/ord_999'), 404, 'order_not_found')
    await expectError(
      await api('/api/orders/ord_999', { method: 'PATCH', body: { status: 'paid' } }),
      404,
      'order_not_found',
    )
    await expectError(await api('/api/nothing'), 404, 'not_found')
  })

  it('hides another tenant’s orders behind the same 404 as a missing one', async () => {
    const { url } = await start()
    const t1 = await signedIn(url, 't1')
    const t2 = await signedIn(url, 't2')
    const order = await (
      await t1.api('/api/orders', { method: 'POST', body: { customer: 'Ada', totalCents: 5 } })
    ).json()
    await expectError(await t2.api(`/api/orders/${order.id}`), 404, 'order_not_found')
    await expectError(
      await t2.api(`/api/orders/${order.id}`, { method: 'PATCH', body: { status: 'paid' } }),
      404,
      'order_not_found',
    )
    expect(await (await t2.api('/api/orders')).json()).toEqual([])
    expect((await (await t1.api(`/api/orders/${order.id}`)).json()).status).toBe('pending')
  })

  it('tells only the tenant’s streams about its writes', async () => {
    const { url } = await start()
    const t1Stream = await openStream(url, 't1')
    const t2Stream = await openStream(url, 't2')
    await Promise.all([
      t1Stream.until((t) => t.includes('event: connected')),
      t2Stream.until((t) => t.includes('event: connected')),
    ])
    const t1 = await signedIn(url, 't1')
    const created = await t1.api('/api/orders', {
      method: 'POST',
      body: { customer: 'Ada', totalCents: 1999 },
    })
    expect(created.status).toBe(201)
    const order = await created.json()
    const patched = await t1.api(`/api/orders/${order.id}`, { method: 'PATCH', body: { status: 'paid' } })
    expect((await patched.json()).status).toBe('paid')
    const seen = await t1Stream.until((t) => t.includes('"action":"updated"'))
    expect(seen).toContain(`{"resource":"orders","id":"${order.id}","action":"created"}`)
    expect(seen).toContain(`{"resource":"orders","id":"${order.id}","action":"updated"}`)

    // Globex numbers its own orders (its first is ord_1 too); Acme's stream must hear nothing of it.
    const t2 = await signedIn(url, 't2')
    const theirs = await (
      await t2.api('/api/orders', { method: 'POST', body: { customer: 'Bo', totalCents: 5 } })
    ).json()
    expect(theirs.id).toBe(order.id)
    expect(await t2Stream.until((t) => t.includes('"action":"created"'))).not.toContain('"action":"updated"')
    const next = await (
      await t1.api('/api/orders', { method: 'POST', body: { customer: 'Cy', totalCents: 5 } })
    ).json()
    const all = await t1Stream.until((t) => t.includes(`"id":"${next.id}","action":"created"`))
    expect(all.match(/"action":"created"/g)).toHaveLength(2)
    await Promise.all([t1Stream.close(), t2Stream.close()])
  })
})

describe('imports', () => {
  it('reports progress per row, completes with the counters, and allows one running import per tenant', async () => {
    // The settle before `complete` is what lets the last progress flush first (complete discards a pending
    // one); 1 ms raced the hub's next timer tick on a loaded CI machine.
    const { url, imports } = await start({
      import: { rows: 20, chunkRows: 5, chunkPauseMs: 1, settleMs: 300 },
    })
    const stream = await openStream(url, 't1', 'imports')
    const other = await openStream(url, 't2', 'imports')
    await Promise.all([
      stream.until((t) => t.includes('event: connected')),
      other.until((t) => t.includes('event: connected')),
    ])
    const { api } = await signedIn(url, 't1')
    const started = await api('/api/imports', { method: 'POST' })
    expect(started.status).toBe(202)
    const job = await started.json()
    await expectError(await api('/api/imports', { method: 'POST' }), 409, 'import_running')

    const text = await stream.until((t) => t.includes('event: complete'))
    expect(text).toContain(
      `"resource":"imports","id":"${job.id}","status":"completed","hint":{"accepted":20,"rejected":0,"progressCalls":20}`,
    )
    expect(text).toMatch(
      /event: progress\ndata: \{"resource":"imports","id":"imp_1","current":\d+,"total":20,"pct":[\d.]+\}/,
    )
    expect(imports.get('t1', job.id)).toMatchObject({ status: 'completed', processed: 20, progressCalls: 20 })
    expect(await (await api(`/api/imports/${job.id}`)).json()).toMatchObject({ status: 'completed' })
    await expectError(
      await (await signedIn(url, 't2')).api(`/api/imports/${job.id}`),
      404,
      'import_not_found',
    )

    // t2's stream heard nothing of it: up to the end of its own import (imp_1 of Globex), one complete.
    await (await signedIn(url, 't2')).api('/api/imports', { method: 'POST' })
    expect((await other.until((t) => t.includes('event: complete'))).match(/event: complete/g)).toHaveLength(
      1,
    )
    await Promise.all([stream.close(), other.close()])
  })
})

describe('stats and pages', () => {
  it('serves the tenant its own streams in detail and the hub in counts, never another tenant’s numbers', async () => {
    const { url } = await start()
    const acme = await openStream(url, 't1')
    const globex = await openStream(url, 't2')
    const globex2 = await openStream(url, 't2')
    await Promise.all(
      [acme, globex, globex2].map((stream) => stream.until((t) => t.includes('event: connected'))),
    )
    const t2 = await signedIn(url, 't2')
    await t2.api('/api/orders', { method: 'POST', body: { customer: 'Bo', totalCents: 5 } })
    await globex.until((t) => t.includes('"action":"created"'))
    const stats = await (await (await signedIn(url, 't1')).api('/api/stats')).json()
    expect(stats).toEqual({
      tenant: {
        connections: 1,
        delivered: { instant: 0, batched: 0, coalesced: 0 },
        dropped: 0,
        flushIntervalsMs: [500],
      },
      hub: { connections: 3, coalesced: 0, dropped: 0, resyncs: 0 },
    })
    expect((await (await t2.api('/api/stats')).json()).tenant).toMatchObject({
      connections: 2,
      delivered: { instant: 2 },
    })
    await expectError(await fetch(`${url}/api/stats`), 401, 'unauthorized')
    await Promise.all([acme.close(), globex.close(), globex2.close()])
  })

  it('numbers orders per tenant, keeps the latest 200 of each, and lists the latest 20', async () => {
    const { url, store } = await start()
    const { api } = await signedIn(url, 't1')
    for (let index = 0; index < 205; index++) store.create('t1', { customer: `c${index}`, totalCents: 1 })
    const response = await api('/api/orders')
    const orders = (await response.json()) as Array<{ id: string }>
    expect(store.count('t1')).toBe(200)
    expect(orders).toHaveLength(20)
    expect(orders[0]?.id).toBe('ord_205')
    expect(store.get('t1', 'ord_5')).toBeUndefined()
    expect(store.get('t1', 'ord_6')).toBeDefined()
    expect(store.create('t2', { customer: 'Bo', totalCents: 1 }).id).toBe('ord_1')
  })

  it('serves a favicon, and the hub page', async () => {
    const { url } = await start()
    for (const path of ['/favicon.ico', '/favicon.svg']) {
      const response = await fetch(url + path)
      expect(response.status).toBe(200)
      expect(response.headers.get('content-type')).toBe('image/svg+xml')
      expect(await response.text()).toMatch(/^<svg /)
    }
    const hub = await fetch(`${url}/admin/hub`)
    expect(hub.status).toBe(200)
    expect(await hub.text()).toContain('<title>ssehub playground · the hub</title>')
  })

  it('says how to build the pages when they are not built', async () => {
    const { url } = await start()
    const response = await fetch(url)
    expect(response.status).toBe(503)
    expect(await response.text()).toContain('pnpm start')
  })
})

describe('when the event engine refuses a publish', () => {
  /** A memory bus whose publishes are all refused, as an unreachable Redis or PostgreSQL would. */
  function refusingBus(): Bus {
    const bus = memoryBus()
    return {
      ...bus,
      publish: () =>
        Promise.reject(
          new HubError('engine_unavailable', 'Redis is unavailable', { status: 503, retryAfterSec: 1 }),
        ),
    }
  }

  it('saves the order and answers 201 with a notice, not a 500', async () => {
    const { url, store } = await start({ hubOptions: { bus: refusingBus() } })
    const { api } = await signedIn(url, 't1')
    const created = await api('/api/orders', { method: 'POST', body: { customer: 'Ada', totalCents: 1200 } })
    expect(created.status).toBe(201)
    const order = (await created.json()) as { id: string; notice?: string }
    expect(order).toMatchObject({ customer: 'Ada', status: 'pending', notice: ENGINE_DOWN_NOTICE })
    expect(store.list('t1').map((saved) => saved.id)).toEqual([order.id])
    const updated = await api(`/api/orders/${order.id}`, { method: 'PATCH', body: { status: 'paid' } })
    expect(updated.status).toBe(200)
    expect(await updated.json()).toMatchObject({ status: 'paid', notice: ENGINE_DOWN_NOTICE })
    const listed = (await (await api('/api/orders')).json()) as Array<{ notice?: string }>
    expect(listed).toHaveLength(1)
    expect(listed[0]!.notice).toBeUndefined()
  })

  it('answers 503 store_unavailable when the orders store itself is unreachable', async () => {
    const down = () => Promise.reject(new Error('connect ECONNREFUSED'))
    const { url } = await start({ store: { list: down, get: down, create: down, setStatus: down } })
    const { api } = await signedIn(url, 't1')
    await expectError(await api('/api/orders'), 503, 'store_unavailable')
    const created = await api('/api/orders', { method: 'POST', body: { customer: 'Ada', totalCents: 1200 } })
    await expectError(created, 503, 'store_unavailable')
  })

  it('still answers 500 for an error that is not the engine being down', async () => {
    const bus = memoryBus()
    const { url } = await start({
      hubOptions: { bus: { ...bus, publish: () => Promise.reject(new Error('a bug')) } },
    })
    const { api } = await signedIn(url, 't1')
    const created = await api('/api/orders', { method: 'POST', body: { customer: 'Ada', totalCents: 1200 } })
    await expectError(created, 500, 'internal')
  })
})
