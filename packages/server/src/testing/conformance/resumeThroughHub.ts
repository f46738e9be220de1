import { Hono } from 'hono'
import { createHub } from '../../createHub'
import type { Hub } from '../../Hub'
import type { EngineNode } from '../EngineHarness'
import { readOpening } from './readStream'
import { waitFor } from './support'

/** A hub on `node`, its stream at `/events`, the tenant taken from an `x-tenant` header. */
function hubOn(node: EngineNode): { hub: Hub; app: Hono } {
  const hub = createHub({
    bus: node.bus,
    replay: node.replay,
    tickets: node.tickets,
    metrics: false,
    authenticate: (c) => ({ metadata: { tenant_id: c.req.header('x-tenant') ?? 't1' } }),
  })
  const app = new Hono()
  app.get('/events', hub.handler())
  return { hub, app }
}

async function open(app: Hono, headers: Record<string, string>) {
  const abort = new AbortController()
  const response = await app.request('/events?topics=orders', { headers, signal: abort.signal })
  return readOpening(response, abort)
}

/**
 * A client of tenant t1 on `orders` connects to `a`, leaves, misses events of every kind (another
 * tenant's, another topic's, a group it doesn't fully match, its own), and resumes on `b`. Returns the
 * ids replayed before `connected`, the ones expected, and what `connected` said.
 */
export async function resumeThroughHub(a: EngineNode, b: EngineNode) {
  const onA = hubOn(a)
  const onB = a === b ? onA : hubOn(b)
  try {
    const first = await open(onA.app, { 'x-tenant': 't1' })
    const lastId = first.find((frame) => frame.event === 'connected')!.id!
    const mine = await onA.hub.invalidate('orders', { id: 'o1', tenant: 't1' })
    await onA.hub.invalidate('orders', { id: 'o2', tenant: 't2' })
    await onA.hub.invalidate('invoices', { id: 'i1' })
    const everyone = await onA.hub.invalidate('orders', { id: 'o4' })
    await onA.hub.invalidate('orders', { id: 'o5', group: { tenant_id: 't1', plan: 'pro' } })
    const last = await onA.hub.publish({ type: 'note', topics: ['orders.o6'], data: {} })
    await waitFor(() => b.bus.headId() === last, 'the other node has read the last event')
    const resumed = await open(onB.app, { 'x-tenant': 't1', 'last-event-id': lastId })
    const connected = resumed.at(-1)!
    return {
      replayed: resumed.filter((frame) => frame.event === 'invalidate').map((frame) => frame.id),
      others: resumed.filter(
        (frame) => frame.event && frame.event !== 'invalidate' && frame.event !== 'connected',
      ),
      expected: [mine, everyone],
      connected: { resumed: (JSON.parse(connected.data ?? '{}') as { resumed?: boolean }).resumed },
    }
  } finally {
    await onA.hub.close()
    if (onB !== onA) await onB.hub.close()
  }
}
