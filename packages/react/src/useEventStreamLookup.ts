import type { EventStream } from '@ssehub/client'
import { useContext } from 'react'
import { EventStreamContext } from './EventStreamContext'
import { noProviderError } from './noProviderError'

/** The provider's stream for `hookName`; throws `no_provider`, saying how to fix it, without one. */
export function useEventStreamLookup(hookName: string): EventStream | undefined {
  const context = useContext(EventStreamContext)
  if (!context) {
    throw noProviderError(hookName, false)
  }
  return context.stream
}
