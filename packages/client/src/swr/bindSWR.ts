import type { InvalidationData } from '@ssehub/protocol'
import type { BinderReport } from '../bind/BinderDecision'
import { bindCache, type CacheAdapter, type CacheEntry } from '../bind/bindCache'
import { classifyKey, type KeyKind } from '../bind/classifyKey'
import type { StormGuardOptions } from '../bind/createStormGuard'
import type { InvalidationSource } from '../bind/listenForInvalidations'
import type { HintMerger } from '../bind/mergeHint'
import type { ResourcePatches } from '../bind/ResourcePatch'
import { infiniteFirstPageKey, type SWRCacheLike } from './infiniteKeys'
import type { KeyFilter } from './matchesResource'

/** The part of SWR's `mutate` (global or from `useSWRConfig()`) the binder calls. */
export interface MutateLike {
  (matcher: (key?: unknown) => boolean): Promise<unknown>
  // biome-ignore lint/suspicious/noExplicitAny: SWR's own key type (`Arguments`)
  (key: any, data?: unknown, options?: { revalidate?: boolean }): Promise<unknown>
}

/** Options of {@link bindSWR}. */
export interface BindSWROptions {
  /**
   * Maps an event to a filter over your (unserialized) SWR keys; `undefined` leaves that event to the
   * default. `matchesResource` makes every key of the resource follow every event about it.
   * @default the id-aware matching of `classifyKey`: an event about `orders`/`ord_1` concerns the lists
   * (`'orders'`, `['orders']`, `/api/orders?page=2`) and that record (`['orders', 'ord_1']`,
   * `/api/orders/ord_1`, `['orders', 5]` for id `'5'`), not `/api/orders/ord_2`
   */
  toKeyFilter?: (event: InvalidationData) => KeyFilter | undefined
  /**
   * SWR's cache (`useSWRConfig().cache`). With it the binder decides per key: it finds the
   * `useSWRInfinite` keys `mutate(filter)` skips, tells keys with a mounted hook (refetched) from the
   * others (`skipped-inactive`: SWR revalidates them when a hook mounts them again, unless
   * `revalidateIfStale` is off), and can patch cached data. Without it every matching key is revalidated
   * through `mutate`, and reported `refetched`.
   * @default undefined
   */
  cache?: SWRCacheLike
  /** Merge an event's `hint` into the cached record instead of revalidating it; see `bindQueryClient`. Needs `cache`. @default false */
  applyHint?: boolean | HintMerger
  /** Per resource, how events patch cached records and lists; see `bindQueryClient`. Needs `cache`. @default {} */
  patches?: ResourcePatches
  /** Paces each key's revalidations; see `bindQueryClient`. @default { minIntervalMs: 1000, maxIntervalMs: 20_000, burst: 3 } */
  stormGuard?: StormGuardOptions | false
  /** Called after each flush with every decision it made, per key. */
  onDecisions?: (report: BinderReport) => void
}

type SWREntry = CacheEntry & { cacheKey: string }

/**
 * Keeps an SWR cache fresh from an event stream, with the same decisions as `bindQueryClient`: an event
 * about `orders`/`ord_1` revalidates the `orders` lists and the `ord_1` record (ids as strings or
 * numbers), paced by the storm guard, patched where configured; `resync` revalidates everything the
 * stream's topics cover. SWR itself only revalidates keys with a mounted hook, and revalidates the others
 * when they mount again (`revalidateIfStale`, on by default): that is its "marked stale".
 * Returns the function that unbinds (dropping what is queued or held).
 *
 * @example
 * const { mutate, cache } = useSWRConfig()
 * const unbind = bindSWR(stream, mutate, { cache })
 */
export function bindSWR(
  stream: InvalidationSource,
  mutate: MutateLike,
  { toKeyFilter, cache, applyHint, patches, stormGuard, onDecisions }: BindSWROptions = {},
): () => void {
  const adapter: CacheAdapter<SWREntry> = cache ? cacheAdapter(cache, mutate) : filterAdapter(mutate)
  return bindCache(stream, adapter, {
    match: (key, event) => matchSWRKey(key, event, toKeyFilter),
    applyHint,
    patches,
    stormGuard,
    onDecisions,
  })
}

/** Per key, from SWR's cache: a key's hook is mounted if `mutate(key)` set it validating at once. */
function cacheAdapter(cache: SWRCacheLike, mutate: MutateLike): CacheAdapter<SWREntry> {
  const entryOf = (cacheKey: string): SWREntry | undefined => {
    if (cacheKey.startsWith('$sub$')) return undefined // useSWRSubscription: its own source feeds it
    if (cacheKey.startsWith('$inf$')) {
      // Infinite pages: matched by their first page's key, revalidated whole, never patched.
      const key = infiniteFirstPageKey(cacheKey)
      return key === undefined ? undefined : { key, hash: cacheKey, cacheKey, patchable: false }
    }
    const state = cache.get(cacheKey)
    // `_k` is the key as written, kept by SWR once a hook used it; a string key is its own cache key.
    const key = state?._k ?? (cacheKey.startsWith('@') ? undefined : cacheKey)
    return key === undefined ? undefined : { key, hash: cacheKey, cacheKey }
  }
  return {
    *entries() {
      for (const cacheKey of cache.keys()) {
        const entry = entryOf(cacheKey)
        if (entry) yield entry
      }
    },
    find: entryOf,
    isActive: () => undefined,
    getData: ({ cacheKey }) => cache.get(cacheKey)?.data,
    setData: ({ key }, data) => void mutate(key, data, { revalidate: false }),
    refetch: (entries) =>
      entries.map(({ cacheKey }) => {
        void mutate(cacheKey)
        // SWR's revalidation marks a mounted key validating synchronously; with no hook, nothing happens.
        return cache.get(cacheKey)?.isValidating === true ? 'refetched' : 'skipped-inactive'
      }),
    markStale: () => {},
  }
}

/** Without the cache: the keys `mutate(filter)` walks (infinite ones excepted), revalidated one by one. */
function filterAdapter(mutate: MutateLike): CacheAdapter<SWREntry> {
  const entries = () => {
    const keys: unknown[] = []
    void mutate((key) => {
      keys.push(key)
      return false
    })
    return keys.map((key) => ({
      key,
      hash: JSON.stringify(key) ?? String(key),
      cacheKey: '',
      patchable: false,
    }))
  }
  return {
    entries,
    find: (hash) => entries().find((entry) => entry.hash === hash),
    isActive: () => undefined,
    getData: () => undefined,
    setData: () => {},
    refetch: (found) =>
      found.map(({ key }) => {
        void mutate(key)
        return 'refetched'
      }),
    markStale: () => {},
  }
}

function matchSWRKey(
  key: unknown,
  event: InvalidationData,
  toKeyFilter: BindSWROptions['toKeyFilter'],
): KeyKind | undefined {
  const filter = toKeyFilter?.(event)
  if (filter === undefined) return classifyKey(key, event)
  return filter(key) ? (classifyKey(key, event) ?? 'recordPart') : undefined
}
