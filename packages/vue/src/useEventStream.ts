import type { EventStream } from '@ssehub/client'
import { injectEventStream } from './useResolvedStream'

/**
 * The plugin's stream, typed with your event map; `undefined` on the server. Throws without the plugin.
 *
 * @example
 * const stream = useEventStream<AppEvents>()
 */
export function useEventStream<Events extends object = Record<never, never>>():
  | EventStream<Events>
  | undefined {
  return injectEventStream('to use useEventStream') as EventStream<Events> | undefined
}
