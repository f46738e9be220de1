import type { InvalidationData } from '@ssehub/protocol'

/** A TanStack Query key, as the binder builds and compares it. */
export type QueryKey = readonly unknown[]

/**
 * The resource-wide mapping (the binder's default before the id-aware one): an event about `orders`
 * concerns `['orders']` and by prefix every `['orders', …]` query, whatever its id.
 *
 * @example
 * bindQueryClient(stream, queryClient, { toQueryKey: byResource })
 */
export function byResource({ resource }: InvalidationData): QueryKey {
  return [resource]
}

/** A stable hash of a key, TanStack Query's way: plain objects hash the same whatever their key order. */
export function hashQueryKey(queryKey: QueryKey): string {
  return JSON.stringify(queryKey, (_, value: unknown) =>
    isPlainObject(value)
      ? Object.fromEntries(
          Object.keys(value)
            .sort()
            .map((key) => [key, value[key]]),
        )
      : value,
  )
}

/**
 * Whether `prefix` is `key` or its prefix, element by element (what `invalidateQueries` matches), where a
 * number and its string are the same element: ids arrive as strings, keys may hold them as numbers.
 */
export function isKeyPrefix(prefix: QueryKey, key: QueryKey): boolean {
  return prefix.length <= key.length && prefix.every((part, index) => samePart(part, key[index]))
}

function samePart(a: unknown, b: unknown): boolean {
  const idLike = (value: unknown) => typeof value === 'string' || typeof value === 'number'
  if (idLike(a) && idLike(b)) return String(a) === String(b)
  return hashQueryKey([a]) === hashQueryKey([b])
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false
  const prototype = Object.getPrototypeOf(value)
  return prototype === Object.prototype || prototype === null
}
