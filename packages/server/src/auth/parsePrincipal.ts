import type { Principal } from './Principal'

/**
 * The principal in `value` (a stored ticket read back from a shared store, parsed JSON or its text), or
 * `undefined` when it is not one: a shared keyspace or table is never trusted to hold what we wrote.
 */
export function parsePrincipal(value: unknown): Principal | undefined {
  let parsed = value
  if (typeof value === 'string') {
    try {
      parsed = JSON.parse(value)
    } catch {
      return undefined
    }
  }
  if (typeof parsed !== 'object' || parsed === null) return undefined
  const { id, metadata, allowedTopics, expiresAt } = parsed as Record<string, unknown>
  if (typeof metadata !== 'object' || metadata === null || Array.isArray(metadata)) return undefined
  if (!Object.values(metadata).every((item) => typeof item === 'string')) return undefined
  const principal: Principal = { metadata: { ...(metadata as Record<string, string>) } }
  if (id !== undefined) {
    if (typeof id !== 'string') return undefined
    principal.id = id
  }
  if (allowedTopics !== undefined) {
    if (!Array.isArray(allowedTopics) || !allowedTopics.every((item) => typeof item === 'string'))
      return undefined
    principal.allowedTopics = allowedTopics
  }
  if (expiresAt !== undefined) {
    if (typeof expiresAt !== 'number' || !Number.isFinite(expiresAt)) return undefined
    principal.expiresAt = expiresAt
  }
  return principal
}
