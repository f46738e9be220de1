import { createEventStream } from '@ssehub/client'
import {
  type BinderReport,
  bindQueryClient,
  listPatch,
  type ResourcePatches,
  resourcePatch,
} from '@ssehub/client/query'
import { QueryClient, QueryObserver } from '@tanstack/query-core'
import { type DashboardRecord, epochMs, RECORDS_PER_RESOURCE, RESOURCES } from './dashboardData'
import type { PageRecord } from './freshness'

/**
 * `polling`: the visible pages refetch every 30 s. `ssehub-default`: nothing polls; `bindQueryClient` with
 * its defaults. `ssehub-tuned`: the same plus patches, so an event's hint (the whole record) updates the
 * record and list pages in place.
 */
export type Mode = 'polling' | 'ssehub-default' | 'ssehub-tuned'
/** `all-six`: six pages on screen at once. `one-visible`: one on screen, five visited before (cached, unobserved). */
export type PageSet = 'all-six' | 'one-visible'

export const POLL_INTERVAL_MS = 30_000

const pick = <T>(items: readonly T[]): T => items[Math.floor(Math.random() * items.length)] as T

/** The tuned set-up: every resource's records merge their hint, lists update the item in place. */
const TUNED_PATCHES: ResourcePatches = Object.fromEntries(
  RESOURCES.map((resource) => [
    resource,
    resourcePatch<DashboardRecord>({ record: true, list: listPatch<DashboardRecord>() }),
  ]),
)

/** Two list pages and four record pages: "the queues I watch and the things I'm on". */
function dashboardPages(tenant: string, pageSet: PageSet): PageRecord[] {
  const lists = [...RESOURCES].sort(() => Math.random() - 0.5).slice(0, 2)
  const pages: PageRecord[] = lists.map((resource) => ({ tenant, resource, observed: true, seen: new Map() }))
  for (let i = 0; i < 4; i++) {
    const id = `r${Math.floor(Math.random() * RECORDS_PER_RESOURCE)}`
    pages.push({ tenant, resource: pick(RESOURCES), id, observed: true, seen: new Map() })
  }
  if (pageSet === 'one-visible') {
    const visible = pick(pages)
    for (const page of pages) page.observed = page === visible
  }
  return pages
}

/** Remembers each record version a page shows, with when it first showed it. */
function recordShown(page: PageRecord, data: DashboardRecord | DashboardRecord[] | undefined): void {
  if (data === undefined) return
  const atMs = epochMs()
  page.firstShownAtMs ??= atMs
  for (const record of Array.isArray(data) ? data : [data]) {
    const seen = page.seen.get(record.id)
    if (seen === undefined) page.seen.set(record.id, [{ version: record.version, atMs }])
    else if ((seen.at(-1)?.version ?? -1) < record.version) seen.push({ version: record.version, atMs })
  }
}

/**
 * One user of `tenant` with six dashboard pages, each a TanStack Query query as a page would hold it;
 * `pageSet` says which are on screen (observed). In `polling` mode each page on screen refetches every
 * 30 s (from a random phase: users did not all arrive at once); in the ssehub modes nothing polls and one
 * `@ssehub/client` stream per user keeps the cache fresh through `bindQueryClient`.
 */
export async function startUser(
  apiUrl: string,
  tenant: string,
  mode: Mode,
  pageSet: PageSet,
  onDecisions: (report: BinderReport) => void,
) {
  const pages = dashboardPages(tenant, pageSet)
  const queryClient = new QueryClient({
    defaultOptions: {
      queries: { retry: false, gcTime: Number.POSITIVE_INFINITY, staleTime: Number.POSITIVE_INFINITY },
    },
  })
  const stops: Array<() => void> = []
  const pollPhaseMs = Math.random() * POLL_INTERVAL_MS
  for (const page of pages) {
    const path = page.id === undefined ? page.resource : `${page.resource}/${page.id}`
    const options = {
      queryKey: page.id === undefined ? [page.resource] : [page.resource, page.id],
      queryFn: async () =>
        (await (await fetch(`${apiUrl}/api/${path}?tenant=${tenant}`)).json()) as
          | DashboardRecord
          | DashboardRecord[],
    }
    if (!page.observed) {
      // Visited before: in the cache, no one looking.
      await queryClient.prefetchQuery(options)
      continue
    }
    const observer = new QueryObserver(queryClient, options)
    stops.push(observer.subscribe((result) => recordShown(page, result.data)))
    if (mode !== 'polling') continue
    // What `refetchInterval` does in a browser; query-core turns it off where there is no `window`.
    let poller: ReturnType<typeof setInterval> | undefined
    const first = setTimeout(() => {
      void observer.refetch()
      poller = setInterval(() => void observer.refetch(), POLL_INTERVAL_MS)
    }, pollPhaseMs)
    stops.push(() => {
      clearTimeout(first)
      clearInterval(poller)
    })
  }
  if (mode !== 'polling') {
    const topics = [
      ...new Set(
        pages.map((page) => (page.id === undefined ? page.resource : `${page.resource}.${page.id}`)),
      ),
    ]
    const stream = createEventStream({
      url: `${apiUrl}/events?tenant=${tenant}`,
      topics,
      shareAcrossTabs: false,
    })
    const unbind = bindQueryClient(stream, queryClient, {
      onDecisions,
      ...(mode === 'ssehub-tuned' ? { patches: TUNED_PATCHES } : {}),
    })
    stops.push(unbind, () => stream.close())
  }
  return {
    pages,
    close() {
      for (const stop of stops) stop()
      queryClient.clear()
    },
  }
}
