import type { Hub } from '@ssehub/server'
import { Hono } from 'hono'
import { apiError } from './apiError'
import type { TenantVariables } from './auth'
import { isOrderStatus, ORDER_STATUSES, type Orders } from './orders'
import { tellTabs } from './tellTabs'

/**
 * `/api/orders`: list, detail, create and change status, all scoped to the token's tenant. Every write
 * ends with `hub.invalidate(…, { tenant })`, so each open tab of that tenant — and only of that tenant —
 * refetches what changed. No payload goes over the stream: the tabs ask this API again. When the
 * event engine is down the write still stands and says so (`notice`): the tabs learn of it from the
 * `resync` that follows the engine's return.
 */
export function orderRoutes(hub: Hub, store: Orders) {
  return new Hono<TenantVariables>()
    .get('/', async (c) => c.json(await store.list(c.var.tenantId)))

    .get('/:id', async (c) => {
      const order = await store.get(c.var.tenantId, c.req.param('id'))
      return order ? c.json(order) : notFound(c, c.req.param('id'))
    })

    .post('/', async (c) => {
      const body = await readJson(c.req.raw)
      const customer = typeof body?.customer === 'string' ? body.customer.trim() : ''
      const totalCents = body?.totalCents
      if (customer === '' || customer.length > 100) {
        return apiError(c, 400, 'bad_order', 'customer must be a name of 1–100 characters')
      }
      if (typeof totalCents !== 'number' || !Number.isSafeInteger(totalCents) || totalCents <= 0) {
        return apiError(c, 400, 'bad_order', 'totalCents must be a positive whole number of cents')
      }
      const order = await store.create(c.var.tenantId, { customer, totalCents })
      const notice = await tellTabs(() =>
        hub.invalidate('orders', { id: order.id, action: 'created', tenant: c.var.tenantId }),
      )
      return c.json(notice ? { ...order, notice } : order, 201)
    })

    .patch('/:id', async (c) => {
      const id = c.req.param('id')
      const status = (await readJson(c.req.raw))?.status
      if (!isOrderStatus(status)) {
        return apiError(c, 400, 'bad_status', `status must be one of ${ORDER_STATUSES.join(', ')}`)
      }
      const order = await store.setStatus(c.var.tenantId, id, status)
      if (!order) return notFound(c, id)
      const notice = await tellTabs(() =>
        hub.invalidate('orders', { id, action: 'updated', tenant: c.var.tenantId }),
      )
      return c.json(notice ? { ...order, notice } : order)
    })
}

/** The same 404 for a missing order and another tenant's: existence is not revealed across tenants. */
function notFound(c: Parameters<typeof apiError>[0], id: string) {
  return apiError(c, 404, 'order_not_found', `No order ${JSON.stringify(id.slice(0, 64))} for this tenant`)
}

async function readJson(request: Request): Promise<Record<string, unknown> | undefined> {
  const body: unknown = await request.json().catch(() => undefined)
  return typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : undefined
}
