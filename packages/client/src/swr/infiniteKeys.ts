/** The cache prefix of `useSWRInfinite` keys, which SWR's `mutate(filter)` skips. */
const infinitePrefix = '$inf$'

/** The part of SWR's cache the binder reads: its serialized keys. */
export interface SWRCacheLike {
  keys(): IterableIterator<string>
}

/**
 * The `useSWRInfinite` entries of `cache`, each with its first page's key as the filter sees it: the string
 * key itself, or for an array key just `[firstElement]` (SWR keeps only a hash of the rest).
 */
export function* infiniteKeys(cache: SWRCacheLike): Generator<{ cacheKey: string; firstPageKey: unknown }> {
  for (const cacheKey of cache.keys()) {
    if (!cacheKey.startsWith(infinitePrefix)) continue
    const serialized = cacheKey.slice(infinitePrefix.length)
    // SWR's stableHash writes arrays as `@` + each element (strings JSON-quoted) + `,`.
    if (!serialized.startsWith('@')) {
      yield { cacheKey, firstPageKey: serialized }
      continue
    }
    const first = /^@("(?:[^"\\]|\\.)*"),/.exec(serialized)?.[1]
    if (first !== undefined) yield { cacheKey, firstPageKey: [JSON.parse(first)] }
  }
}
