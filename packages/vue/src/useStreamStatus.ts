import { injectEventStream } from './useResolvedStream'
import { type StreamRefs, useStreamRefs } from './useStreamRefs'

/**
 * The plugin's stream status (`connecting`, `open`, `reconnecting`, `closed`) and the error behind it, as
 * refs that change with the status only.
 *
 * @example
 * const { status } = useStreamStatus()
 */
export function useStreamStatus(): Pick<StreamRefs, 'status' | 'error'> {
  const { status, error } = useStreamRefs(injectEventStream('to use useStreamStatus'), false)
  return { status, error }
}
