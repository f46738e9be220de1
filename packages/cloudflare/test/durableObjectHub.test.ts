import { createEventStream } from '@ssehub/client'
import { SignJWT } from 'jose'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { connectSse, eventually, openSse, type SseClient, sleep } from '../../../testing/sseClient'
import { JWT_SECRET, startWorkerd } from './workerd'

/**
 * The hub in a Durable Object, in workerd itself (Miniflare, offline): streams held by the object,
 * publishes from other Worker requests through RPC, tickets and ids in the object's SQLite storage.
 */
let workerd: Awaited<ReturnType<typeof startWorkerd>>
const clients: SseClient[] = []

beforeAll(async () => {
  workerd = await startWorkerd()
}, 60_000)
afterEach(() => {
  for (const client of clients.splice(0)) client.abort()
})
afterAll(() => workerd?.dispose())

async function token(claims: Record<string, unknown>): Promise<string> {
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256' })
    .setExpirationTime('10m')
    .sign(new TextEncoder().encode(JWT_SECRET))
}

const bearer = async (claims: Record<string, unknown>) => ({ authorization: `Bearer ${await token(claims)}` })

async function stream(path: string, headers: Record<string, string>): Promise<SseClient> {
  const client = await connectSse(`${workerd.url}${path}`, headers)
  clients.push(client)
  return client
}

/** Calls a hub method on the object through RPC, from a Worker request other than the streams'. */
async function rpc(method: string, args: unknown[], prefix = ''): Promise<unknown> {
  const response = await fetch(`${workerd.url}${prefix}/publish`, {
    method: 'POST',
    body: JSON.stringify({ method, args }),
  })
  const body = (await response.json()) as { result: unknown }
  return body.result
}

async function stats(): Promise<{ connections: number; droppedByReason: { overflow: number } }> {
  return (await (await fetch(`${workerd.url}/stats`)).json()) as never
}

/** Polls the object's open streams until they are `expected` or 10 s pass; returns the last count. */
async function connectionsSettleAt(expected: number): Promise<number> {
  let connections = (await stats()).connections
  for (let waited = 0; waited < 10_000 && connections !== expected; waited += 200) {
    await sleep(200)
    connections = (await stats()).connections
  }
  return connections
}

describe('one object, many requests', () => {
  it('two clients on the object receive a publish made from another Worker request, each lane as on Node', async () => {
    const headers = await bearer({ sub: 'u1', tenant_id: 't1' })
    const a = await stream('/events?topics=orders', headers)
    const b = await stream('/events?topics=orders.*,imports.>', headers)
    expect(a.headers?.get('content-type')).toBe('text/event-stream; charset=utf-8')

    const id = await rpc('invalidate', ['orders', { id: 'ord_1', action: 'updated' }])
    expect(id).toMatch(/^[0-9a-f]{12}\.\d+$/)
    await a.untilEvent('invalidate')
    await b.untilEvent('invalidate')
    expect(a.events.find((e) => e.event === 'invalidate')?.data).toEqual({
      resource: 'orders',
      id: 'ord_1',
      action: 'updated',
    })
    // Coalesced: three progress updates within one flush interval (200 ms) reach the client as one frame,
    // or two if they straddle a flush; sent together, as one RPC each after the other can take longer than
    // a flush on a loaded machine.
    await Promise.all(
      [1, 2, 3].map((current) => rpc('progress', ['imports', { id: 'imp_1', current, total: 3 }])),
    )
    await rpc('complete', ['imports', { id: 'imp_1' }])
    await b.untilEvent('complete')
    const progress = b.events.filter((e) => e.event === 'progress')
    expect(progress.every((e) => (e.data as { current: number }).current <= 3)).toBe(true)
    expect(progress.length).toBeLessThan(3)
    expect(a.events.some((e) => e.event === 'progress')).toBe(false)
  })

  it('tickets: issued by one request, spent once by another, refused the second time', async () => {
    const response = await fetch(`${workerd.url}/events/ticket`, {
      method: 'POST',
      headers: await bearer({ sub: 'u2', tenant_id: 't1' }),
    })
    expect(response.status).toBe(200)
    const { ticket } = (await response.json()) as { ticket: string }
    const first = await stream(`/events?topics=orders&ticket=${ticket}`, {})
    expect(first.status).toBe(200)
    const second = await stream(`/events?topics=orders&ticket=${ticket}`, {})
    expect([second.status, second.code]).toEqual([401, 'invalid_ticket'])
  })

  it('refuses what it must refuse, precisely: no token, a bad token, bad topics, a bogus Last-Event-ID', async () => {
    const ok = await bearer({ tenant_id: 't1' })
    const cases: Array<[string, Record<string, string>, number, string]> = [
      ['/events?topics=orders', {}, 401, 'unauthorized'],
      ['/events?topics=orders', { authorization: 'Bearer nope' }, 401, 'invalid_token'],
      ['/events', ok, 400, 'bad_topic'],
      ['/events?topics=a..b', ok, 400, 'bad_topic'],
      ['/events?topics=orders', { ...ok, 'last-event-id': 'x'.repeat(300) }, 400, 'bad_last_event_id'],
    ]
    for (const [path, headers, status, code] of cases) {
      const client = await stream(path, headers)
      expect([path, client.status, client.code]).toEqual([path, status, code])
    }
    // Well-formed but not ours (another epoch, another engine): resync, not nothing.
    for (const lastEventId of ['000000000000.5', '1700000000000-0', 'garbage']) {
      const client = await stream('/events?topics=orders', { ...ok, 'last-event-id': lastEventId })
      expect(client.events.map((e) => e.event)).toEqual(['resync', 'connected'])
      expect(client.events[0]?.data).toEqual({ reason: 'epoch' })
    }
  })

  it('a tenant filling its connection limit is refused (429) and leaves room for the others', async () => {
    const t3 = await bearer({ tenant_id: 't3' })
    const held = await Promise.all(Array.from({ length: 20 }, () => stream('/events?topics=orders', t3)))
    expect(held.every((client) => client.status === 200)).toBe(true)
    const refused = await stream('/events?topics=orders', t3)
    expect([refused.status, refused.code]).toEqual([429, 'tenant_limit'])
    const other = await stream('/events?topics=orders', await bearer({ tenant_id: 't4' }))
    expect(other.status).toBe(200)
  })
})

