import { injectEventStream } from './useResolvedStream'
import { type StreamRefs, useStreamRefs } from './useStreamRefs'

/**
 * The plugin's stream status (`connecting`, `open`, `reconnecting`, `closed`), the error behind it and the
 * wait before the next attempt, as refs that change with those only.
 *
 * @example
 * const { status } = useStreamStatus()
 */
export function useStreamStatus(): Pick<StreamRefs, 'status' | 'error' | 'retry'> {
  const { status, error, retry } = useStreamRefs(injectEventStream('to use useStreamStatus'), false)
  return { status, error, retry }
}
