/**
 * Reads a `Retry-After` header (delta-seconds or an HTTP date) as milliseconds from `nowMs`, or
 * `undefined` when it is absent or malformed, so the caller falls back to its backoff.
 */
export function parseRetryAfter(value: string | null, nowMs = Date.now()): number | undefined {
  if (value === null) return undefined
  const trimmed = value.trim()
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000
  const dateMs = Date.parse(trimmed)
  if (Number.isNaN(dateMs)) return undefined
  return Math.max(0, dateMs - nowMs)
}
