import type { EventStream } from '@ssehub/client'
import { useContext } from 'react'
import { EventStreamContext } from './EventStreamContext'

/** The provider's stream for `hookName`; throws, in one sentence that says how to fix it, without one. */
export function useEventStreamLookup(hookName: string): EventStream | undefined {
  const context = useContext(EventStreamContext)
  if (!context) {
    throw new Error(`No event stream found: wrap your app in <EventStreamProvider> to use ${hookName}.`)
  }
  return context.stream
}
