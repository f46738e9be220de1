import { createEventStream } from '@ssehub/client'
import { bindQueryClient } from '@ssehub/client/query'
import { QueryClient, QueryObserver } from '@tanstack/query-core'
import { RECORDS_PER_RESOURCE, RESOURCES } from './DashboardApi'

/**
 * `polling`: every query refetches every 30 s. `ssehub-default`: `bindQueryClient` with its defaults (an event
 * about `orders` invalidates every `['orders', …]` query). `ssehub-hints`: lists keyed `[resource, 'list']`
 * are what an event invalidates, and its hint updates the `[resource, id]` record page in place.
 */
export type Mode = 'polling' | 'ssehub-default' | 'ssehub-hints'

/** A dashboard page: one query, and every version of its data the user saw, with when. */
export interface Page {
  resource: string
  /** Set for a record page, absent for a list. */
  id?: string
  seen: Array<{ version: number; atMs: number }>
}

const POLL_INTERVAL_MS = 30_000
const pick = <T>(items: readonly T[]) => items[Math.floor(Math.random() * items.length)]!

/** Two list pages and four record pages, as a dashboard of "the queues I watch and the things I'm on". */
function dashboardPages(): Page[] {
  const lists = [...RESOURCES].sort(() => Math.random() - 0.5).slice(0, 2)
  const pages: Page[] = lists.map((resource) => ({ resource, seen: [] }))
  for (let i = 0; i < 4; i++) {
    pages.push({
      resource: pick(RESOURCES),
      id: `r${Math.floor(Math.random() * RECORDS_PER_RESOURCE)}`,
      seen: [],
    })
  }
  return pages
}

/**
 * One user with six pages open, each a TanStack Query observer, as a React page would hold them. In
 * `polling` mode every query refetches every 30 s; in `ssehub` mode nothing polls: one stream (the real
 * `@ssehub/client`) invalidates what changed through `bindQueryClient`, hints update record pages in place.
 */
export function startUser(apiUrl: string, mode: Mode) {
  const pages = dashboardPages()
  const queryClient = new QueryClient({
    defaultOptions: { queries: { retry: false, gcTime: Number.POSITIVE_INFINITY } },
  })
  const unsubscribers = pages.map((page) => {
    const path = page.id === undefined ? page.resource : `${page.resource}/${page.id}`
    const observer = new QueryObserver<{ version: number }>(queryClient, {
      queryKey: [page.resource, page.id ?? 'list'],
      queryFn: async () => (await fetch(`${apiUrl}/api/${path}`)).json() as Promise<{ version: number }>,
      staleTime: mode === 'polling' ? 0 : Number.POSITIVE_INFINITY,
    })
    const unsubscribe = observer.subscribe((result) => {
      const version = result.data?.version
      if (version !== undefined && version !== page.seen.at(-1)?.version)
        page.seen.push({ version, atMs: performance.now() })
    })
    if (mode !== 'polling') return unsubscribe
    // What `refetchInterval` does in a browser; query-core turns it off where there is no `window`.
    const poller = setInterval(() => void observer.refetch(), POLL_INTERVAL_MS)
    return () => {
      clearInterval(poller)
      unsubscribe()
    }
  })
  let closeStream = () => {}
  if (mode !== 'polling') {
    const topics = [
      ...new Set(
        pages.map((page) => (page.id === undefined ? page.resource : `${page.resource}.${page.id}`)),
      ),
    ]
    const stream = createEventStream({ url: `${apiUrl}/events`, topics, shareAcrossTabs: false })
    const unbind = bindQueryClient(
      stream,
      queryClient,
      mode === 'ssehub-hints' ? { toQueryKey: ({ resource }) => [resource, 'list'], applyHint: true } : {},
    )
    closeStream = () => {
      unbind()
      stream.close()
    }
  }
  return {
    pages,
    close() {
      closeStream()
      for (const unsubscribe of unsubscribers) unsubscribe()
      queryClient.clear()
    },
  }
}
