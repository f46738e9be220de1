import { buildStreamUrl } from './buildStreamUrl'
import { EventStreamError } from './EventStreamError'
import type { EventStreamOptions } from './EventStreamOptions'
import { untilAborted } from './untilAborted'

/**
 * Builds one attempt's request: a fresh ticket and fresh headers every time (a reconnect must never
 * present a spent ticket or an expired token), `Last-Event-ID` when resuming. Rejects when `getTicket`
 * or the `headers` function does (or `getTicket` resolves to anything but a non-empty string: `invalid_option`),
 * and as soon as `signal` aborts, even while they are still running.
 */
export async function prepareRequest(
  options: EventStreamOptions,
  lastEventId: string | undefined,
  signal: AbortSignal,
): Promise<{ url: URL; init: RequestInit }> {
  const ticket = options.getTicket ? await untilAborted(options.getTicket({ signal }), signal) : undefined
  // A whole `{ ticket, expiresAt }` body, or nothing, would go out as `?ticket=[object Object]` (or none)
  // and come back a 401 that reads as "sign in again".
  if (options.getTicket && (typeof ticket !== 'string' || ticket === '')) {
    const got = ticket === '' ? 'an empty string' : ticket === null ? 'null' : typeof ticket
    throw new EventStreamError('invalid_option', `getTicket must resolve to a non-empty string, got ${got}`)
  }
  const headers = new Headers(
    typeof options.headers === 'function' ? await untilAborted(options.headers(), signal) : options.headers,
  )
  headers.set('accept', 'text/event-stream')
  if (lastEventId !== undefined) headers.set('last-event-id', lastEventId)
  return {
    url: buildStreamUrl({ url: options.url, topics: options.topics, ticket, lastEventId }),
    init: { headers, signal, credentials: options.credentials ?? 'same-origin', cache: 'no-store' },
  }
}
