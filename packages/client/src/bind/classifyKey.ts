import type { InvalidationData } from '@ssehub/protocol'

/**
 * What a cache key is to one event (see {@link classifyKey}):
 * - `list`: a view of many records of the resource (refetched for any change of the resource);
 * - `record`: exactly the changed record (a hint can patch it);
 * - `recordPart`: something under the changed record (`['orders', 'ord_1', 'items']`), or a
 *   record-looking key hit by an event without id: refetched, never patched.
 */
export type KeyKind = 'list' | 'record' | 'recordPart'

/**
 * Second key elements that name a view of many records, not a record: `['orders', 'list', …]`,
 * `['orders', 'all']`, `/api/orders/search?q=…`. Any other string or number there is taken for a
 * record's id (or a word like `'detail'` followed by one).
 */
export const LIST_WORDS: ReadonlySet<string> = new Set([
  'list',
  'lists',
  'all',
  'infinite',
  'search',
  'count',
  'summary',
  'stats',
])

/** Whether a key element names the record `id`: `5` and `'5'` are the same id. */
export function isSameId(part: unknown, id: string | number): boolean {
  return (typeof part === 'string' || typeof part === 'number') && String(part) === String(id)
}

/**
 * How the default binders place a cache key against an event about `resource` (and `id`), or `undefined`
 * when the event does not concern it. Array keys (TanStack, SWR) must start with the resource:
 *
 * 1. an element after it that names the id (`'ord_1'`, `5` for `'5'`, or `{ id: 5 }`) makes it that
 *    record: `record` when that element is the last one (`['orders', 5]`, `['orders', 'detail', 5]`,
 *    `['orders', { id: 5 }]`), `recordPart` otherwise (`['orders', 5, 'items']`);
 * 2. else the key is a `list` when its second element is absent (`['orders']`), not a string or number
 *    (`['orders', { page: 2 }]`) or a {@link LIST_WORDS list word} (`['orders', 'list', { status }]`);
 * 3. else it is another record (`['orders', 'ord_2']`, `['orders', 'detail', 7]`): not concerned.
 *
 * An event without id concerns every key of the resource: lists as `list`, the rest as `recordPart`.
 * String keys (SWR) are the resource itself (`'orders'`, a list) or a URL with the resource as a path
 * segment, whose following segments are read as array elements: `/api/orders?page=2` is a list,
 * `/api/orders/ord_1` the record, `/api/orders/ord_1/items` a part of it, `/api/orders/ord_2` another.
 * Page numbers belong in an object (`['orders', { page: 2 }]`): a bare number reads as an id.
 */
export function classifyKey(key: unknown, { resource, id }: InvalidationData): KeyKind | undefined {
  const parts = keyParts(key, resource)
  if (parts === undefined) return undefined
  if (id !== undefined) {
    const index = parts.findIndex((part) => isSameId(part, id) || isSameId(idField(part), id))
    if (index !== -1) return index === parts.length - 1 ? 'record' : 'recordPart'
  }
  const [second] = parts
  const isList =
    parts.length === 0 ||
    (typeof second !== 'string' && typeof second !== 'number') ||
    (typeof second === 'string' && LIST_WORDS.has(second))
  if (isList) return 'list'
  return id === undefined ? 'recordPart' : undefined
}

/** The elements after the resource, or `undefined` when the key is not about `resource`. */
function keyParts(key: unknown, resource: string): readonly unknown[] | undefined {
  if (Array.isArray(key)) return key[0] === resource ? key.slice(1) : undefined
  if (typeof key !== 'string') return undefined
  if (key === resource) return []
  if (!key.includes('/')) return undefined
  const path = key.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/]*/i, '').split(/[?#]/, 1)[0] ?? ''
  const segments = path.split('/').filter((segment) => segment !== '')
  const index = segments.indexOf(resource)
  return index === -1 ? undefined : segments.slice(index + 1).map(decodeSegment)
}

function idField(part: unknown): unknown {
  return typeof part === 'object' && part !== null && !Array.isArray(part)
    ? (part as { id?: unknown }).id
    : undefined
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment)
  } catch {
    return segment
  }
}
