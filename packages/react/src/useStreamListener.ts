import type { EventHandler, EventStream, StreamEvents } from '@ssehub/client'
import { useEffect, useRef } from 'react'

/**
 * Listens to `stream` (from `useEventStream<AppEvents>()`): calls `handler(data, meta)` for every event of
 * `type`, typed by the stream's event map. The latest handler is called; the listener goes on unmount.
 * The stream comes first so that its event map types `type` and `handler`.
 *
 * @example
 * useStreamListener(stream, 'order.shipped', ({ orderId }) => toast(`Order ${orderId} shipped`))
 */
export function useStreamListener<Events extends object, Type extends keyof StreamEvents<Events> & string>(
  stream: EventStream<Events> | undefined,
  type: Type,
  handler: EventHandler<Events, Type>,
): void {
  const latest = useRef(handler)
  latest.current = handler
  useEffect(() => stream?.on(type, (data, meta) => latest.current(data, meta)), [stream, type])
}
