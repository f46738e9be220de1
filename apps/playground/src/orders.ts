export const ORDER_STATUSES = ['pending', 'paid', 'shipped', 'cancelled'] as const
export type OrderStatus = (typeof ORDER_STATUSES)[number]

export interface Order {
  id: string
  tenantId: string
  customer: string
  totalCents: number
  status: OrderStatus
  createdAt: string
  updatedAt: string
}

export interface NewOrder {
  customer: string
  totalCents: number
}

export function isOrderStatus(value: unknown): value is OrderStatus {
  return typeof value === 'string' && (ORDER_STATUSES as readonly string[]).includes(value)
}

/** Where orders live: in memory for one process, in Redis or PostgreSQL for a cluster of them. */
export interface Orders {
  /** The tenant's orders, newest first. */
  list(tenantId: string, limit?: number): Order[] | Promise<Order[]>
  /** The order, if it exists and belongs to this tenant: another tenant's order is as good as missing. */
  get(tenantId: string, id: string): Order | undefined | Promise<Order | undefined>
  create(tenantId: string, input: NewOrder): Order | Promise<Order>
  setStatus(tenantId: string, id: string, status: OrderStatus): Order | undefined | Promise<Order | undefined>
}

/** A new order as every store makes it. */
export function newOrder(id: string, tenantId: string, input: NewOrder): Order {
  const now = new Date().toISOString()
  return { id, tenantId, ...input, status: 'pending', createdAt: now, updatedAt: now }
}

/** Orders kept per tenant: the oldest go once a tenant has more, so a long demo stays small. */
export const MAX_ORDERS_PER_TENANT = 200
/** Orders the list shows (and `GET /api/orders` returns), newest first. */
export const ORDER_LIST_LIMIT = 20

/**
 * The playground's database: orders per tenant, in memory, each tenant numbering its own (`ord_1` of
 * Acme is not `ord_1` of Globex), at most {@link MAX_ORDERS_PER_TENANT} each. It lives outside the hub
 * on purpose, so a restarted hub (a deploy, in miniature) finds the same data and its clients resync onto it.
 */
export class OrderStore implements Orders {
  /** Per tenant, its orders by id, oldest first (a Map keeps insertion order). */
  readonly #tenants = new Map<string, { orders: Map<string, Order>; seq: number }>()

  #tenant(tenantId: string) {
    let tenant = this.#tenants.get(tenantId)
    if (!tenant) {
      tenant = { orders: new Map(), seq: 0 }
      this.#tenants.set(tenantId, tenant)
    }
    return tenant
  }

  /** The tenant's orders, newest first. */
  list(tenantId: string, limit = ORDER_LIST_LIMIT): Order[] {
    return [...(this.#tenants.get(tenantId)?.orders.values() ?? [])].reverse().slice(0, limit)
  }

  /** How many orders the tenant has (kept). */
  count(tenantId: string): number {
    return this.#tenants.get(tenantId)?.orders.size ?? 0
  }

  /** The order, if it exists and belongs to this tenant: another tenant's order is as good as missing. */
  get(tenantId: string, id: string): Order | undefined {
    return this.#tenants.get(tenantId)?.orders.get(id)
  }

  create(tenantId: string, input: NewOrder): Order {
    const tenant = this.#tenant(tenantId)
    tenant.seq += 1
    const order = newOrder(`ord_${tenant.seq}`, tenantId, input)
    tenant.orders.set(order.id, order)
    for (const oldest of tenant.orders.keys()) {
      if (tenant.orders.size <= MAX_ORDERS_PER_TENANT) break
      tenant.orders.delete(oldest)
    }
    return order
  }

  setStatus(tenantId: string, id: string, status: OrderStatus): Order | undefined {
    const order = this.get(tenantId, id)
    if (!order) return undefined
    order.status = status
    order.updatedAt = new Date().toISOString()
    return order
  }
}
