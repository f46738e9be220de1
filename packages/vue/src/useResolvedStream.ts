import {
  acquireEventStream,
  type EventStream,
  EventStreamError,
  type EventStreamOptions,
} from '@ssehub/client'
import { getCurrentScope, inject, onScopeDispose } from 'vue'
import { eventStreamKey } from './eventStreamKey'

/** Either every stream option (the composable opens its own stream) or none (it uses the plugin's). */
export type OwnStreamOptions = EventStreamOptions | { [Key in keyof EventStreamOptions]?: never }

/**
 * The stream a composable works on: when `options` has a url, the page's shared stream for that url and
 * those topics (one connection however many composables ask for it, as in React), held until the scope
 * is disposed, and opened in the browser only; else the plugin's. Throws `EventStreamError`
 * `no_provider`, saying how to fix it, when there is neither, or when there is no effect scope to close
 * its own stream with.
 */
export function useResolvedStream(
  options: OwnStreamOptions,
  composableName: string,
): EventStream | undefined {
  if (options.url !== undefined) {
    if (typeof window === 'undefined') return undefined
    // Without a scope nothing would ever release the hold: the connection would stay open for good.
    if (!getCurrentScope()) {
      throw new EventStreamError(
        'no_provider',
        `${composableName} opens a stream that closes with its scope: call it in setup() or inside effectScope().run().`,
      )
    }
    const lease = acquireEventStream(options as EventStreamOptions)
    onScopeDispose(lease.release)
    return lease.stream
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
