import { HubError, type HubErrorCode } from '@ssehub/server'

/**
 * The error a Postgres-backed piece throws when the database can't answer: a 503 `HubError` with
 * `Retry-After`, so a request it refuses gets the wire protocol's JSON error, the cause kept.
 */
export function postgresUnavailable(code: HubErrorCode, what: string, cause: unknown): HubError {
  const reason = cause instanceof Error ? cause.message : String(cause)
  return new HubError(code, `PostgreSQL is unavailable: ${what} (${reason})`, {
    status: 503,
    retryAfterSec: 1,
    cause,
  })
}

/** Rejects with `timeoutError()` when `promise` has not settled in `timeoutMs` (the work itself goes on). */
export function withTimeout<T>(promise: Promise<T>, timeoutMs: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} took longer than ${timeoutMs} ms`)), timeoutMs)
  })
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer))
}