describe('attacks', () => {
  it('a Last-Event-ID ahead of the head, a forged resume token, or of another object: resync, never a crash', async () => {
    const headers = await bearer({ tenant_id: 't1' })
    const first = await stream('/events?topics=orders', headers)
    const [epoch] = first.lastEventId!.split('.')
    for (const lastEventId of [`${epoch}.999999999`, `${epoch}.-1`, '~', `${epoch}.999~${epoch}.1`]) {
      const client = await stream('/events?topics=orders', { ...headers, 'last-event-id': lastEventId })
      expect([lastEventId, client.status, client.events[0]?.event]).toEqual([lastEventId, 200, 'resync'])
    }
    // A token that claims instant events not yet published only skips them for its own bearer.
    const forged = await stream('/events?topics=orders', {
      ...headers,
      'last-event-id': `${epoch}.1~${epoch}.9999`,
    })
    expect(forged.status).toBe(200)
    // The hub is unharmed: a publish still reaches a live stream.
    await rpc('invalidate', ['orders', { id: 'after-attacks' }])
    await first.until(() => first.events.some((e) => (e.data as { id?: string }).id === 'after-attacks'))
  })

  it('an event too large for the object’s storage is refused, and the next one still gets the next id', async () => {
    const client = await stream('/events?topics=orders', await bearer({ tenant_id: 't1' }))
    const response = await fetch(`${workerd.url}/publish`, {
      method: 'POST',
      body: JSON.stringify({
        method: 'invalidate',
        args: ['orders', { id: 'huge', hint: 'x'.repeat(3_000_000) }],
      }),
    })
    expect(response.status).toBe(413)
    expect(await response.json()).toMatchObject({ error: { code: 'event_too_large' } })
    const before = Number(client.lastEventId!.split('.')[1])
    const id = String(await rpc('invalidate', ['orders', { id: 'small' }]))
    expect(Number(id.split('.')[1])).toBe(before + 1)
    await client.until(() => client.events.some((e) => (e.data as { id?: string }).id === 'small'))
    expect(client.events.some((e) => (e.data as { id?: string }).id === 'huge')).toBe(false)
  })
})

