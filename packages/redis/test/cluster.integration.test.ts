import type { HubEvent } from '@ssehub/server/engine'
import { afterEach, beforeAll, expect, it } from 'vitest'
import { connect, eventually, type TestStream } from '../../server/test/sse'
import { compareStreamIds, parseStreamId } from '../src/streamId'
import { type TestNode, useTwoNodes } from './node'
import { describeWithRedis } from './redisServer'

describeWithRedis('two hubs on one Redis stream', () => {
  const cluster = useTwoNodes()
  let a: TestNode
  let b: TestNode
  const streams: TestStream[] = []

  beforeAll(() => {
    ;({ a, b } = cluster)
  })
  afterEach(() => {
    for (const stream of streams.splice(0)) stream.destroy()
  })

  async function open(node: TestNode, query: string, headers: Record<string, string> = {}) {
    const stream = await connect(`${node.url}/events?${query}`, headers)
    streams.push(stream)
    return stream
  }

  const invalidations = (stream: TestStream) =>
    stream.events.filter((e) => e.event === 'invalidate').map((e) => ({ id: e.id, data: e.data }))

  it('delivers an event published on either node to the matching clients of both, with the same id', async () => {
    const onA = await open(a, 'topics=orders')
    const onB = await open(b, 'topics=orders.*')
    const other = await open(b, 'topics=invoices')
    const first = await a.hub.invalidate('orders', { id: 'ord_1', action: 'created' })
    const second = await b.hub.invalidate('orders', { id: 'ord_2', action: 'updated' })
    await onA.untilEvent('invalidate', 2)
    await onB.untilEvent('invalidate', 2)
    const expected = [
      { id: first, data: { resource: 'orders', id: 'ord_1', action: 'created' } },
      { id: second, data: { resource: 'orders', id: 'ord_2', action: 'updated' } },
    ]
    expect(invalidations(onA)).toEqual(expected)
    expect(invalidations(onB)).toEqual(expected)
    // The entry id is the event id: Redis' `<ms>-<seq>`, increasing.
    expect(first).toMatch(/^\d+-\d+$/)
    expect(compareStreamIds(parseStreamId(first)!, parseStreamId(second)!)).toBe(-1)
    await a.hub.invalidate('invoices', { id: 'inv_1' })
    await other.untilEvent('invalidate', 1)
    expect(invalidations(other).map((e) => e.data)).toEqual([{ resource: 'invoices', id: 'inv_1' }])
  })

  it('keeps tenants apart across nodes', async () => {
    const t1OnA = await open(a, 'topics=orders', { 'x-tenant': 't1' })
    const t2OnB = await open(b, 'topics=orders', { 'x-tenant': 't2' })
    const t2OnA = await open(a, 'topics=orders', { 'x-tenant': 't2' })
    await b.hub.invalidate('orders', { id: 'secret_t1', tenant: 't1' })
    await a.hub.invalidate('orders', { id: 'secret_t2', tenant: 't2' })
    const everyone = await b.hub.invalidate('orders', { id: 'public' })
    for (const stream of [t1OnA, t2OnB, t2OnA]) {
      await stream.until((frames) => frames.some((frame) => frame.id === everyone))
    }
    const ids = (stream: TestStream) => invalidations(stream).map((e) => (e.data as { id: string }).id)
    expect(ids(t1OnA)).toEqual(['secret_t1', 'public'])
    expect(ids(t2OnB)).toEqual(['secret_t2', 'public'])
    expect(ids(t2OnA)).toEqual(['secret_t2', 'public'])
  })

  it('carries lane, group, coalesceKey, supersedes, ttlMs, publishedAt, type, topics and data', async () => {
    const received: HubEvent[] = []
    const unsubscribe = b.bus.subscribe({ onEvent: (event) => received.push(event), onGap: () => {} })
    const progressId = await a.hub.progress('imports', {
      id: 'imp_9',
      current: 3,
      total: 4,
      group: { tenant_id: 't1' },
    })
    const completeId = await a.hub.complete('imports', { id: 'imp_9', status: 'failed', hint: { rows: 3 } })
    const userId = await a.hub.publish({
      type: 'report.ready',
      topics: ['reports.r1'],
      data: { url: '/r/1' },
      lane: 'batched',
      ttlMs: 60_000,
    })
    await eventually(() => received.length >= 3)
    unsubscribe()
    const [progress, complete, user] = received
    expect(progress).toMatchObject({
      id: progressId,
      type: 'progress',
      topics: ['imports', 'imports.imp_9'],
      lane: 'coalesced',
      group: { tenant_id: 't1' },
    })
    expect(JSON.parse(progress!.data)).toEqual({
      resource: 'imports',
      id: 'imp_9',
      current: 3,
      total: 4,
      pct: 75,
    })
    expect(progress!.coalesceKey).toBeTypeOf('string')
    expect(complete).toMatchObject({ id: completeId, type: 'complete', lane: 'instant' })
    expect(complete!.supersedes).toBe(progress!.coalesceKey)
    expect(user).toMatchObject({
      id: userId,
      type: 'report.ready',
      topics: ['reports.r1'],
      data: '{"url":"/r/1"}',
      lane: 'batched',
      ttlMs: 60_000,
    })
    expect(Math.abs(user!.publishedAt - Date.now())).toBeLessThan(60_000)
    expect(user!.group).toBeUndefined()
  })

  it('resumes on the other node from Last-Event-ID, and a fresh connected frame carries the head id', async () => {
    const onA = await open(a, 'topics=orders', { 'x-tenant': 't1' })
    const seen = await a.hub.invalidate('orders', { id: 'before' })
    await onA.until((frames) => frames.some((frame) => frame.id === seen))
    onA.destroy()
    const missed = [
      await a.hub.invalidate('orders', { id: 'm1' }),
      await b.hub.invalidate('orders', { id: 'not-yours', tenant: 't2' }),
      await b.hub.invalidate('orders', { id: 'm2' }),
    ]
    const head = missed[2]!
    await eventually(() => b.bus.headId() === head)
    const onB = await open(b, 'topics=orders', { 'x-tenant': 't1', 'last-event-id': seen })
    expect(onB.events.map((e) => e.id)).toEqual([missed[0], missed[2], head])
    const connected = onB.events.at(-1)!
    expect(connected.event).toBe('connected')
    expect((connected.data as { resumed: boolean }).resumed).toBe(true)
  })

  it('lets a resume wait until this node has read as far as the client', async () => {
    const id = await a.hub.invalidate('orders', { id: 'fresh' })
    // Right after the append, B may or may not have read it; catchUp resolves once it has.
    expect(await b.bus.catchUp(id)).toBe(true)
    expect(b.bus.headId()).toBe(id)
    expect(await b.bus.catchUp(id)).toBe(true)
    expect(await b.bus.catchUp('not-an-id')).toBe(false)
    const [ms] = id.split('-')
    expect(await b.bus.catchUp(`${BigInt(ms!) + 60_000n}-0`, 50)).toBe(false)
  })

  it('accepts a ticket issued on one node once, on the other', async () => {
    const response = await fetch(`${a.url}/events/ticket`, {
      method: 'POST',
      headers: { 'x-tenant': 't2' },
    })
    const { ticket } = (await response.json()) as { ticket: string }
    const onB = await open(b, `topics=orders&ticket=${ticket}`)
    expect(onB.status).toBe(200)
    const forT1 = await a.hub.invalidate('orders', { id: 'x', tenant: 't1' })
    const forT2 = await a.hub.invalidate('orders', { id: 'y', tenant: 't2' })
    await onB.until((frames) => frames.some((frame) => frame.id === forT2))
    // The ticket carried the principal: tenant t2 across nodes.
    expect(onB.events.map((e) => e.id)).not.toContain(forT1)
    const again = await open(a, `topics=orders&ticket=${ticket}`)
    expect(again.status).toBe(401)
    const againOnB = await open(b, `topics=orders&ticket=${ticket}`)
    expect(againOnB.status).toBe(401)
  })
})
