import { type BindSWROptions, bindSWR, matchesResource } from '@ssehub/client/swr'
import { useSWRConfig } from 'swr'
import { useBoundStream } from '../useBoundStream'
import type { OwnStreamOptions } from '../useResolvedStream'
import type { StreamState } from '../useStreamState'

/** Options of the SWR {@link useInvalidationStream}: the binder's filter, plus url and topics to open its own stream. */
export type UseInvalidationStreamOptions = Pick<BindSWROptions, 'toKeyFilter'> & OwnStreamOptions

/**
 * Keeps the SWR cache of the nearest `SWRConfig` fresh from the event stream, with no polling: invalidations
 * revalidate the matching keys (`useSWRInfinite` ones too), `resync` everything the topics cover. Uses the
 * provider's stream, or opens one (shared by url and topics, after mount, once under StrictMode) when given
 * `url` and `topics`.
 *
 * @example
 * const { status } = useInvalidationStream({ url: '/events', topics: ['orders'] })
 */
export function useInvalidationStream(options: UseInvalidationStreamOptions = {}): StreamState {
  const { mutate, cache } = useSWRConfig()
  return useBoundStream(options, 'useInvalidationStream', mutate, (stream, latest) =>
    bindSWR(stream, mutate, {
      toKeyFilter: (event) => (latest.current.toKeyFilter ?? matchesResource)(event),
      cache,
    }),
  )
}
