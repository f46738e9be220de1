import { buildStreamUrl } from './buildStreamUrl'
import type { EventStreamOptions } from './EventStreamOptions'

/**
 * Builds one attempt's request: a fresh ticket and fresh headers every time (a reconnect must never
 * present a spent ticket or an expired token), `Last-Event-ID` when resuming. Rejects when `getTicket`
 * or the `headers` function does.
 */
export async function prepareRequest(
  options: EventStreamOptions,
  lastEventId: string | undefined,
  signal: AbortSignal,
): Promise<{ url: URL; init: RequestInit }> {
  const ticket = options.getTicket ? await options.getTicket({ signal }) : undefined
  const headers = new Headers(
    typeof options.headers === 'function' ? await options.headers() : options.headers,
  )
  headers.set('accept', 'text/event-stream')
  if (lastEventId !== undefined) headers.set('last-event-id', lastEventId)
  return {
    url: buildStreamUrl({ url: options.url, topics: options.topics, ticket, lastEventId }),
    init: { headers, signal, credentials: options.credentials ?? 'same-origin', cache: 'no-store' },
  }
}
