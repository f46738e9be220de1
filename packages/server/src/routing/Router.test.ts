import { describe, expect, it } from 'vitest'
import { Connection } from '../delivery/Connection'
import { Scheduler } from '../delivery/Scheduler'
import type { HubEvent } from '../events'
import { HubCounters } from '../HubStats'
import { FakeSink } from '../testing/fakeConnection'
import { Router } from './Router'

const scheduler = new Scheduler()

function open(id: string, topics: string[], metadata: Record<string, string> = {}) {
  const connection = new Connection({
    id,
    topics,
    metadata,
    settings: { bufferBytes: 10_000, flushIntervalMs: 2000, heartbeatMs: 60_000 },
    scheduler,
    observer: new HubCounters(),
  })
  const sink = new FakeSink()
  connection.open(sink, new Uint8Array(0), 'e-0')
  return { connection, sink }
}

let seq = 0
const event = (partial: Partial<HubEvent>): HubEvent => ({
  id: `e-${++seq}`,
  type: 'invalidate',
  topics: ['orders'],
  data: '{}',
  lane: 'instant',
  publishedAt: Date.now(),
  ...partial,
})

describe('Router', () => {
  it('delivers once per connection however many of its patterns match', () => {
    const router = new Router(new HubCounters())
    const { connection, sink } = open('a', ['orders', 'orders.*', '>'])
    router.add(connection)
    expect(router.route(event({ topics: ['orders', 'orders.ord_1'] }))).toBe(1)
    expect(sink.events).toEqual(['invalidate'])
  })

  it("routes an event for one tenant among that tenant's connections only: the others are never visited", () => {
    const router = new Router(new HubCounters(), 'tenant_id')
    const t1 = open('t1', ['orders'], { tenant_id: 't1', plan: 'pro' })
    const t2 = open('t2', ['orders'], { tenant_id: 't2' })
    const none = open('none', ['orders'])
    for (const { connection } of [t1, t2, none]) router.add(connection)

    expect(router.route(event({ group: { tenant_id: 't1' } }))).toBe(1)
    expect(t2.connection.routeMark).toBe(0)
    expect(none.connection.routeMark).toBe(0)
    // The rest of the group still applies inside the tenant; an unknown tenant reaches no one.
    expect(router.route(event({ group: { tenant_id: 't1', plan: 'free' } }))).toBe(0)
    expect(router.route(event({ group: { tenant_id: 't9' } }))).toBe(0)
    // An event without a tenant in its group still reaches everyone it matches.
    expect(router.route(event({}))).toBe(3)
    expect(router.route(event({ group: { plan: 'pro' } }))).toBe(1)
  })

  it("forgets a tenant's index with its last connection", () => {
    const router = new Router(new HubCounters())
    const { connection } = open('t1', ['orders', 'imports.*'], { tenant_id: 't1' })
    router.add(connection)
    expect(router.remove(connection)).toBe(true)
    expect(router.remove(connection)).toBe(false)
    expect(router.route(event({ group: { tenant_id: 't1' } }))).toBe(0)
    router.add(connection)
    expect(router.route(event({ group: { tenant_id: 't1' } }))).toBe(1)
  })
})
