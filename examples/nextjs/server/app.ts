import { createHub, type Hub } from '@ssehub/server'
import { Hono } from 'hono'

export interface Order {
  id: string
  customer: string
  total: number
}

interface Backend {
  app: Hono
  hub: Hub
}

/**
 * The API and the event stream as one Hono app under `/api`, created once per server process. It lives
 * on `globalThis` because `next dev` re-evaluates modules on every change: one hub, not one per edit.
 */
function createBackend(): Backend {
  const orders = new Map<string, Order>()
  // Development default: every connection is anonymous. Production sets `authenticate` (see the docs).
  const hub = createHub()
  const app = new Hono().basePath('/api')

  app.get('/events', hub.handler())
  app.get('/orders', (c) => c.json([...orders.values()]))
  app.post('/orders', async (c) => {
    const { customer, total } = await c.req.json<Omit<Order, 'id'>>()
    const order = { id: `ord_${orders.size + 1}`, customer, total }
    orders.set(order.id, order)
    await hub.invalidate('orders', { id: order.id, action: 'created' })
    return c.json(order, 201)
  })
  return { app, hub }
}

const global = globalThis as typeof globalThis & { ssehubBackend?: Backend }

export function backend(): Backend {
  global.ssehubBackend ??= createBackend()
  return global.ssehubBackend
}
