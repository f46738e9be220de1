import type { EventStream } from '@ssehub/client'
import { useEventStreamLookup } from './useEventStreamLookup'

/**
 * The stream of the nearest {@link EventStreamProvider}, typed with your event map: `undefined` while it
 * is being opened (and on the server). Throws `EventStreamError` `no_provider` when there is no provider.
 *
 * @example
 * const stream = useEventStream<AppEvents>()
 * useStreamListener(stream, 'order.shipped', ({ orderId }) => toast(`Order ${orderId} shipped`))
 */
export function useEventStream<Events extends object = Record<never, never>>():
  | EventStream<Events>
  | undefined {
  return useEventStreamLookup('useEventStream') as EventStream<Events> | undefined
}
