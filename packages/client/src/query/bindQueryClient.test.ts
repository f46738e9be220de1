import { QueryClient, QueryObserver } from '@tanstack/query-core'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createFakeStream } from '../../test/support/createFakeStream'
import { bindQueryClient } from './bindQueryClient'
import { byResourceAndId, type QueryKey } from './queryKeys'

beforeEach(() => {
  vi.useFakeTimers()
})
afterEach(() => {
  vi.useRealTimers()
})

/** A real QueryClient with one active observer per key, counting the fetches of each key. */
async function activeQueries(keys: QueryKey[], data: (key: QueryKey) => unknown = (key) => key.join('/')) {
  const queryClient = new QueryClient({ defaultOptions: { queries: { staleTime: Infinity, retry: false } } })
  const fetches = new Map<string, number>(keys.map((key) => [JSON.stringify(key), 0]))
  const stops = keys.map((queryKey) =>
    new QueryObserver(queryClient, {
      queryKey,
      queryFn: async () => {
        const name = JSON.stringify(queryKey)
        fetches.set(name, (fetches.get(name) ?? 0) + 1)
        return data(queryKey)
      },
    }).subscribe(() => {}),
  )
  await vi.advanceTimersByTimeAsync(10)
  for (const name of fetches.keys()) fetches.set(name, 0)
  const counts = () => Object.fromEntries(fetches)
  return { queryClient, counts, stop: () => stops.forEach((stop) => void stop()) }
}

const orders = ['orders']
const order1 = ['orders', 'ord_1']
const order2 = ['orders', 'ord_2']
const customers = ['customers']
const invoices = ['invoices', { page: 1 }]

