/** The cache prefix of `useSWRInfinite` keys, which SWR's `mutate(filter)` skips. */
const infinitePrefix = '$inf$'

/** The part of SWR's cache the binder reads (`useSWRConfig().cache` fits). */
export interface SWRCacheLike {
  /** The serialized keys. */
  keys(): IterableIterator<string>
  /** A key's state: its data, whether it is being revalidated, and (`_k`) the key as the app wrote it. */
  get(key: string): { data?: unknown; isValidating?: boolean; _k?: unknown } | undefined
}

/**
 * For a `useSWRInfinite` cache key, its first page's key as a key filter sees it: the string key itself,
 * or for an array key just `[firstElement]` (SWR keeps only a hash of the rest). `undefined` for any
 * other cache key.
 */
export function infiniteFirstPageKey(cacheKey: string): unknown {
  if (!cacheKey.startsWith(infinitePrefix)) return undefined
  const serialized = cacheKey.slice(infinitePrefix.length)
  // SWR's stableHash writes arrays as `@` + each element (strings JSON-quoted) + `,`.
  if (!serialized.startsWith('@')) return serialized
  const first = /^@("(?:[^"\\]|\\.)*"),/.exec(serialized)?.[1]
  return first === undefined ? undefined : [JSON.parse(first)]
}
