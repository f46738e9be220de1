import type { EventHandler, EventStream, StreamEvents } from '@ssehub/client'
import { useEffect, useRef } from 'react'

/**
 * Calls `handler(data, meta)` for every event of `type` on `stream` (from `useEventStream<AppEvents>()`),
 * typed by the stream's event map. The latest handler is called; the listener goes on unmount.
 *
 * @example
 * useStreamEvent(stream, 'order.shipped', ({ orderId }) => toast(`Order ${orderId} shipped`))
 */
export function useStreamEvent<Events extends object, Type extends keyof StreamEvents<Events> & string>(
  stream: EventStream<Events> | undefined,
  type: Type,
  handler: EventHandler<Events, Type>,
): void {
  const latest = useRef(handler)
  latest.current = handler
  useEffect(() => stream?.on(type, (data, meta) => latest.current(data, meta)), [stream, type])
}
