import type { InvalidationData } from '@ssehub/protocol'
import type { BinderReport } from '../bind/BinderDecision'
import { bindCache, type CacheAdapter, type CacheEntry } from '../bind/bindCache'
import { classifyKey, type KeyKind } from '../bind/classifyKey'
import type { StormGuardOptions } from '../bind/createStormGuard'
import type { InvalidationSource } from '../bind/listenForInvalidations'
import type { HintMerger } from '../bind/mergeHint'
import type { ResourcePatches } from '../bind/ResourcePatch'
import { isKeyPrefix, type QueryKey } from './queryKeys'

/** The part of a TanStack `Query` the binder reads. */
export interface QueryLike {
  queryKey: QueryKey
  queryHash: string
  /** Whether an enabled observer (a mounted `useQuery`) uses it. */
  isActive(): boolean
  state: { data: unknown }
}

/**
 * The part of a TanStack `QueryClient` the binder uses. Structural, so the clients of `@tanstack/query-core`,
 * `@tanstack/react-query` and `@tanstack/vue-query` all fit, whatever copy of query-core they bring.
 */
export interface QueryClientLike {
  invalidateQueries(filters: {
    predicate?: (query: QueryLike) => boolean
    refetchType?: 'active' | 'inactive' | 'all' | 'none'
  }): Promise<unknown>
  setQueryData(queryKey: QueryKey, data: unknown): unknown
  getQueryCache(): {
    getAll(): QueryLike[]
    get(queryHash: string): QueryLike | undefined
  }
}

/** Options of {@link bindQueryClient}. */
export interface BindQueryClientOptions {
  /**
   * Maps an event to the query key whose queries it concerns (by prefix, as `invalidateQueries` matches);
   * `undefined` leaves that event to the default. `byResource` makes every `['orders', …]` query follow
   * every `orders` event (the binder's behaviour before 0.1).
   * @default the id-aware matching of `classifyKey`: an event about `orders`/`ord_1` concerns the `orders`
   * lists (`['orders']`, `['orders', { page: 2 }]`, `['orders', 'list', …]`) and that record
   * (`['orders', 'ord_1']`, `['orders', 5]` for id `'5'`), not `['orders', 'ord_2']`
   */
  toQueryKey?: (event: InvalidationData) => QueryKey | undefined
  /**
   * Merge an event's `hint` into the cached record (`['orders', id]`) with `setQueryData` instead of
   * refetching it, for every resource without its own `patches` entry. `true` merges objects shallowly;
   * a function computes the next data (`undefined` → refetch).
   * @default false — hints are ignored and the record is refetched
   */
  applyHint?: boolean | HintMerger
  /**
   * Per resource, how events patch the cached records and lists instead of refetching them
   * (`resourcePatch`, `listPatch`). Whatever a patch cannot place is refetched.
   * @default {} — no patches
   */
  patches?: ResourcePatches
  /**
   * Paces each query's refetches: a query invalidated again and again refetches at most once per
   * interval, stretching from `minIntervalMs` to `maxIntervalMs` with its event rate, always with a
   * trailing refetch. `false` refetches on every frame of events.
   * @default { minIntervalMs: 1000, maxIntervalMs: 20_000, burst: 3 }
   */
  stormGuard?: StormGuardOptions | false
  /** Called after each flush with every decision it made, per query key (for devtools and logs). */
  onDecisions?: (report: BinderReport) => void
}

type QueryEntry = CacheEntry & { query: QueryLike }

/**
 * Keeps a TanStack Query cache fresh from an event stream. An event about `orders`/`ord_1` concerns the
 * `orders` lists and the `ord_1` record (ids match as strings or numbers); of those, the queries on
 * screen (active) refetch at once, the others are marked stale and refetch when next used, a hint or a
 * patch updates the data in place where configured, and the storm guard paces queries invalidated again
 * and again. `resync` refetches (or marks stale) everything the stream's topics cover. Events are
 * coalesced per animation frame. Returns the function that unbinds (dropping what is queued or held).
 *
 * @example
 * const unbind = bindQueryClient(stream, queryClient, { applyHint: true })
 */
export function bindQueryClient(
  stream: InvalidationSource,
  queryClient: QueryClientLike,
  { toQueryKey, applyHint, patches, stormGuard, onDecisions }: BindQueryClientOptions = {},
): () => void {
  const cache = () => queryClient.getQueryCache()
  const entry = (query: QueryLike): QueryEntry => ({ key: query.queryKey, hash: query.queryHash, query })
  const byHash = (entries: QueryEntry[]) => {
    const hashes = new Set(entries.map((each) => each.hash))
    return (query: QueryLike) => hashes.has(query.queryHash)
  }
  const adapter: CacheAdapter<QueryEntry> = {
    entries: () => cache().getAll().map(entry),
    find(hash) {
      const query = cache().get(hash)
      return query && entry(query)
    },
    isActive: ({ query }) => query.isActive(),
    getData: ({ query }) => query.state.data,
    setData: ({ query }, data) => void queryClient.setQueryData(query.queryKey, data),
    refetch(entries) {
      void queryClient.invalidateQueries({ predicate: byHash(entries), refetchType: 'active' })
      return entries.map(() => 'refetched')
    },
    markStale(entries) {
      void queryClient.invalidateQueries({ predicate: byHash(entries), refetchType: 'none' })
    },
  }
  return bindCache(stream, adapter, {
    match: (key, event) => matchQueryKey(key, event, toQueryKey),
    applyHint,
    patches,
    stormGuard,
    onDecisions,
  })
}

/** The default id-aware match, or every query under `toQueryKey(event)`, placed by `classifyKey` where it can. */
function matchQueryKey(
  key: unknown,
  event: InvalidationData,
  toQueryKey: BindQueryClientOptions['toQueryKey'],
): KeyKind | undefined {
  const prefix = toQueryKey?.(event)
  if (prefix === undefined) return classifyKey(key, event)
  if (!Array.isArray(key) || !isKeyPrefix(prefix, key)) return undefined
  return classifyKey(key, event) ?? 'recordPart'
}
