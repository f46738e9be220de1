import type { EventStreamError, EventStreamStatus } from '@ssehub/client'
import { useEventStreamLookup } from './useEventStreamLookup'
import { useStreamState } from './useStreamState'

/**
 * The provider's stream status (`connecting`, `open`, `reconnecting`, `closed`) and the error behind it,
 * for a "live" badge or an offline banner. Re-renders on status changes only.
 *
 * @example
 * const { status } = useStreamStatus()
 */
export function useStreamStatus(): { status: EventStreamStatus; error: EventStreamError | undefined } {
  const { status, error } = useStreamState(useEventStreamLookup('useStreamStatus'), false)
  return { status, error }
}
