import {
  assertPositiveIntegers,
  createTicketId,
  isTicketId,
  parsePrincipal,
  type TicketStore,
} from '@ssehub/server'
import type { Redis } from 'ioredis'
import { isRedisDown } from './isRedisDown'
import { redisUnavailable } from './redisUnavailable'

export interface RedisTicketStoreOptions {
  /** An ioredis client (it may be shared with `redisReplay`). */
  redis: Redis
  /** Prefix of the ticket keys. @default 'ssehub:ticket:' */
  prefix?: string
}

/**
 * A `TicketStore` in Redis, so a ticket issued by one node is accepted by any other, once: `issue` is
 * `SET key principal PX ttl NX`, `consume` is `GETDEL` (Redis 6.2+), atomic, so of two nodes racing for
 * the same ticket exactly one gets the principal. Expiry is Redis' own. Malformed tickets never reach
 * Redis. When Redis can't answer, both throw a 503 `HubError` (`auth_unavailable`) with `Retry-After`.
 */
export function redisTicketStore({ redis, prefix = 'ssehub:ticket:' }: RedisTicketStoreOptions): TicketStore {
  return {
    async issue(principal, ttlMs) {
      assertPositiveIntegers('redisTicketStore', { ttlMs })
      const ticket = createTicketId()
      let stored: string | null
      try {
        if (isRedisDown(redis)) throw new Error('not connected')
        stored = await redis.set(prefix + ticket, JSON.stringify(principal), 'PX', ttlMs, 'NX')
      } catch (error) {
        throw redisUnavailable('auth_unavailable', 'no ticket was issued', error)
      }
      // 256 random bits do not collide; NX only makes sure a ticket can never be overwritten.
      if (stored !== 'OK') throw redisUnavailable('auth_unavailable', 'no ticket was issued', 'key exists')
      return { ticket, expiresAt: Date.now() + ttlMs }
    },

    async consume(ticket) {
      if (!isTicketId(ticket)) return undefined
      let value: string | null
      try {
        if (isRedisDown(redis)) throw new Error('not connected')
        value = await redis.getdel(prefix + ticket)
      } catch (error) {
        throw redisUnavailable('auth_unavailable', 'the ticket could not be checked', error)
      }
      return value === null ? undefined : parsePrincipal(value)
    },
  }
}
