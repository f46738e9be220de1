import type { Hub } from '@ssehub/server'
import type { Context } from 'hono'

/** What the page's live panel shows: hub-wide counters, no connection's metadata. */
export interface PlaygroundStats {
  connections: number
  delivered: { instant: number; batched: number; coalesced: number }
  /** Progress values replaced by a newer one before they were written: the coalescing at work. */
  coalesced: number
  dropped: number
  resyncs: number
  /** The flush intervals the open connections earn right now (500 ms when their sockets keep up). */
  flushIntervalsMs: number[]
  flushesByIntervalMs: Record<string, number>
}

/**
 * `GET /events/stats`: a public summary of `hub.stats()`. (The hub's own `statsHandler()` can list
 * every connection's metadata and belongs behind admin auth; this one only counts.) It sits outside
 * `/api` and the page fetches it only when the `stats` signal says something changed: an idle page
 * makes no request at all.
 */
export function statsHandler(hub: Hub) {
  return function playgroundStats(c: Context) {
    const stats = hub.stats()
    const sum = (counts: Record<string, number>) => Object.values(counts).reduce((a, b) => a + b, 0)
    const body: PlaygroundStats = {
      connections: stats.connections,
      delivered: stats.delivered,
      coalesced: stats.coalesced,
      dropped: sum(stats.dropped),
      resyncs: sum(stats.resyncs),
      flushIntervalsMs: [...new Set(hub.connectionStats().map((c) => c.flushIntervalMs))].sort(
        (a, b) => a - b,
      ),
      flushesByIntervalMs: stats.flushesByIntervalMs,
    }
    return c.json(body, 200, { 'cache-control': 'no-store' })
  }
}

/**
 * Publishes the `stats` signal after something changed, at most once per `quietMs`: a burst of
 * changes (ten tabs connecting) becomes one refresh of every panel.
 */
export function statsSignal(signal: () => Promise<unknown>, quietMs = 250): () => void {
  let pending: ReturnType<typeof setTimeout> | undefined
  return function statsChanged() {
    pending ??= setTimeout(() => {
      pending = undefined
      signal().catch(() => {}) // the hub is closing: no panel is left to refresh
    }, quietMs)
    pending.unref?.()
  }
}
