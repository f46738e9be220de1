import {
  createEventStream,
  type EventStream,
  EventStreamError,
  type EventStreamOptions,
} from '@ssehub/client'
import { inject, onScopeDispose } from 'vue'
import { eventStreamKey } from './eventStreamKey'

/** Either every stream option (the composable opens its own stream) or none (it uses the plugin's). */
export type OwnStreamOptions = EventStreamOptions | { [Key in keyof EventStreamOptions]?: never }

/**
 * The stream a composable works on: its own, opened in the browser and closed when the scope is disposed,
 * when `options` has a url; else the plugin's. Throws `EventStreamError` `no_provider`, saying how to fix
 * it, when there is neither.
 */
export function useResolvedStream(
  options: OwnStreamOptions,
  composableName: string,
): EventStream | undefined {
  if (options.url !== undefined) {
    if (typeof window === 'undefined') return undefined
    const stream = createEventStream(options as EventStreamOptions)
    onScopeDispose(() => stream.close())
    return stream
  }
  return injectEventStream(`or pass url and topics to ${composableName}`)
}

/**
 * The plugin's stream; throws `EventStreamError` `no_provider` without the plugin, `howElse` completing
 * the sentence that says how to fix it.
 */
export function injectEventStream(howElse: string): EventStream | undefined {
  const provided = inject(eventStreamKey, undefined)
  if (!provided) {
    throw new EventStreamError(
      'no_provider',
      `No event stream found: install the plugin with app.use(EventStreamPlugin, { options }) ${howElse}.`,
    )
  }
  return provided.stream
}