describe('tenant isolation', () => {
  it('on a shared object: a tenant-scoped publish reaches that tenant only', async () => {
    const t1 = await stream('/events?topics=orders', await bearer({ tenant_id: 't1' }))
    const t2 = await stream('/events?topics=orders', await bearer({ tenant_id: 't2' }))
    await rpc('invalidate', ['orders', { id: 'secret', tenant: 't1' }])
    await rpc('invalidate', ['orders', { id: 'everyone' }])
    await t2.until(() => t2.events.some((e) => (e.data as { id?: string })?.id === 'everyone'))
    await t1.until(() => t1.events.some((e) => (e.data as { id?: string })?.id === 'everyone'))
    expect(t1.events.some((e) => (e.data as { id?: string })?.id === 'secret')).toBe(true)
    expect(t2.events.some((e) => (e.data as { id?: string })?.id === 'secret')).toBe(false)
  })

  it('one object per tenant: a publish to one never reaches another, and a token of another tenant is refused', async () => {
    const t1 = await stream('/t/t1/events?topics=orders', await bearer({ tenant_id: 't1' }))
    const t2 = await stream('/t/t2/events?topics=orders', await bearer({ tenant_id: 't2' }))
    await rpc('invalidate', ['orders', { id: 'only-t1' }], '/t/t1')
    await rpc('invalidate', ['orders', { id: 'only-t2' }], '/t/t2')
    await t1.untilEvent('invalidate')
    await t2.untilEvent('invalidate')
    await sleep(300)
    expect(t1.events.filter((e) => e.event === 'invalidate').map((e) => e.data)).toEqual([
      { resource: 'orders', id: 'only-t1' },
    ])
    expect(t2.events.filter((e) => e.event === 'invalidate').map((e) => e.data)).toEqual([
      { resource: 'orders', id: 'only-t2' },
    ])
    const intruder = await stream('/t/t1/events?topics=orders', await bearer({ tenant_id: 't2' }))
    expect([intruder.status, intruder.code]).toEqual([403, 'wrong_tenant'])
    // Nor can t2 get tickets from t1's object (and fill its ticket table).
    const foreignTicket = await fetch(`${workerd.url}/t/t1/events/ticket`, {
      method: 'POST',
      headers: await bearer({ tenant_id: 't2' }),
    })
    expect(foreignTicket.status).toBe(403)
    // A ticket of t2's object is unknown to t1's.
    const response = await fetch(`${workerd.url}/t/t2/events/ticket`, {
      method: 'POST',
      headers: await bearer({ tenant_id: 't2' }),
    })
    const { ticket } = (await response.json()) as { ticket: string }
    const elsewhere = await stream(`/t/t1/events?topics=orders&ticket=${ticket}`, {})
    expect([elsewhere.status, elsewhere.code]).toEqual([401, 'invalid_ticket'])
  })
})

/** A client that reads an invalidation of `id`, then leaves: the id it would resume from. */
async function lastIdSeen(headers: Record<string, string>, id: string): Promise<string> {
  const client = await stream('/events?topics=orders', headers)
  await rpc('invalidate', ['orders', { id }])
  await client.untilEvent('invalidate')
  client.abort()
  return client.lastEventId!
}

describe('restarts', () => {
  it('resumes after the object is reset: ids go on, the missed events are replayed, nothing is lost', async () => {
    const headers = await bearer({ tenant_id: 't1' })
    const before = await stream('/events?topics=orders', headers)
    await rpc('invalidate', ['orders', { id: 'before' }])
    await before.untilEvent('invalidate')
    const lastEventId = before.lastEventId!
    // Issued before the reset, spent after it.
    const issued = await fetch(`${workerd.url}/events/ticket`, { method: 'POST', headers })
    const { ticket } = (await issued.json()) as { ticket: string }

    await fetch(`${workerd.url}/restart`, { method: 'POST' })
    await eventually(() => before.ended, 5000)
    expect(before.ended).toBe(true)
    const missedIds = [await rpc('invalidate', ['orders', { id: 'missed-1' }])]
    missedIds.push(await rpc('invalidate', ['orders', { id: 'missed-2' }]))

    const after = await stream(`/events?topics=orders&ticket=${ticket}`, { 'last-event-id': lastEventId })
    expect(after.status).toBe(200)
    const opening = after.events.map((e) => [e.event, (e.data as { id?: string }).id])
    expect(opening).toEqual([
      ['invalidate', 'missed-1'],
      ['invalidate', 'missed-2'],
      ['connected', undefined],
    ])
    expect(after.events.at(-1)?.data).toMatchObject({ resumed: true })
    expect(missedIds.every((id) => String(id) > lastEventId.split('.')[0]!)).toBe(true)
  })

  it('resumes after workerd itself restarts (every object evicted, storage kept)', async () => {
    const headers = await bearer({ tenant_id: 't1' })
    const lastEventId = await lastIdSeen(headers, 'before-eviction')

    await workerd.restart()
    await rpc('invalidate', ['orders', { id: 'while-away' }])
    const after = await stream('/events?topics=orders', { ...headers, 'last-event-id': lastEventId })
    expect(after.events.map((e) => e.event)).toEqual(['invalidate', 'connected'])
    expect(after.events[0]?.data).toMatchObject({ id: 'while-away' })
  }, 60_000)

  it('answers resync where it cannot replay: a resume from before the retained window', async () => {
    const headers = await bearer({ tenant_id: 't1' })
    const lastEventId = await lastIdSeen(headers, 'old')
    // The test object keeps 50 events.
    for (let i = 0; i < 60; i++) await rpc('signal', ['other'])
    const after = await stream('/events?topics=orders', { ...headers, 'last-event-id': lastEventId })
    expect(after.events.map((e) => [e.event, e.data])).toEqual([
      ['resync', { reason: 'replay-gap' }],
      ['connected', expect.objectContaining({ resumed: false })],
    ])
  })
})

