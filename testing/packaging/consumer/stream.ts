// The framework-free client, typed by event name.
import { createEventStream, type EventStream, EventStreamError } from '@ssehub/client'

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
