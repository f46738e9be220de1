import type { BinderReport, DecisionOutcome } from '@ssehub/client/query'

/** How often a polling dashboard would refetch each page on screen. */
export const POLL_INTERVAL_MS = 30_000
/** A page hidden and shown again within this is the same visit (React StrictMode mounts twice). */
const SAME_VISIT_MS = 1000

/** What the meter panel shows; see {@link createApiMeter}. */
export interface MeterReading {
  openedAt: number
  /** GET requests this tab made (its queries' loads and refetches). */
  requests: number
  /** What polling every 30 s would have made for the same pages over the same time: a load per visit, a poll per 30 s on screen. */
  pollingRequests: number
  /** Pages on screen now, and the age of the oldest data among them (ms; `undefined` before any data). */
  pagesOnScreen: number
  oldestDataAgeMs: number | undefined
  /** The binders' decisions so far, by outcome. */
  decisions: Partial<Record<DecisionOutcome, number>>
}

interface PageVisit {
  loads: number
  onScreenMs: number
  shownAt: number | undefined
  hiddenAt: number
  dataAt: number | undefined
}

/**
 * The tab's request meter: counts the GETs it makes, follows which pages (queries, SWR keys) are on
 * screen and since when, and so tells what polling every 30 s would have cost in the same time. It makes
 * no request itself.
 */
export function createApiMeter(now: () => number = Date.now) {
  const openedAt = now()
  const pages = new Map<string, PageVisit>()
  const decisions: Partial<Record<DecisionOutcome, number>> = {}
  const listeners = new Set<() => void>()
  let requests = 0
  let version = 0
  const changed = () => {
    version += 1
    for (const listener of listeners) listener()
  }
  const visit = (key: string): PageVisit => {
    let page = pages.get(key)
    if (!page) {
      page = {
        loads: 0,
        onScreenMs: 0,
        shownAt: undefined,
        hiddenAt: Number.NEGATIVE_INFINITY,
        dataAt: undefined,
      }
      pages.set(key, page)
    }
    return page
  }
  return {
    countRequest() {
      requests += 1
      changed()
    },
    shown(key: string, dataAt?: number) {
      const page = visit(key)
      if (page.shownAt !== undefined) return
      const at = now()
      // Polling refetches a page each time it mounts again; a remount within a second is one visit.
      if (at - page.hiddenAt > SAME_VISIT_MS) page.loads += 1
      page.shownAt = at
      if (dataAt) page.dataAt = dataAt
      changed()
    },
    hidden(key: string) {
      const page = pages.get(key)
      if (page?.shownAt === undefined) return
      const at = now()
      page.onScreenMs += at - page.shownAt
      page.shownAt = undefined
      page.hiddenAt = at
      changed()
    },
    dataUpdated(key: string, at: number) {
      visit(key).dataAt = at
      changed()
    },
    recordDecisions(report: BinderReport) {
      for (const { outcome } of report.decisions) decisions[outcome] = (decisions[outcome] ?? 0) + 1
      if (report.decisions.length > 0) changed()
    },
    read(): MeterReading {
      const at = now()
      let pollingRequests = 0
      let pagesOnScreen = 0
      let oldestDataAt: number | undefined
      for (const page of pages.values()) {
        const onScreenMs = page.onScreenMs + (page.shownAt === undefined ? 0 : at - page.shownAt)
        pollingRequests += page.loads + Math.floor(onScreenMs / POLL_INTERVAL_MS)
        if (page.shownAt === undefined) continue
        pagesOnScreen += 1
        if (page.dataAt !== undefined) oldestDataAt = Math.min(oldestDataAt ?? page.dataAt, page.dataAt)
      }
      return {
        openedAt,
        requests,
        pollingRequests,
        pagesOnScreen,
        oldestDataAgeMs: oldestDataAt === undefined ? undefined : at - oldestDataAt,
        decisions: { ...decisions },
      }
    },
    /** Bumped on every change (for `useSyncExternalStore`). */
    get version() {
      return version
    },
    subscribe(listener: () => void): () => void {
      listeners.add(listener)
      return () => void listeners.delete(listener)
    },
  }
}

export type ApiMeter = ReturnType<typeof createApiMeter>

/** The part of TanStack's QueryCache the meter follows (react-query's and vue-query's both fit). */
interface QueryCacheLike {
  subscribe(
    listener: (event: {
      type: string
      query: { queryHash: string; getObserversCount(): number; state: { dataUpdatedAt: number } }
      action?: { type: string }
    }) => void,
  ): () => void
}

/** Feeds the meter from a TanStack query cache: a query with observers is a page on screen. */
export function meterQueryCache(queryCache: QueryCacheLike, meter: ApiMeter): () => void {
  return queryCache.subscribe(({ type, query, action }) => {
    const key = `query:${query.queryHash}`
    const observers = query.getObserversCount()
    if (type === 'observerAdded' && observers === 1) meter.shown(key, query.state.dataUpdatedAt)
    else if ((type === 'observerRemoved' && observers === 0) || type === 'removed') meter.hidden(key)
    else if (type === 'updated' && action?.type === 'success')
      meter.dataUpdated(key, query.state.dataUpdatedAt)
  })
}
