import { buildStreamUrl } from './buildStreamUrl'
import type { EventStreamOptions } from './EventStreamOptions'
import { untilAborted } from './untilAborted'

/**
 * Builds one attempt's request: a fresh ticket and fresh headers every time (a reconnect must never
 * present a spent ticket or an expired token), `Last-Event-ID` when resuming. Rejects when `getTicket`
 * or the `headers` function does, and as soon as `signal` aborts, even while they are still running.
 */
export async function prepareRequest(
  options: EventStreamOptions,
  lastEventId: string | undefined,
  signal: AbortSignal,
): Promise<{ url: URL; init: RequestInit }> {
  const ticket = options.getTicket ? await untilAborted(options.getTicket({ signal }), signal) : undefined
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
