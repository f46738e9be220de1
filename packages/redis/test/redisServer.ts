import { describe } from 'vitest'
import { hasRedisServer } from '../../../testing/redisServer'

export { freePort } from '../../../testing/freePort'
export { hasRedisServer, RedisServer } from '../../../testing/redisServer'

/**
 * `describe` when `redis-server` is available; otherwise a skipped suite whose name says why, so the
 * report shows the reason instead of silently passing.
 */
export function describeWithRedis(name: string, suite: () => void): void {
  if (hasRedisServer) describe(name, suite)
  else describe.skip(`${name} (skipped: redis-server is not on PATH; apt-get install redis-server)`, suite)
}
