import type { EventHandler, EventStream, StreamEvents } from '@ssehub/client'
import { onScopeDispose } from 'vue'

/**
 * Listens to `stream` (from `useEventStream<AppEvents>()`): calls `handler(data, meta)` for every event of
 * `type`, typed by the stream's event map; the listener goes on scope dispose. The stream comes first so
 * that its event map types `type` and `handler`.
 *
 * @example
 * useStreamListener(useEventStream<AppEvents>(), 'order.shipped', ({ orderId }) => toast(orderId))
 */
export function useStreamListener<Events extends object, Type extends keyof StreamEvents<Events> & string>(
  stream: EventStream<Events> | undefined,
  type: Type,
  handler: EventHandler<Events, Type>,
): void {
  if (stream) onScopeDispose(stream.on(type, handler))
}
