import type { BindQueryClientOptions } from '@ssehub/client/query'
import { bindQueryClient, byResource, type HintMerger, mergeHint } from '@ssehub/client/query'
import { type QueryClient, useQueryClient } from '@tanstack/react-query'
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
 * Keeps the TanStack Query cache fresh from the event stream, with no polling: invalidations refetch the
 * mapped queries, `resync` everything the topics cover. Uses the provider's stream, or opens one (shared by
 * url and topics, after mount, once under StrictMode) when given `url` and `topics`.
 *
 * @example
 * const { status } = useInvalidationStream({ url: '/events', topics: ['orders'] })
 */
export function useInvalidationStream(options: UseInvalidationStreamOptions = {}): StreamState {
  const queryClient = useQueryClient(options.queryClient)
  return useBoundStream(options, 'useInvalidationStream', queryClient, (stream, latest) =>
    bindQueryClient(stream, queryClient, {
      toQueryKey: (event) => (latest.current.toQueryKey ?? byResource)(event),
      applyHint: latestHint(() => latest.current.applyHint),
    }),
  )
}

/** A merger that applies the latest `applyHint` option; turned off, it declines, and the query refetches. */
function latestHint(read: () => BindQueryClientOptions['applyHint']): HintMerger {
  return (cached, hint, event) => {
    const applyHint = read()
    if (!applyHint) return undefined
    return (applyHint === true ? mergeHint : applyHint)(cached, hint, event)
  }
}
