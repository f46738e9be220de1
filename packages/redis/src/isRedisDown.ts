import type { Redis } from 'ioredis'

/** Connection states in which a command would only wait in ioredis' offline queue. */
const DOWN: ReadonlySet<string> = new Set(['reconnecting', 'close', 'end'])

/**
 * Whether `redis` is known to be away right now. Checked before a request-path command so the request
 * fails fast instead of waiting in the offline queue of a client that has one.
 */
export function isRedisDown(redis: Redis): boolean {
  return DOWN.has(redis.status)
}
