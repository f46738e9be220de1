import { HubError } from './HubError'
import type { Logger } from './Logger'

/**
 * The JSON error response a handler refuses a request with, and the one place that decides what a
 * client may learn: a `HubError` below 500 is answered as it is (the client's own mistake, not logged);
 * a 503 too (an intended "not now", with its `Retry-After`), logged as a warning; anything else — any
 * other 5xx, an `internal` code, a non-`HubError` — is logged as an error with its cause and answered
 * with a 500 `internal` that reveals nothing.
 *
 * @param during what the handler was doing, for the log line: `'opening a stream'`.
 */
export function toErrorResponse(error: unknown, logger: Logger, during = 'handling a request'): Response {
  if (error instanceof HubError && error.code !== 'internal') {
    if (error.status < 500) return error.getResponse()
    if (error.status === 503) {
      logger.warn({ err: error, code: error.code }, `[ssehub] refused while ${during}: ${error.message}`)
      return error.getResponse()
    }
  }
  const fields = error instanceof HubError ? { err: error, code: error.code } : { err: error }
  logger.error(fields, `[ssehub] unexpected error while ${during}`)
  return new HubError('internal', 'Internal error', { status: 500 }).getResponse()
}
