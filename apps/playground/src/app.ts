import { createHub, type Hub, type HubOptions } from '@ssehub/server'
import { Hono } from 'hono'
import { type NewOrder, OrderStore } from './orders'
import { indexPage } from './page'

// Until sign-in lands, the tenant is a query parameter the page sends; the stream takes the same one.
const tenantOf = (tenant: string | undefined) => (tenant === 't2' ? 't2' : 't1')

/**
 * The playground: a tiny orders API whose writes call `hub.invalidateForTenant`, the event stream,
 * and a page. Every stream carries its tenant, so one tenant never hears about another's orders.
 */
export function createPlayground(hubOptions: HubOptions = {}): { app: Hono; hub: Hub; store: OrderStore } {
  const hub = createHub({
    authenticate: (c) => ({ metadata: { tenant_id: tenantOf(c.req.query('tenant')) } }),
    ...hubOptions,
  })
  const store = new OrderStore()
  const app = new Hono()

  app.get('/', (c) => c.html(indexPage))
  app.get('/events', hub.handler())

  app.get('/api/orders', (c) => c.json(store.list(tenantOf(c.req.query('tenant')))))

  app.post('/api/orders', async (c) => {
    const tenantId = tenantOf(c.req.query('tenant'))
    const body = (await c.req.json().catch(() => null)) as Partial<NewOrder> | null
    const customer = typeof body?.customer === 'string' ? body.customer.trim() : ''
    const totalCents = Number(body?.totalCents)
    if (customer === '' || customer.length > 100 || !Number.isInteger(totalCents) || totalCents <= 0) {
      return c.json(
        { error: { code: 'bad_order', message: 'Give a customer name and a positive totalCents' } },
        400,
      )
    }
    const order = store.create(tenantId, { customer, totalCents })
    await hub.invalidateForTenant(tenantId, 'orders', { id: order.id, action: 'created' })
    return c.json(order, 201)
  })

  return { app, hub, store }
}
