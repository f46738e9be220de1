import type { Redis } from 'ioredis'
import { isOrderStatus, type NewOrder, newOrder, type Order, type OrderStatus, type Orders } from '../orders'

/**
 * Orders in Redis, for the cluster on the Redis engine: one JSON value per order and a sorted set per
 * tenant (newest last), so every node process sees the same data.
 */
export class RedisOrders implements Orders {
  constructor(
    readonly redis: Redis,
    readonly prefix = 'playground:',
  ) {}

  async list(tenantId: string, limit = 50): Promise<Order[]> {
    const ids = await this.redis.zrevrange(`${this.prefix}tenant:${tenantId}:orders`, 0, limit - 1)
    if (ids.length === 0) return []
    const values = await this.redis.mget(ids.map((id) => this.#key(id)))
    return values.flatMap((value) => (value ? [JSON.parse(value) as Order] : []))
  }

  async get(tenantId: string, id: string): Promise<Order | undefined> {
    const value = await this.redis.get(this.#key(id))
    const order = value ? (JSON.parse(value) as Order) : undefined
    return order?.tenantId === tenantId ? order : undefined
  }

  async create(tenantId: string, input: NewOrder): Promise<Order> {
    const seq = await this.redis.incr(`${this.prefix}orders:seq`)
    const order = newOrder(`ord_${seq}`, tenantId, input)
    await this.redis
      .multi()
      .set(this.#key(order.id), JSON.stringify(order))
      .zadd(`${this.prefix}tenant:${tenantId}:orders`, seq, order.id)
      .exec()
    return order
  }

  async setStatus(tenantId: string, id: string, status: OrderStatus): Promise<Order | undefined> {
    const order = await this.get(tenantId, id)
    if (!order || !isOrderStatus(status)) return undefined
    const updated = { ...order, status, updatedAt: new Date().toISOString() }
    await this.redis.set(this.#key(id), JSON.stringify(updated))
    return updated
  }

  #key(id: string): string {
    return `${this.prefix}order:${id}`
  }
}
