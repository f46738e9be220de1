import type { Principal } from './Principal'

/**
 * A string that names `principal` stably, for per-principal bookkeeping (a ticket store's quota): its
 * `id` when it has one, otherwise all of its metadata, in key order. Never sent to clients.
 *
 * @example
 * principalKey({ id: 'u1', metadata: { tenant_id: 't1' } }) // 'id:u1'
 * principalKey({ metadata: { tenant_id: 't1', user_id: 'u1' } }) // 'metadata:[["tenant_id","t1"],["user_id","u1"]]'
 */
export function principalKey(principal: Principal): string {
  if (principal.id !== undefined) return `id:${principal.id}`
  const pairs = Object.entries(principal.metadata).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
  return `metadata:${JSON.stringify(pairs)}`
}
