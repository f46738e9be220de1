import { coveredResources } from '../bind/coveredResources'
import { createFrameQueue } from '../bind/createFrameQueue'
import {
  type InvalidationNotice,
  type InvalidationSource,
  listenForInvalidations,
} from '../bind/listenForInvalidations'
import type { InvalidationData } from '../ProtocolEvents'
import { infiniteKeys, type SWRCacheLike } from './infiniteKeys'
import { type KeyFilter, matchesResource } from './matchesResource'

/** The part of SWR's `mutate` (global or from `useSWRConfig()`) the binder calls. */
export interface MutateLike {
  (matcher: (key?: unknown) => boolean): Promise<unknown>
  (key: string): Promise<unknown>
}

/** Options of {@link bindSWR}. */
export interface BindSWROptions {
  /**
   * Maps an event to a filter over your (unserialized) SWR keys.
   * @default matchesResource — `['orders', …]`, `'orders'` and `/api/orders…` keys
   */
  toKeyFilter?: (event: InvalidationData) => KeyFilter
  /**
   * SWR's cache (`useSWRConfig().cache`). `mutate(filter)` skips `useSWRInfinite` keys; with the cache, the
   * binder finds them itself and revalidates those whose first page matches. `useSWRSubscription` keys are
   * left alone: their own source feeds them.
   * @default undefined — infinite keys are not revalidated
   */
  cache?: SWRCacheLike
}

const everything: KeyFilter = () => true

/**
 * Keeps an SWR cache fresh from an event stream: `invalidate`, `batch`, `complete` and `signal` revalidate
 * the keys their filter matches, `resync` everything the stream's topics cover, through one `mutate(filter)`
 * per animation frame. Returns the function that unbinds (and drops what is still queued).
 *
 * @example
 * const { mutate, cache } = useSWRConfig()
 * const unbind = bindSWR(stream, mutate, { cache })
 */
export function bindSWR(
  stream: InvalidationSource,
  mutate: MutateLike,
  { toKeyFilter = matchesResource, cache }: BindSWROptions = {},
): () => void {
  const flush = (notices: InvalidationNotice[]) => {
    const filters = new Map<string, KeyFilter>()
    for (const notice of notices) {
      if (notice.kind === 'invalidate') {
        const { resource, id } = notice.event
        filters.set(JSON.stringify([resource, id]), toKeyFilter(notice.event))
        continue
      }
      const covered = coveredResources(stream.topics)
      if (covered === 'all') filters.set('*', everything)
      else for (const resource of covered) filters.set(JSON.stringify([resource]), toKeyFilter({ resource }))
    }
    const matches = filters.has('*')
      ? everything
      : (key: unknown) => [...filters.values()].some((f) => f(key))
    void mutate((key) => matches(key))
    if (!cache) return
    for (const { cacheKey, firstPageKey } of infiniteKeys(cache)) {
      if (matches(firstPageKey)) void mutate(cacheKey)
    }
  }

  const queue = createFrameQueue(flush)
  const stopListening = listenForInvalidations(stream, queue.push)
  return function unbindSWR() {
    stopListening()
    queue.cancel()
  }
}
