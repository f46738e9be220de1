import type { StreamLifecycle } from './StreamLifecycle'

/** A random delay in `[0, maxMs)`: spreads reconnects so a crowd doesn't come back at once. */
export function jitter(maxMs: number): number {
  return Math.floor(Math.random() * maxMs)
}

/** What a retiring stream tells its client: the `retry:` field, and when to come back. */
export interface RetireTiming {
  retryMs: number
  reconnectInMs: number
}

/**
 * The goodbye of a drained or rotated stream. `reconnectInMs` (read by ssehub's client) is short and
 * jittered: the client comes back soon, to another node, and a crowd does not come back at once. The
 * `retry:` field is never below the hub's `retryMs`: a native `EventSource` keeps it for every later
 * reconnect, and a lowered one would make it hammer a node that is down. It is jittered above it.
 */
export function drainTiming(retryMs: number): RetireTiming {
  const spreadMs = Math.min(retryMs, 1000)
  return { retryMs: retryMs + jitter(spreadMs), reconnectInMs: jitter(spreadMs) }
}

/**
 * Retires `streams` for a drain: those still opening at once; the others at times spread evenly over
 * `graceMs` from `now` (the scheduler's clock), in random order, not all in its first moments.
 */
export function retireSpread(
  streams: StreamLifecycle[],
  now: number,
  graceMs: number,
  timing: () => RetireTiming,
): void {
  const order = shuffle([...streams])
  order.forEach((stream, i) => {
    stream.retire('drain', now + (graceMs * (i + Math.random())) / order.length, timing())
  })
}

/**
 * How long until a new stream is rotated: its jittered lifetime (90–100 % of `maxLifetimeMs`) or its
 * credential's expiry (`expiresAt`, epoch ms), whichever comes first; `Infinity` when neither is set.
 */
export function rotationDelayMs(maxLifetimeMs: number | undefined, expiresAt: number | undefined): number {
  const lifetime =
    maxLifetimeMs === undefined ? Number.POSITIVE_INFINITY : maxLifetimeMs * (0.9 + Math.random() * 0.1)
  const untilExpiry = expiresAt === undefined ? Number.POSITIVE_INFINITY : expiresAt - Date.now()
  return Math.max(0, Math.min(lifetime, untilExpiry))
}

function shuffle<T>(items: T[]): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1))
    ;[items[i], items[j]] = [items[j]!, items[i]!]
  }
  return items
}