describe('leaving and stalling', () => {
  it('a client that leaves is gone from the object within seconds, whenever it leaves', async () => {
    const headers = await bearer({ tenant_id: 't5' })
    // The clients of earlier tests, aborted after each, are gone first: the same check.
    expect(await connectionsSettleAt(0)).toBe(0)
    const open = await stream('/events?topics=orders', headers)
    expect((await stats()).connections).toBe(1)
    open.abort()
    // Mid-auth and mid-opening: requests aborted at once, before any answer.
    for (let i = 0; i < 10; i++) {
      const early = openSse(`${workerd.url}/events?topics=orders`, headers)
      setTimeout(() => early.abort(), i)
    }
    expect(await connectionsSettleAt(0)).toBe(0)
    // And nothing left holds the tenant's slots: the tenant can still open its full quota.
    const quota = await Promise.all(
      Array.from({ length: 20 }, () => stream('/events?topics=orders', headers)),
    )
    expect(quota.map((client) => client.status)).toEqual(Array(20).fill(200))
  })

  it('a stalled reader stays bounded: frames past its buffer are dropped, it gets resync, others flow', async () => {
    const headers = await bearer({ tenant_id: 't6' })
    const stalled = await stream('/events?topics=bulk', headers)
    const live = await stream('/events?topics=bulk', headers)
    stalled.stall()
    const before = await stats()
    const hint = 'x'.repeat(8 * 1024)
    // ~8 MB in all: far more than the network buffers between the object and the client take.
    for (let i = 0; i < 1000; i++) {
      await rpc('invalidate', ['bulk', { id: `e${i}`, hint }])
      if (i % 50 === 0)
        await live.until(() => live.events.filter((e) => e.event === 'invalidate').length > i / 2)
    }
    await live.until(() => live.events.filter((e) => e.event === 'invalidate').length === 1000, 30_000)
    const after = await stats()
    expect(after.droppedByReason.overflow).toBeGreaterThan(before.droppedByReason.overflow)
    stalled.resume()
    await stalled.untilEvent('resync', 1, 30_000)
    expect(stalled.events.find((e) => e.event === 'resync')?.data).toEqual({ reason: 'overflow' })
  }, 120_000)
})

describe('the same client, unchanged', () => {
  it('@ssehub/client with tickets: live events, then a reconnect after the object resets that misses nothing', async () => {
    const headers = await bearer({ sub: 'u7', tenant_id: 't7' })
    const stream = createEventStream({
      url: `${workerd.url}/events`,
      topics: ['orders'],
      backoff: { initialMs: 50, maxMs: 200 },
      getTicket: async () => {
        const response = await fetch(`${workerd.url}/events/ticket`, { method: 'POST', headers })
        return ((await response.json()) as { ticket: string }).ticket
      },
    })
    const seen: string[] = []
    stream.on('invalidate', (data) => {
      seen.push(String((data as { id?: string }).id))
    })
    try {
      await eventually(() => stream.status === 'open', 10_000)
      await rpc('invalidate', ['orders', { id: 'live' }])
      await eventually(() => seen.includes('live'), 5000)
      await fetch(`${workerd.url}/restart`, { method: 'POST' })
      await eventually(() => stream.status !== 'open', 5000)
      await rpc('invalidate', ['orders', { id: 'during-restart' }])
      await eventually(() => seen.includes('during-restart'), 10_000)
      expect(seen).toEqual(['live', 'during-restart'])
      expect(stream.status).toBe('open')
    } finally {
      stream.close()
    }
  })

  it('drain through RPC: every stream is told when to reconnect, and the object empties', async () => {
    const client = await stream('/events?topics=orders', await bearer({ tenant_id: 't8' }))
    await fetch(`${workerd.url}/publish`, {
      method: 'POST',
      body: JSON.stringify({ method: 'drain', args: [200] }),
    })
    await client.untilEvent('drain')
    expect((await stats()).connections).toBe(0)
    // The object keeps refusing until it restarts: a drained hub is done (503 draining, with Retry-After).
    const refused = await stream('/events?topics=orders', await bearer({ tenant_id: 't8' }))
    expect([refused.status, refused.code]).toEqual([503, 'draining'])
    await fetch(`${workerd.url}/restart`, { method: 'POST' })
    const again = await stream('/events?topics=orders', await bearer({ tenant_id: 't8' }))
    expect(again.status).toBe(200)
  })
})
