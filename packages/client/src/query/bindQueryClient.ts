import { coveredResources } from '../bind/coveredResources'
import { createFrameQueue } from '../bind/createFrameQueue'
import {
  type InvalidationNotice,
  type InvalidationSource,
  listenForInvalidations,
} from '../bind/listenForInvalidations'
import type { InvalidationData } from '../ProtocolEvents'
import { type HintMerger, mergeHint } from './mergeHint'
import { byResource, hashQueryKey, isKeyPrefix, type QueryKey } from './queryKeys'

/**
 * The part of a TanStack `QueryClient` the binder uses. Structural, so the clients of `@tanstack/query-core`,
 * `@tanstack/react-query` and `@tanstack/vue-query` all fit, whatever copy of query-core they bring.
 */
export interface QueryClientLike {
  invalidateQueries(filters: {
    queryKey?: QueryKey
    predicate?: (query: { queryKey: QueryKey }) => boolean
  }): Promise<unknown>
  getQueryData(queryKey: QueryKey): unknown
  setQueryData(queryKey: QueryKey, data: unknown): unknown
}

/** Options of {@link bindQueryClient}. */
export interface BindQueryClientOptions {
  /**
   * Maps an event to the query key to invalidate (by prefix, as `invalidateQueries` does).
   * `byResourceAndId` is the id-aware alternative.
   * @default byResource — `['orders']` for any event about `orders`
   */
  toQueryKey?: (event: InvalidationData) => QueryKey
  /**
   * Merge an event's `hint` into the cached `[resource, id]` data with `setQueryData`; that query is then
   * not refetched, the rest of the mapped key (the lists) still is. `true` merges objects shallowly; a
   * function computes the next data itself.
   * @default false — hints are ignored and everything mapped is refetched
   */
  applyHint?: boolean | HintMerger
}

/**
 * Keeps a TanStack Query cache fresh from an event stream: `invalidate`, `batch`, `complete` and `signal`
 * invalidate the mapped keys, `resync` everything the stream's topics cover. Invalidations are coalesced to
 * one `invalidateQueries` per key per animation frame, since each call restarts in-flight fetches.
 * Returns the function that unbinds (and drops what is still queued).
 *
 * @example
 * const unbind = bindQueryClient(stream, queryClient, { applyHint: true })
 */
export function bindQueryClient(
  stream: InvalidationSource,
  queryClient: QueryClientLike,
  { toQueryKey = byResource, applyHint = false }: BindQueryClientOptions = {},
): () => void {
  const merge = applyHint === true ? mergeHint : applyHint || undefined

  /** Applies a hint to the cached detail data; false when there was nothing it could apply to. */
  const applied = (detailKey: QueryKey, event: InvalidationData): boolean => {
    if (!merge || event.hint === undefined) return false
    const cached = queryClient.getQueryData(detailKey)
    const next = cached === undefined ? undefined : merge(cached, event.hint, event)
    if (next === undefined) return false
    queryClient.setQueryData(detailKey, next)
    return true
  }

  const flush = (notices: InvalidationNotice[]) => {
    const targets = new Map<string, QueryKey>()
    // Hashes of `[resource, id]` queries a hint just updated, with their resource: they skip this refetch.
    const fresh = new Map<string, string>()
    let everything = false
    const target = (queryKey: QueryKey) => targets.set(hashQueryKey(queryKey), queryKey)

    for (const notice of notices) {
      if (notice.kind === 'resync') {
        // Events were missed, hints included: nothing counts as fresh any more.
        fresh.clear()
        const covered = coveredResources(stream.topics)
        if (covered === 'all') everything = true
        else for (const resource of covered) target(toQueryKey({ resource }))
        continue
      }
      const { event } = notice
      target(toQueryKey(event))
      if (event.id === undefined) {
        for (const [hash, resource] of fresh) if (resource === event.resource) fresh.delete(hash)
        continue
      }
      const detailKey = [event.resource, event.id]
      const detailHash = hashQueryKey(detailKey)
      // A later plain event about the same record wins over an earlier hint: it must be refetched.
      if (applied(detailKey, event)) fresh.set(detailHash, event.resource)
      else fresh.delete(detailHash)
    }

    const predicate =
      fresh.size > 0 ? (query: { queryKey: QueryKey }) => !fresh.has(hashQueryKey(query.queryKey)) : undefined
    if (everything) {
      void queryClient.invalidateQueries({ predicate })
      return
    }
    const keys = [...targets.values()]
    // `['orders']` already covers `['orders', 'ord_1']`: a second call would only restart that fetch.
    const outermost = keys.filter(
      (key) => !keys.some((other) => other !== key && other.length < key.length && isKeyPrefix(other, key)),
    )
    for (const queryKey of outermost) void queryClient.invalidateQueries({ queryKey, predicate })
  }

  const queue = createFrameQueue(flush)
  const stopListening = listenForInvalidations(stream, queue.push)
  return function unbindQueryClient() {
    stopListening()
    queue.cancel()
  }
}
