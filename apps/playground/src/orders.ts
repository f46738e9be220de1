export type OrderStatus = 'pending' | 'paid' | 'shipped'

export interface Order {
  id: string
  tenantId: string
  customer: string
  totalCents: number
  status: OrderStatus
  createdAt: string
}

export interface NewOrder {
  customer: string
  totalCents: number
}

/** The playground's database: orders per tenant, in memory. */
export class OrderStore {
  readonly #orders = new Map<string, Order>()
  #seq = 0

  list(tenantId: string): Order[] {
    return [...this.#orders.values()].filter((o) => o.tenantId === tenantId).reverse()
  }

  get(tenantId: string, id: string): Order | undefined {
    const order = this.#orders.get(id)
    return order?.tenantId === tenantId ? order : undefined
  }

  create(tenantId: string, input: NewOrder): Order {
    this.#seq += 1
    const order: Order = {
      id: `ord_${this.#seq}`,
      tenantId,
      customer: input.customer,
      totalCents: input.totalCents,
      status: 'pending',
      createdAt: new Date().toISOString(),
    }
    this.#orders.set(order.id, order)
    return order
  }
}
