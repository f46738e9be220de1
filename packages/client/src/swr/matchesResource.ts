import type { InvalidationData } from '@ssehub/protocol'

/** Decides, for an SWR key as you wrote it (not serialized), whether it is stale. */
export type KeyFilter = (key: unknown) => boolean

/**
 * The default filter of {@link bindSWR}: array keys whose first element is the resource (`['orders', id]`),
 * the string key equal to it (`'orders'`), and URL keys with the resource as a path segment (`/api/orders`,
 * `/api/orders/ord_1?tab=items`, `https://api.example.com/orders`).
 */
export function matchesResource({ resource }: InvalidationData): KeyFilter {
  return function matchesResourceKey(key) {
    if (Array.isArray(key)) return key[0] === resource
    if (typeof key !== 'string') return false
    if (key === resource) return true
    if (!key.includes('/')) return false
    const path = key.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/]*/i, '').split(/[?#]/, 1)[0] ?? ''
    return path.split('/').includes(resource)
  }
}
