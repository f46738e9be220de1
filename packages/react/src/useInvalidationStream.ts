import type { BindQueryClientOptions } from '@ssehub/client/query'
import { bindQueryClient } from '@ssehub/client/query'
import { type QueryClient, useQueryClient } from '@tanstack/react-query'
import { latestBinderOptions } from './latestBinderOptions'
import { useBoundStream } from './useBoundStream'
import type { OwnStreamOptions } from './useResolvedStream'
import type { StreamState } from './useStreamState'

/** Options of {@link useInvalidationStream}: the binder's, plus url and topics to open its own stream. */
export type UseInvalidationStreamOptions = BindQueryClientOptions &
  OwnStreamOptions & {
    /**
     * The client to keep fresh.
     * @default useQueryClient() — the one of the nearest QueryClientProvider
     */
    queryClient?: QueryClient
  }

/**
 * Keeps the TanStack Query cache fresh from the event stream, with no polling: an event about
 * `orders`/`ord_1` refetches the `orders` lists and the `ord_1` record that are on screen, marks the
 * others stale, paces keys invalidated again and again (storm guard), and patches what `applyHint` and
 * `patches` say; `resync` refetches everything the topics cover. Uses the provider's stream, or opens one
 * (shared by url and topics, after mount, once under StrictMode) when given `url` and `topics`.
 * Function options and `patches` are read at each event, so inline values do not rebind; `stormGuard`
 * is read when the stream binds.
 *
 * @example
 * const { status } = useInvalidationStream({ url: '/events', topics: ['orders'] })
 */
export function useInvalidationStream(options: UseInvalidationStreamOptions = {}): StreamState {
  const queryClient = useQueryClient(options.queryClient)
  return useBoundStream(options, 'useInvalidationStream', queryClient, (stream, latest) =>
    bindQueryClient(stream, queryClient, {
      ...latestBinderOptions(latest),
      toQueryKey: (event) => latest.current.toQueryKey?.(event),
    }),
  )
}
