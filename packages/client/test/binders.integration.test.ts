import { QueryClient, QueryObserver } from '@tanstack/query-core'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { createEventStream } from '../src/index'
import { bindQueryClient } from '../src/query/index'
import { bindSWR } from '../src/swr/index'
import { startHub } from './support/startHub'

const cleanup: (() => unknown)[] = []
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step()
})
const waitOptions = { timeout: 10_000, interval: 20 }

describe('cache binders against the real hub', () => {
  it('hub.invalidate refetches the mapped TanStack queries and applies a hint', async () => {
    const server = await startHub()
    cleanup.push(server.stop)
    const stream = createEventStream({ url: server.url, topics: ['orders'] })
    cleanup.push(stream.close)
    const queryClient = new QueryClient({ defaultOptions: { queries: { staleTime: Infinity } } })
    const fetched: string[] = []
    for (const queryKey of [['orders'], ['orders', 'ord_1'], ['customers']]) {
      const observer = new QueryObserver(queryClient, {
        queryKey,
        queryFn: async () => {
          fetched.push(queryKey.join('/'))
          return queryKey.length === 2 ? { id: 'ord_1', status: 'new' } : []
        },
      })
      cleanup.push(observer.subscribe(() => {}))
    }
    cleanup.push(bindQueryClient(stream, queryClient, { applyHint: true }))
    await vi.waitFor(() => expect(stream.status).toBe('open'), waitOptions)
    await vi.waitFor(() => expect(fetched).toHaveLength(3), waitOptions)
    fetched.length = 0

    await server.hub.invalidate('orders', { id: 'ord_1', hint: { status: 'shipped' } })
    await vi.waitFor(() => expect(fetched).toEqual(['orders']), waitOptions)
    expect(queryClient.getQueryData(['orders', 'ord_1'])).toEqual({ id: 'ord_1', status: 'shipped' })
  })

  it('hub.batch revalidates the matching SWR keys, each once', async () => {
    const server = await startHub()
    cleanup.push(server.stop)
    const stream = createEventStream({ url: server.url, topics: ['orders', 'customers'] })
    cleanup.push(stream.close)
    const keys = ['/api/orders', ['customers', 'c_1'], '/api/invoices', '/api/orders/ord_2']
    const revalidated: unknown[] = []
    // SWR's global mutate, as far as the binder uses it without a cache: walk the keys, revalidate one.
    const mutate = (keyOrFilter: unknown) => {
      if (typeof keyOrFilter === 'function') for (const key of keys) keyOrFilter(key)
      else revalidated.push(keyOrFilter)
      return Promise.resolve()
    }
    cleanup.push(bindSWR(stream, mutate))
    await vi.waitFor(() => expect(stream.status).toBe('open'), waitOptions)
    await server.hub.batch([{ resource: 'orders', id: 'ord_1' }, { resource: 'customers' }])
    await vi.waitFor(() => expect(revalidated).toEqual(['/api/orders', ['customers', 'c_1']]), waitOptions)
  })
})
