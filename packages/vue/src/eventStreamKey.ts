import type { EventStream } from '@ssehub/client'
import type { InjectionKey } from 'vue'

/** What the {@link EventStreamPlugin} provides: its stream, `undefined` on the server, where none is opened. */
export interface ProvidedEventStream {
  stream: EventStream | undefined
}

/** The injection key of the plugin's stream. */
export const eventStreamKey: InjectionKey<ProvidedEventStream> = Symbol('ssehub event stream')
