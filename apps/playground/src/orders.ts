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

/**
 * The playground's database in one process: orders per tenant, in memory. It lives outside the hub on purpose, so a
 * restarted hub (a deploy, in miniature) finds the same data and its clients resync onto it.
 */
export class OrderStore implements Orders {
  readonly #orders = new Map<string, Order>()
  #seq = 0

  /** The tenant's orders, newest first. */
  list(tenantId: string, limit = 50): Order[] {
    return [...this.#orders.values()]
      .filter((o) => o.tenantId === tenantId)
      .reverse()
      .slice(0, limit)
  }

  /** The order, if it exists and belongs to this tenant: another tenant's order is as good as missing. */
  get(tenantId: string, id: string): Order | undefined {
    const order = this.#orders.get(id)
    return order?.tenantId === tenantId ? order : undefined
  }

  create(tenantId: string, input: NewOrder): Order {
    this.#seq += 1
    const order = newOrder(`ord_${this.#seq}`, tenantId, input)
    this.#orders.set(order.id, order)
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
