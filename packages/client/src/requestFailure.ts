import { EventStreamError } from './EventStreamError'
import { isNetworkFailure } from './isNetworkFailure'

/**
 * The error of an attempt whose `getTicket` or `headers` threw: an `EventStreamError` as thrown (from
 * `fetchTicket`, or the app's own), `network_error` when the network failed (a Wi-Fi drop is not a
 * reason to sign in again), else `auth_failed`.
 */
export function requestFailure(cause: unknown): EventStreamError {
  if (cause instanceof EventStreamError) return cause
  if (isNetworkFailure(cause)) {
    return new EventStreamError('network_error', 'getTicket or headers could not reach the network', {
      cause,
    })
  }
  return new EventStreamError('auth_failed', 'getTicket or headers failed', { cause })
}
