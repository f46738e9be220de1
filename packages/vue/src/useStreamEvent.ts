import type { EventHandler, EventStream, StreamEvents } from '@ssehub/client'
import { onScopeDispose } from 'vue'

/**
 * Calls `handler(data, meta)` for every event of `type` on `stream`, typed by the stream's event map;
 * the listener goes on scope dispose.
 *
 * @example
 * useStreamEvent(useEventStream<AppEvents>(), 'order.shipped', ({ orderId }) => toast(orderId))
 */
export function useStreamEvent<Events extends object, Type extends keyof StreamEvents<Events> & string>(
  stream: EventStream<Events> | undefined,
  type: Type,
  handler: EventHandler<Events, Type>,
): void {
  if (stream) onScopeDispose(stream.on(type, handler))
}
