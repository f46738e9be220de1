import type { InvalidationData } from '@ssehub/protocol'

/**
 * Computes a list query's next data from an event about one of its items; `undefined` means "can't
 * tell" (order or membership unknown, data of another shape), and the list is refetched instead.
 */
export type ListPatcher = (cached: unknown, event: InvalidationData, key: unknown) => unknown

/**
 * How events about one resource patch its cached data instead of refetching it (opt-in, per resource).
 * `Item` is a record's data, `Hint` what the server sends as `hint` for it.
 */
export interface ResourcePatch<Item = unknown, Hint = Partial<Item>> {
  /**
   * The record query (`['orders', id]`, `/api/orders/:id`) from the event's hint: `true` merges an object
   * hint shallowly, a function computes the next data (`undefined` → refetch). An event without hint,
   * or a cached record not loaded yet, is refetched.
   */
  record?: true | ((cached: Item, hint: Hint, event: InvalidationData) => Item | undefined)
  /** The resource's list queries; see `listPatch` for array-shaped lists. */
  list?: ListPatcher
}

/** Patches by resource name: `{ orders: resourcePatch<Order>({ record: true, list: listPatch() }) }`. */
// biome-ignore lint/suspicious/noExplicitAny: each resource has its own item type; resourcePatch() types it
export type ResourcePatches = Readonly<Record<string, ResourcePatch<any, any>>>

/**
 * Types one resource's patch: `resourcePatch<Order>({ record: (order, hint) => ({ ...order, ...hint }) })`
 * checks the merger against `Order` and `Partial<Order>`. It returns its argument.
 */
export function resourcePatch<Item, Hint = Partial<Item>>(
  patch: ResourcePatch<Item, Hint>,
): ResourcePatch<Item, Hint> {
  return patch
}
