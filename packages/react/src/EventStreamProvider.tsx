import type { EventStream, EventStreamOptions } from '@ssehub/client'
import { type ReactNode, useMemo } from 'react'
import { EventStreamContext } from './EventStreamContext'
import { useAcquiredStream } from './useAcquiredStream'

/** Props of {@link EventStreamProvider}: a stream you own, or the options to open one. */
export type EventStreamProviderProps<Events extends object = Record<never, never>> = {
  children?: ReactNode
} & (
  | {
      /** A stream you created and close yourself. */
      stream: EventStream<Events>
      options?: never
    }
  | {
      /**
       * Options to open the stream with: it connects after mount (never on the server), once even under
       * StrictMode, and closes on unmount. Streams for the same url and topics are shared across the page.
       */
      options: EventStreamOptions
      stream?: never
    }
)

/**
 * Makes one event stream available to `useInvalidationStream`, `useProgress`, `useStreamStatus` and
 * `useEventStream` below it.
 *
 * @example
 * <EventStreamProvider options={{ url: '/events', topics: ['orders', 'imports.*'] }}>
 *   <App />
 * </EventStreamProvider>
 */
export function EventStreamProvider<Events extends object>({
  stream,
  options,
  children,
}: EventStreamProviderProps<Events>) {
  const acquired = useAcquiredStream(stream ? undefined : options)
  const current = (stream as EventStream | undefined) ?? acquired
  const value = useMemo(() => ({ stream: current }), [current])
  return <EventStreamContext.Provider value={value}>{children}</EventStreamContext.Provider>
}
