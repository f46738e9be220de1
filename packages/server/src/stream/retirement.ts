import type { Connection } from '../delivery/Connection'

/** A random delay in `[0, maxMs)`: spreads reconnects so a crowd doesn't come back at once. */
export function jitter(maxMs: number): number {
  return Math.floor(Math.random() * maxMs)
}

/**
 * Retires `connections` for a drain: closes spread evenly over `graceMs` in random order (not all in its
 * first moments), each told by a `drain` frame to come back after a jittered `reconnectInMs`.
 */
export function retireSpread(connections: Connection[], graceMs: number, reconnectJitterMs: number): void {
  const order = shuffle([...connections])
  const now = Date.now()
  order.forEach((connection, i) => {
    const closeAt = now + (graceMs * (i + Math.random())) / order.length
    connection.retire('drain', closeAt, jitter(reconnectJitterMs))
  })
}

/** When a new connection must be rotated: its jittered lifetime or its credential's expiry, whichever is first. */
export function rotationTime(
  now: number,
  maxLifetimeMs: number | undefined,
  expiresAt: number | undefined,
): number {
  const lifetimeEnd =
    maxLifetimeMs === undefined ? Number.POSITIVE_INFINITY : now + maxLifetimeMs * (0.9 + Math.random() * 0.1)
  return Math.max(now, Math.min(lifetimeEnd, expiresAt ?? Number.POSITIVE_INFINITY))
}

function shuffle<T>(items: T[]): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1))
    ;[items[i], items[j]] = [items[j]!, items[i]!]
  }
  return items
}