describe('bindQueryClient', () => {
  it('refetches the queries under [resource] on invalidate, and no others', async () => {
    const { stream, emit } = createFakeStream()
    const { queryClient, counts } = await activeQueries([orders, order1, customers])
    bindQueryClient(stream, queryClient)
    emit('invalidate', { resource: 'orders', id: 'ord_1', action: 'updated' })
    await vi.advanceTimersByTimeAsync(10)
    expect(counts()).toEqual({ '["orders"]': 1, '["orders","ord_1"]': 1, '["customers"]': 0 })
  })

  it('maps by resource and id with byResourceAndId', async () => {
    const { stream, emit } = createFakeStream()
    const { queryClient, counts } = await activeQueries([orders, order1, order2])
    bindQueryClient(stream, queryClient, { toQueryKey: byResourceAndId })
    emit('invalidate', { resource: 'orders', id: 'ord_1' })
    await vi.advanceTimersByTimeAsync(10)
    expect(counts()).toEqual({ '["orders"]': 0, '["orders","ord_1"]': 1, '["orders","ord_2"]': 0 })
  })

  it('turns 50 invalidations of one key in one frame into one refetch', async () => {
    const { stream, emit } = createFakeStream()
    const { queryClient, counts } = await activeQueries([orders, customers])
    const invalidate = vi.spyOn(queryClient, 'invalidateQueries')
    bindQueryClient(stream, queryClient)
    for (let i = 0; i < 50; i++) emit('invalidate', { resource: 'orders', id: `ord_${i}` })
    expect(invalidate).not.toHaveBeenCalled()
    await vi.advanceTimersByTimeAsync(10)
    expect(invalidate).toHaveBeenCalledTimes(1)
    expect(counts()).toEqual({ '["orders"]': 1, '["customers"]': 0 })
  })

  it('waits for the next animation frame where there is one', async () => {
    const frames: FrameRequestCallback[] = []
    vi.stubGlobal('requestAnimationFrame', (callback: FrameRequestCallback) => frames.push(callback))
    vi.stubGlobal('cancelAnimationFrame', () => {})
    try {
      const { stream, emit } = createFakeStream()
      const { queryClient, counts } = await activeQueries([orders])
      bindQueryClient(stream, queryClient)
      emit('invalidate', { resource: 'orders' })
      emit('invalidate', { resource: 'orders' })
      await vi.advanceTimersByTimeAsync(100)
      expect(counts()).toEqual({ '["orders"]': 0 })
      expect(frames).toHaveLength(1)
      frames[0]?.(0)
      await vi.advanceTimersByTimeAsync(10)
      expect(counts()).toEqual({ '["orders"]': 1 })
    } finally {
      vi.unstubAllGlobals()
    }
  })

  it('handles a batch in one pass, each key once', async () => {
    const { stream, emit } = createFakeStream()
    const { queryClient, counts } = await activeQueries([orders, order1, customers, invoices])
    const invalidate = vi.spyOn(queryClient, 'invalidateQueries')
    bindQueryClient(stream, queryClient)
    emit('batch', [
      { resource: 'orders', id: 'ord_1' },
      { resource: 'customers', id: 'c_1' },
      { resource: 'orders', id: 'ord_2' },
    ])
    await vi.advanceTimersByTimeAsync(10)
    expect(invalidate).toHaveBeenCalledTimes(2)
    expect(counts()).toEqual({
      '["orders"]': 1,
      '["orders","ord_1"]': 1,
      '["customers"]': 1,
      '["invoices",{"page":1}]': 0,
    })
  })

  it('makes one call for a key and the keys it covers, so no fetch is restarted', async () => {
    const { stream, emit } = createFakeStream()
    const { queryClient, counts } = await activeQueries([orders, order1])
    const invalidate = vi.spyOn(queryClient, 'invalidateQueries')
    bindQueryClient(stream, queryClient, { toQueryKey: byResourceAndId })
    emit('invalidate', { resource: 'orders', id: 'ord_1' })
    emit('invalidate', { resource: 'orders' })
    await vi.advanceTimersByTimeAsync(10)
    expect(invalidate.mock.calls.map(([filters]) => filters?.queryKey)).toEqual([['orders']])
    expect(counts()).toEqual({ '["orders"]': 1, '["orders","ord_1"]': 1 })
  })

  it('on resync refetches every resource the topics cover', async () => {
    const { stream, emit } = createFakeStream(['orders', 'customers.*', 'orders.>'])
    const { queryClient, counts } = await activeQueries([orders, order1, customers, invoices])
    bindQueryClient(stream, queryClient)
    emit('resync', { reason: 'replay-gap' })
    await vi.advanceTimersByTimeAsync(10)
    expect(counts()).toEqual({
      '["orders"]': 1,
      '["orders","ord_1"]': 1,
      '["customers"]': 1,
      '["invoices",{"page":1}]': 0,
    })
  })

  it.each([['>'], ['*.rows']])(
    'on resync with a leading wildcard (%s) refetches everything',
    async (topic) => {
      const { stream, emit } = createFakeStream([topic])
      const { queryClient, counts } = await activeQueries([orders, customers, invoices])
      bindQueryClient(stream, queryClient)
      emit('resync', { reason: 'epoch' })
      await vi.advanceTimersByTimeAsync(10)
      expect(Object.values(counts())).toEqual([1, 1, 1])
    },
  )

  describe('with applyHint', () => {
    const record = (key: QueryKey) => (key.length === 2 ? { id: key[1], status: 'new', total: 5 } : [])

    it('merges the hint into [resource, id] without fetching it, and still refetches the list', async () => {
      const { stream, emit } = createFakeStream()
      const { queryClient, counts } = await activeQueries([orders, order1, order2], record)
      bindQueryClient(stream, queryClient, { applyHint: true })
      emit('invalidate', { resource: 'orders', id: 'ord_1', hint: { status: 'shipped' } })
      await vi.advanceTimersByTimeAsync(10)
      expect(queryClient.getQueryData(order1)).toEqual({ id: 'ord_1', status: 'shipped', total: 5 })
      expect(counts()).toEqual({ '["orders"]': 1, '["orders","ord_1"]': 0, '["orders","ord_2"]': 1 })
    })

    it('ignores hints unless asked, and refetches when a later plain event names the same record', async () => {
      const { stream, emit } = createFakeStream()
      const { queryClient, counts } = await activeQueries([order1], record)
      const unbind = bindQueryClient(stream, queryClient)
      emit('invalidate', { resource: 'orders', id: 'ord_1', hint: { status: 'shipped' } })
      await vi.advanceTimersByTimeAsync(10)
      expect(queryClient.getQueryData(order1)).toMatchObject({ status: 'new' })
      expect(counts()).toEqual({ '["orders","ord_1"]': 1 })
      unbind()

      bindQueryClient(stream, queryClient, { applyHint: true })
      emit('invalidate', { resource: 'orders', id: 'ord_1', hint: { status: 'shipped' } })
      emit('invalidate', { resource: 'orders', id: 'ord_1' })
      await vi.advanceTimersByTimeAsync(10)
      expect(counts()).toEqual({ '["orders","ord_1"]': 2 })
    })

    it('uses a custom merger, and refetches when it returns undefined', async () => {
      const { stream, emit } = createFakeStream()
      const { queryClient, counts } = await activeQueries([order1, order2], record)
      bindQueryClient(stream, queryClient, {
        applyHint: (cached, hint, event) =>
          event.id === 'ord_1' ? { ...(cached as object), note: String(hint) } : undefined,
      })
      emit('batch', [
        { resource: 'orders', id: 'ord_1', hint: 'hello' },
        { resource: 'orders', id: 'ord_2', hint: 'ignored' },
      ])
      await vi.advanceTimersByTimeAsync(10)
      expect(queryClient.getQueryData(order1)).toMatchObject({ note: 'hello', status: 'new' })
      expect(counts()).toEqual({ '["orders","ord_1"]': 0, '["orders","ord_2"]': 1 })
    })
  })

  it('invalidates on complete and on signal', async () => {
    const { stream, emit } = createFakeStream(['imports.*', 'dashboard'])
    const imports = ['imports', 'imp_9']
    const { queryClient, counts } = await activeQueries([imports, ['dashboard'], orders])
    bindQueryClient(stream, queryClient, { toQueryKey: byResourceAndId })
    emit('complete', { resource: 'imports', id: 'imp_9', status: 'completed' })
    emit('signal', { topic: 'dashboard' })
    await vi.advanceTimersByTimeAsync(10)
    expect(counts()).toEqual({ '["imports","imp_9"]': 1, '["dashboard"]': 1, '["orders"]': 0 })
  })

  it('unbinds: no listener stays on the stream and nothing queued is flushed', async () => {
    const fake = createFakeStream()
    const { queryClient, counts } = await activeQueries([orders])
    const unbind = bindQueryClient(fake.stream, queryClient)
    expect(fake.listenerCount()).toBeGreaterThan(0)
    fake.emit('invalidate', { resource: 'orders' })
    unbind()
    expect(fake.listenerCount()).toBe(0)
    fake.emit('invalidate', { resource: 'orders' })
    await vi.advanceTimersByTimeAsync(10)
    expect(counts()).toEqual({ '["orders"]': 0 })
  })
})
