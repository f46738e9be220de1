import { type BindQueryClientOptions, bindQueryClient, type QueryClientLike } from '@ssehub/client/query'
import { useQueryClient } from '@tanstack/vue-query'
import { onScopeDispose } from 'vue'
import { type OwnStreamOptions, useResolvedStream } from './useResolvedStream'
import { type StreamRefs, useStreamRefs } from './useStreamRefs'

/** Options of {@link useInvalidationStream}: the binder's, plus url and topics to open its own stream. */
export type UseInvalidationStreamOptions = BindQueryClientOptions &
  OwnStreamOptions & {
    /**
     * The client to keep fresh.
     * @default useQueryClient() — the one of VueQueryPlugin
     */
    queryClient?: QueryClientLike
  }

/**
 * Keeps the TanStack (vue-query) cache fresh from the event stream, with no polling: an event about
 * `orders`/`ord_1` refetches the `orders` lists and the `ord_1` record that are on screen, marks the others
 * stale, paces keys invalidated again and again (storm guard), and patches what `applyHint` and `patches`
 * say; `resync` refetches everything the topics cover. Uses the plugin's stream, or opens one (closed
 * with the scope) when given `url` and `topics`. Returns refs; unbinds on scope dispose.
 *
 * @example
 * const { status } = useInvalidationStream({ url: '/events', topics: ['orders'] })
 */
export function useInvalidationStream(options: UseInvalidationStreamOptions = {}): StreamRefs {
  const queryClient = options.queryClient ?? useQueryClient()
  const stream = useResolvedStream(options, 'useInvalidationStream')
  if (stream) {
    const { toQueryKey, applyHint, patches, stormGuard, onDecisions } = options
    const unbind = bindQueryClient(stream, queryClient, {
      toQueryKey,
      applyHint,
      patches,
      stormGuard,
      onDecisions,
    })
    onScopeDispose(unbind)
  }
  return useStreamRefs(stream, true)
}
