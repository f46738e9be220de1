import { EventStreamError } from '@ssehub/client'

/**
 * The error of a hook used with no stream to work on, in one sentence that says what to add:
 * `EventStreamError` with code `no_provider`.
 */
export function noProviderError(hookName: string, ownStream: boolean): EventStreamError {
  const orPass = ownStream ? ` or pass url and topics to ${hookName}` : ` to use ${hookName}`
  return new EventStreamError(
    'no_provider',
    `No event stream found: wrap your app in <EventStreamProvider>${orPass}.`,
  )
}
