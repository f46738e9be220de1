import type { EventStream } from '@ssehub/client'
import { QueryClient, QueryClientProvider, useQuery } from '@tanstack/react-query'
import { type RenderResult, render } from '@testing-library/react'
import type { ReactNode } from 'react'
import { expect, vi } from 'vitest'
import { EventStreamProvider } from '../../src/EventStreamProvider'

/** A component showing one query, counting the fetches of its key in `fetches`. */
function Query({ queryKey, fetches }: { queryKey: readonly unknown[]; fetches: Map<string, number> }) {
  const name = JSON.stringify(queryKey)
  const { data } = useQuery({
    queryKey,
    queryFn: async () => {
      fetches.set(name, (fetches.get(name) ?? 0) + 1)
      return queryKey.length === 2 ? { id: queryKey[1], status: 'new' } : `${name} #${fetches.get(name)}`
    },
  })
  return <p>{JSON.stringify(data)}</p>
}

/**
 * Renders `children` beside one `useQuery` per key, under a real QueryClient and, when given, an
 * EventStreamProvider with `stream`. `counts()` reads the fetches per key; `settled()` waits for the next
 * frame's invalidations and every fetch they started.
 */
export async function renderWithQueries(
  keys: (readonly unknown[])[],
  children: ReactNode,
  stream?: EventStream,
): Promise<
  RenderResult & {
    queryClient: QueryClient
    counts: () => Record<string, number>
    settled: () => Promise<void>
  }
> {
  const queryClient = new QueryClient({ defaultOptions: { queries: { staleTime: Infinity, retry: false } } })
  const fetches = new Map<string, number>()
  const tree = (
    <QueryClientProvider client={queryClient}>
      {keys.map((queryKey) => (
        <Query key={JSON.stringify(queryKey)} queryKey={queryKey} fetches={fetches} />
      ))}
      {children}
    </QueryClientProvider>
  )
  const view = render(stream ? <EventStreamProvider stream={stream}>{tree}</EventStreamProvider> : tree)
  const settled = async () => {
    await nextFrame()
    await vi.waitFor(() => expect(queryClient.isFetching()).toBe(0))
  }
  await vi.waitFor(() => expect(fetches.size).toBe(keys.length))
  await settled()
  fetches.clear()
  const counts = () =>
    Object.fromEntries(keys.map((key) => [JSON.stringify(key), fetches.get(JSON.stringify(key)) ?? 0]))
  return { ...view, queryClient, counts, settled }
}

/** Resolves after the next animation frame and a macrotask: when the binders flush. */
export function nextFrame(): Promise<void> {
  return new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)))
}
