// The framework-free client, typed by event name.
import {
  createEventStream,
  type ErrorCode,
  type EventStream,
  EventStreamError,
  fetchTicket,
} from '@ssehub/client'

// The protocol's codes are in the client's types, re-exported: no need to install @ssehub/protocol.
export const refusals: ErrorCode[] = ['topic_not_allowed', 'tenant_limit', 'draining', 'no_provider']

export interface AppEvents {
  'order.shipped': { orderId: string }
}

export function openOrders(url: string, fetchImpl?: typeof fetch): EventStream<AppEvents> {
  const stream = createEventStream<AppEvents>({
    url,
    topics: ['orders'],
    ...(fetchImpl ? { fetch: fetchImpl } : {}),
  })
  stream.on('order.shipped', ({ orderId }) => void orderId.toUpperCase())
  stream.subscribe((status) => {
    if (status === 'closed' && stream.error && !(stream.error instanceof EventStreamError)) throw stream.error
  })
  return stream
}

/** A stream that fetches a ticket before every attempt, with the client's typed ticket helper. */
export function openWithTicket(url: string, ticketUrl: string): EventStream {
  return createEventStream({
    url,
    topics: ['orders'],
    getTicket: ({ signal }) => fetchTicket(ticketUrl, { signal }),
  })
}
