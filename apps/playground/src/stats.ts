import type { Hub, LaneCounts } from '@ssehub/server'
import type { Context } from 'hono'
import type { TenantVariables } from './auth'

/** What the page's stats panel shows: the tab's tenant in detail, the whole hub as counts only. */
export interface PlaygroundStats {
  /** This tenant's open streams (its tabs, or their shared-tab leaders) and what was sent to them. */
  tenant: {
    connections: number
    /** Frames written to this tenant's open streams, per lane. */
    delivered: LaneCounts
    dropped: number
    /** The flush intervals this tenant's streams earn right now (500 ms when their sockets keep up). */
    flushIntervalsMs: number[]
  }
  /** The whole hub, every tenant: counters since start, no tenant named. */
  hub: {
    connections: number
    /** Progress values replaced by a newer one before they were written: the coalescing at work. */
    coalesced: number
    dropped: number
    resyncs: number
  }
}

const sum = (counts: Record<string, number>) => Object.values(counts).reduce((a, b) => a + b, 0)

/**
 * `GET /api/stats`: the caller's tenant in detail (from `hub.connectionStats()`, its streams only) and the
 * hub as a whole in counts. The hub's own `statsHandler()` lists every connection's metadata and belongs
 * behind admin auth; this one never shows another tenant's numbers. The page fetches it only when the
 * `stats` signal says something changed: an idle page makes no request at all.
 */
export function statsHandler(hub: Hub) {
  return function playgroundStats(c: Context<TenantVariables>) {
    const stats = hub.stats()
    const mine = hub
      .connectionStats()
      .filter((connection) => connection.metadata.tenant_id === c.var.tenantId)
    const delivered: LaneCounts = { instant: 0, batched: 0, coalesced: 0 }
    for (const connection of mine) {
      for (const lane of ['instant', 'batched', 'coalesced'] as const)
        delivered[lane] += connection.delivered[lane]
    }
    const body: PlaygroundStats = {
      tenant: {
        connections: mine.length,
        delivered,
        dropped: mine.reduce((total, connection) => total + connection.dropped, 0),
        flushIntervalsMs: [...new Set(mine.map((connection) => connection.flushIntervalMs))].sort(
          (a, b) => a - b,
        ),
      },
      hub: {
        connections: stats.connections,
        coalesced: stats.coalesced,
        dropped: sum(stats.dropped),
        resyncs: sum(stats.resyncs),
      },
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
