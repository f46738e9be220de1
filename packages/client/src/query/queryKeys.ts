import type { InvalidationData } from '../ProtocolEvents'

/** A TanStack Query key, as the binder builds and compares it. */
export type QueryKey = readonly unknown[]

/**
 * The default mapping of {@link bindQueryClient}: an event about `orders` invalidates `['orders']`, which
 * by prefix also covers `['orders', 'ord_1']` and `['orders', { page: 2 }]`.
 */
export function byResource({ resource }: InvalidationData): QueryKey {
  return [resource]
}

/**
 * The id-aware mapping: an event about order `ord_1` invalidates `['orders', 'ord_1']` only, and one
 * without an id still `['orders']`. Lists keyed `['orders']` then refresh only on id-less events.
 *
 * @example
 * bindQueryClient(stream, queryClient, { toQueryKey: byResourceAndId })
 */
export function byResourceAndId({ resource, id }: InvalidationData): QueryKey {
  return id === undefined ? [resource] : [resource, id]
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

/** Whether `prefix` is `key` or its prefix, element by element (what `invalidateQueries` matches). */
export function isKeyPrefix(prefix: QueryKey, key: QueryKey): boolean {
  return (
    prefix.length <= key.length &&
    prefix.every((part, index) => hashQueryKey([part]) === hashQueryKey([key[index]]))
  )
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false
  const prototype = Object.getPrototypeOf(value)
  return prototype === Object.prototype || prototype === null
}
