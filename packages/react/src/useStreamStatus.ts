import type { EventStreamError, EventStreamStatus, RetryPlan } from '@ssehub/client'
import { useEventStreamLookup } from './useEventStreamLookup'
import { useStreamState } from './useStreamState'

/**
 * The provider's stream status (`connecting`, `open`, `reconnecting`, `closed`), the error behind it and
 * the wait before the next attempt, for a "live" badge or an offline banner. Re-renders on those changes only.
 * Throws `EventStreamError` `no_provider` outside an {@link EventStreamProvider}.
 *
 * @example
 * const { status, error, retry } = useStreamStatus()
 * // retry && `reconnecting in ${Math.ceil((retry.at - Date.now()) / 1000)} s (${error?.code ?? retry.cause})`
 */
export function useStreamStatus(): {
  status: EventStreamStatus
  error: EventStreamError | undefined
  retry: RetryPlan | undefined
} {
  const { status, error, retry } = useStreamState(useEventStreamLookup('useStreamStatus'), false)
  return { status, error, retry }
}
