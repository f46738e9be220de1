import { HubError, type HubErrorCode } from '@ssehub/server'

/**
 * The error a Redis-backed piece throws when Redis can't answer: a 503 `HubError` with `Retry-After`, so a
 * request it refuses gets the wire protocol's JSON error, and the Redis error kept as `cause`.
 */
export function redisUnavailable(code: HubErrorCode, what: string, cause: unknown): HubError {
  const reason = cause instanceof Error ? cause.message : String(cause)
  return new HubError(code, `Redis is unavailable: ${what} (${reason})`, {
    status: 503,
    retryAfterSec: 1,
    cause,
  })
}
