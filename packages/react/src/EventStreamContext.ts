import type { EventStream } from '@ssehub/client'
import { createContext } from 'react'

/** What {@link EventStreamProvider} shares: its stream, `undefined` until it exists (and on the server). */
export interface EventStreamContextValue {
  stream: EventStream | undefined
}

/** The context {@link EventStreamProvider} fills and the hooks read. */
export const EventStreamContext = createContext<EventStreamContextValue | undefined>(undefined)
