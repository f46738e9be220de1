import { type BindSWROptions, bindSWR } from '@ssehub/client/swr'
import { useSWRConfig } from 'swr'
import { latestBinderOptions } from '../latestBinderOptions'
import { useBoundStream } from '../useBoundStream'
import type { OwnStreamOptions } from '../useResolvedStream'
import type { StreamState } from '../useStreamState'

/** Options of the SWR {@link useInvalidationStream}: the binder's (the cache is SWRConfig's), plus url and topics to open its own stream. */
export type UseInvalidationStreamOptions = Omit<BindSWROptions, 'cache'> & OwnStreamOptions

/**
 * Keeps the SWR cache of the nearest `SWRConfig` fresh from the event stream, with no polling: an event
 * about `orders`/`ord_1` revalidates the `orders` lists and the `ord_1` record whose hooks are mounted
 * (`useSWRInfinite` ones too; SWR revalidates the others when they mount), paced by the storm guard and
 * patched where `applyHint` and `patches` say; `resync` revalidates everything the topics cover. Uses the
 * provider's stream, or opens one (shared by url and topics, after mount, once under StrictMode) when
 * given `url` and `topics`.
 *
 * @example
 * const { status } = useInvalidationStream({ url: '/events', topics: ['orders'] })
 */
export function useInvalidationStream(options: UseInvalidationStreamOptions = {}): StreamState {
  const { mutate, cache } = useSWRConfig()
  return useBoundStream(options, 'useInvalidationStream', mutate, (stream, latest) =>
    bindSWR(stream, mutate, {
      ...latestBinderOptions(latest),
      toKeyFilter: (event) => latest.current.toKeyFilter?.(event),
      cache,
    }),
  )
}
