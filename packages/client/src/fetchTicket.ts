import { EventStreamError } from './EventStreamError'
import { isNetworkFailure } from './isNetworkFailure'
import { readErrorBody } from './readErrorBody'

/** Options of {@link fetchTicket}: those of `fetch` (headers, credentials, signal), and the `fetch` to use. */
export interface FetchTicketOptions extends Omit<RequestInit, 'method' | 'body'> {
  /**
   * The `fetch` to use: a wrapped one, or one from another runtime.
   * @default globalThis.fetch
   */
  fetch?: typeof fetch
}

/**
 * Fetches a single-use ticket from a hub's ticket endpoint (`POST /events/ticket`, `{ ticket, expiresAt }`)
 * and says precisely why when it cannot, so the stream reports the right code:
 *
 * - no answer (the network is down, the request was cut short) → `network_error`;
 * - a wrapped `fetch` that throws for another reason (ofetch's or ky's error for a 401) → `auth_failed`;
 * - `401` or `403` (the user is signed out, the origin is refused) → `auth_failed`, with the `status`;
 * - another error answer → the hub's code (`ticket_quota_exceeded`, `ticket_store_full`, …) or
 *   `http_error`, with the `status`;
 * - a `2xx` without a ticket (an SPA fallback page, a proxy) → `http_error`.
 *
 * @example
 * createEventStream({
 *   url: '/events',
 *   topics: ['orders'],
 *   getTicket: ({ signal }) => fetchTicket('/events/ticket', { signal }),
 * })
 */
export async function fetchTicket(url: string | URL, options: FetchTicketOptions = {}): Promise<string> {
  const { fetch: fetchImpl = globalThis.fetch, ...init } = options
  let response: Response
  let body: unknown
  try {
    response = await fetchImpl(url, { ...init, method: 'POST' })
    if (!response.ok) throw await answeredError(response)
    // Not JSON is "no ticket" below; a body that breaks off is the network's failure.
    body = await response.json().catch((cause: unknown) => {
      if (cause instanceof SyntaxError) return undefined
      throw cause
    })
  } catch (cause) {
    if (cause instanceof EventStreamError) throw cause
    // `fetch` itself only rejects without an answer; a wrapped one (ofetch, ky) also throws for a 401 it got.
    const code = isNetworkFailure(cause) ? 'network_error' : 'auth_failed'
    throw new EventStreamError(code, `The ticket request to ${url} failed`, { cause })
  }
  const ticket = (body as { ticket?: unknown } | null | undefined)?.ticket
  if (typeof ticket !== 'string' || ticket === '') {
    throw new EventStreamError('http_error', `${url} answered without a ticket`, {
      status: response.status,
    })
  }
  return ticket
}

/** The error for a ticket endpoint's error answer: refused credentials are `auth_failed`. */
async function answeredError(response: Response): Promise<EventStreamError> {
  const error = await readErrorBody(response)
  if (response.status !== 401 && response.status !== 403) return error
  return new EventStreamError('auth_failed', `${error.message} (${error.code})`, {
    status: response.status,
    cause: error,
  })
}
