import type { EventStream, EventStreamOptions } from '@ssehub/client'
import { useContext } from 'react'
import { EventStreamContext } from './EventStreamContext'
import { noProviderError } from './noProviderError'
import { useAcquiredStream } from './useAcquiredStream'

/** Either every stream option (the hook opens its own stream) or none (it uses the provider's). */
export type OwnStreamOptions = EventStreamOptions | { [Key in keyof EventStreamOptions]?: never }

/**
 * The stream a hook works on: its own (shared by url and topics) when `options` has a url, else the
 * provider's. Throws `EventStreamError` `no_provider`, saying how to fix it, when there is neither.
 */
export function useResolvedStream(options: OwnStreamOptions, hookName: string): EventStream | undefined {
  const context = useContext(EventStreamContext)
  const own = options.url === undefined ? undefined : (options as EventStreamOptions)
  const ownStream = useAcquiredStream(own)
  if (own) return ownStream
  if (!context) {
    throw noProviderError(hookName, true)
  }
  return context.stream
}
