import { createHub } from '@ssehub/server'
import { Hono } from 'hono'

export interface Order {
  id: string
  customer: string
  total: number
}

/**
 * The whole server: the orders API and the event stream. After every change it tells the hub, and every
 * open page refetches what changed.
 */
export function createApp() {
  const orders = new Map<string, Order>()
  // Development default: every connection is anonymous. Production sets `authenticate` (see the docs).
  const hub = createHub()
  const app = new Hono()

  app.get('/events', hub.handler())
  app.get('/api/orders', (c) => c.json([...orders.values()]))
  app.post('/api/orders', async (c) => {
    const { customer, total } = await c.req.json<Omit<Order, 'id'>>()
    const order = { id: `ord_${orders.size + 1}`, customer, total }
    orders.set(order.id, order)
    await hub.invalidate('orders', { id: order.id, action: 'created' })
    return c.json(order, 201)
  })
  return { app, hub }
}
