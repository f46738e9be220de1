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

/**
 * The playground's database: orders per tenant, in memory. It lives outside the hub on purpose, so a
 * restarted hub (a deploy, in miniature) finds the same data and its clients resync onto it.
 */
export class OrderStore {
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
    const now = new Date().toISOString()
    const order: Order = {
      id: `ord_${this.#seq}`,
      tenantId,
      customer: input.customer,
      totalCents: input.totalCents,
      status: 'pending',
      createdAt: now,
      updatedAt: now,
    }
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
