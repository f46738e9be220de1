import { HubError } from '@ssehub/server'
import {
  assertPositiveIntegers,
  createTicketId,
  isTicketId,
  parsePrincipal,
  principalKey,
  refuseRenamedOptions,
  type TicketStore,
} from '@ssehub/server/engine'
import type { Redis } from 'ioredis'
import { isRedisDown } from './isRedisDown'
import { redisUnavailable } from './redisUnavailable'

export interface RedisTicketStoreOptions {
  /** An ioredis client (it may be shared with `redisReplay`). */
  redis: Redis
  /** Prefix of the ticket keys (and of each principal's set of them, `<keyPrefix>owner:<principalKey>`). @default 'ssehub:ticket:' */
  keyPrefix?: string
  /**
   * Outstanding tickets one principal (`principalKey`) may hold across every node; past it `issue`
   * rejects with a 429 `ticket_quota_exceeded` whose `Retry-After` is when its oldest ticket expires.
   * Counted before the ticket is stored, so issues racing for the last slot may pass it by a few.
   * @default 100
   */
  maxTicketsPerPrincipal?: number
}

/**
 * A `TicketStore` in Redis, so a ticket issued by one node is accepted by any other, once: `issue` is
 * `SET key principal PX ttl NX`, `consume` is `GETDEL` (Redis 6.2+), atomic, so of two nodes racing for
 * the same ticket exactly one gets the principal. Expiry is Redis' own. Each principal's outstanding
 * tickets are a sorted set (by expiry) that bounds them across nodes. Malformed tickets never reach
 * Redis. When Redis can't answer, both throw a 503 `HubError` (`auth_unavailable`) with `Retry-After`.
 */
export function redisTicketStore(options: RedisTicketStoreOptions): TicketStore {
  refuseRenamedOptions('redisTicketStore', options, { prefix: 'keyPrefix' })
  const { redis, keyPrefix = 'ssehub:ticket:', maxTicketsPerPrincipal = 100 } = options
  assertPositiveIntegers('redisTicketStore', { maxTicketsPerPrincipal })
  const ownerKey = (owner: string) => `${keyPrefix}owner:${owner}`

  return {
    async issue(principal, ttlMs) {
      assertPositiveIntegers('redisTicketStore', { ttlMs })
      const ticket = createTicketId()
      const owned = ownerKey(principalKey(principal))
      const now = Date.now()
      const expiresAt = now + ttlMs
      let stored: string | null = null
      let oldest: number | undefined
      try {
        if (isRedisDown(redis)) throw new Error('not connected')
        const [, [, held], [, first]] = (await redis
          .multi()
          .zremrangebyscore(owned, '-inf', now)
          .zcard(owned)
          .zrange(owned, 0, 0, 'WITHSCORES')
          .exec()) as [unknown, [unknown, number], [unknown, string[]]]
        if (held >= maxTicketsPerPrincipal) oldest = Number(first[1] ?? now + 1000)
        else {
          stored = await redis.set(keyPrefix + ticket, JSON.stringify(principal), 'PX', ttlMs, 'NX')
          await redis.multi().zadd(owned, expiresAt, ticket).pexpire(owned, ttlMs).exec()
        }
      } catch (error) {
        throw redisUnavailable('auth_unavailable', 'no ticket was issued', error)
      }
      if (oldest !== undefined) {
        throw new HubError(
          'ticket_quota_exceeded',
          `Too many tickets outstanding for this principal (${maxTicketsPerPrincipal}): use one or wait for one to expire`,
          { status: 429, retryAfterSec: Math.max(1, Math.ceil((oldest - now) / 1000)) },
        )
      }
      // 256 random bits do not collide; NX only makes sure a ticket can never be overwritten.
      if (stored !== 'OK') throw redisUnavailable('auth_unavailable', 'no ticket was issued', 'key exists')
      return { ticket, expiresAt }
    },

    async consume(ticket) {
      if (!isTicketId(ticket)) return undefined
      let value: string | null
      try {
        if (isRedisDown(redis)) throw new Error('not connected')
        value = await redis.getdel(keyPrefix + ticket)
      } catch (error) {
        throw redisUnavailable('auth_unavailable', 'the ticket could not be checked', error)
      }
      const principal = value === null ? undefined : parsePrincipal(value)
      // Its slot in the principal's quota frees at once; a failure here only delays that to its expiry.
      if (principal) redis.zrem(ownerKey(principalKey(principal)), ticket).catch(() => {})
      return principal
    },
  }
}
