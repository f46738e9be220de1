import type { InvalidationData } from '@ssehub/protocol'
import { isSameId } from './classifyKey'
import type { ListPatcher } from './ResourcePatch'

/** Options of {@link listPatch}. */
export interface ListPatchOptions<Item> {
  /** An item's id. @default (item) => item.id */
  idOf?: (item: Item) => unknown
  /** The item after the event, from the cached one and the hint. @default `{ ...item, ...hint }` for an object hint */
  merge?: (item: Item, hint: unknown, event: InvalidationData) => Item | undefined
  /** Actions that take the item out of every list. @default ['deleted', 'removed'] */
  removeOn?: readonly string[]
  /**
   * The fields the server sorts the list by. A hint that changes one of them moves the item: without
   * `compare` the list is refetched.
   * @default [] — the order never depends on an item's fields
   */
  orderedBy?: readonly string[]
  /** Re-sorts the list after a change, so `orderedBy` fields can be patched too. */
  compare?: (a: Item, b: Item) => number
  /**
   * Whether an item belongs in the list under `key` (a filtered list: `['orders', { status: 'open' }]`).
   * With it, a changed item leaves or joins the list; without it, an item stays where it is and a
   * missing one follows `onMissing`.
   */
  belongs?: (item: Item, key: unknown) => boolean
  /**
   * An event about an item the list does not hold: `refetch` (it may belong on this page or not),
   * or insert the hint as the item at the `start` or `end` (for lists that hold every item, when the
   * hint is the whole item).
   * @default 'refetch'
   */
  onMissing?: 'refetch' | 'start' | 'end'
}

/**
 * A {@link ListPatcher} for array-shaped lists: a removal takes the item out, a hint updates the item in
 * place (`{ ...item, ...hint }`), and whatever it cannot place for sure (an item it does not hold, a
 * sort field changed without `compare`, data that is not an array, a hint that is not an object) is left
 * to a refetch.
 *
 * @example
 * bindQueryClient(stream, queryClient, {
 *   patches: { orders: resourcePatch<Order>({ record: true, list: listPatch({ orderedBy: ['createdAt'] }) }) },
 * })
 */
export function listPatch<Item = Record<string, unknown>>({
  idOf = (item) => (item as { id?: unknown }).id,
  merge = (item, hint) => (isObject(item) && isObject(hint) ? ({ ...item, ...hint } as Item) : undefined),
  removeOn = ['deleted', 'removed'],
  orderedBy = [],
  compare,
  belongs,
  onMissing = 'refetch',
}: ListPatchOptions<Item> = {}): ListPatcher {
  return function patchList(cached, event, key) {
    const { id, hint, action } = event
    if (!Array.isArray(cached) || id === undefined) return undefined
    const items = cached as Item[]
    const index = items.findIndex((item) => isSameId(idOf(item), id))
    if (action !== undefined && removeOn.includes(action)) {
      return index === -1 ? items : items.filter((_, at) => at !== index)
    }
    if (!isObject(hint)) return undefined
    if (!compare && orderedBy.some((field) => field in hint)) return undefined
    let next: Item[]
    if (index === -1) {
      // Only a hint that is the whole item (it carries the id) can be inserted.
      if (onMissing === 'refetch' || !isSameId(idOf(hint as Item), id)) return undefined
      const item = hint as Item
      if (belongs && !belongs(item, key)) return items
      next = onMissing === 'start' ? [item, ...items] : [...items, item]
    } else {
      const item = merge(items[index] as Item, hint, event)
      if (item === undefined) return undefined
      next =
        belongs && !belongs(item, key) ? items.filter((_, at) => at !== index) : replaceAt(items, index, item)
    }
    return compare ? next.sort(compare) : next
  }
}

/** Returns `list` with the item of the same id as `item` replaced, or `item` added at the end. */
export function upsertById<Item>(
  list: readonly Item[],
  item: Item,
  idOf: (item: Item) => unknown = (entry) => (entry as { id?: unknown }).id,
): Item[] {
  const id = idOf(item)
  const index = list.findIndex((entry) => sameIdValue(idOf(entry), id))
  return index === -1 ? [...list, item] : replaceAt(list, index, item)
}

/** Returns `list` without the item whose id is `id` (`5` and `'5'` are the same id). */
export function removeById<Item>(
  list: readonly Item[],
  id: string | number,
  idOf: (item: Item) => unknown = (entry) => (entry as { id?: unknown }).id,
): Item[] {
  return list.filter((entry) => !isSameId(idOf(entry), id))
}

/** A copy of `list` with `item` at `index` (`Array.prototype.with`, for browsers before 2023). */
function replaceAt<Item>(list: readonly Item[], index: number, item: Item): Item[] {
  const next = [...list]
  next[index] = item
  return next
}

function sameIdValue(a: unknown, b: unknown): boolean {
  return (typeof b === 'string' || typeof b === 'number') && isSameId(a, b)
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
