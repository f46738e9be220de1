import { QueryClient, QueryObserver } from '@tanstack/query-core'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createFakeStream } from '../../test/support/createFakeStream'
import type { BinderReport } from '../bind/BinderDecision'
import { listPatch } from '../bind/listPatch'
import { resourcePatch } from '../bind/ResourcePatch'
import { type BindQueryClientOptions, bindQueryClient } from './bindQueryClient'
import { byResource, type QueryKey } from './queryKeys'

beforeEach(() => {
  vi.useFakeTimers()
})
afterEach(() => {
  vi.useRealTimers()
  vi.unstubAllGlobals()
})

const name = (key: QueryKey) => JSON.stringify(key)

/**
 * A real QueryClient (no gc or stale timers, so the only timers are the binder's) with one observer per
 * `active` key and a cached, unobserved query per `inactive` key, counting each key's fetches.
 */
async function cacheWith(
  active: QueryKey[],
  {
    inactive = [],
    data = (key) => key.join('/'),
  }: { inactive?: QueryKey[]; data?: (key: QueryKey) => unknown } = {},
) {
  const queryClient = new QueryClient({
    defaultOptions: { queries: { staleTime: Infinity, gcTime: Infinity, retry: false } },
  })
  const fetches = new Map<string, number>()
  const queryFn = (queryKey: QueryKey) => async () => {
    fetches.set(name(queryKey), (fetches.get(name(queryKey)) ?? 0) + 1)
    return data(queryKey)
  }
  const stops = new Map<string, () => void>()
  for (const queryKey of active) {
    const observer = new QueryObserver(queryClient, { queryKey, queryFn: queryFn(queryKey) })
    stops.set(
      name(queryKey),
      observer.subscribe(() => {}),
    )
  }
  for (const queryKey of inactive) await queryClient.prefetchQuery({ queryKey, queryFn: queryFn(queryKey) })
  await vi.advanceTimersByTimeAsync(10)
  fetches.clear()
  const reports: BinderReport[] = []
  return {
    queryClient,
    reports,
    /** Fetches per key since setup; keys never fetched are left out. */
    counts: () => Object.fromEntries(fetches),
    /** Unmounts the observer of `key`: its query stays cached, inactive. */
    unmount: (key: QueryKey) => stops.get(name(key))?.(),
    bind(stream: Parameters<typeof bindQueryClient>[0], options: BindQueryClientOptions = {}) {
      return bindQueryClient(stream, queryClient, {
        onDecisions: (report) => reports.push(report),
        ...options,
      })
    },
    /** Every decision reported so far, as `key outcome` lines. */
    outcomes: () =>
      reports.flatMap((report) => report.decisions.map((d) => `${name(d.key as QueryKey)} ${d.outcome}`)),
  }
}

const tick = () => vi.advanceTimersByTimeAsync(10)

describe('bindQueryClient: what an event concerns', () => {
  it('refetches the lists of the resource and the record named, not the other records', async () => {
    const { stream, emit } = createFakeStream()
    const cache = await cacheWith([
      ['orders'],
      ['orders', { page: 2 }],
      ['orders', 'list', { status: 'open' }],
      ['orders', 'ord_1'],
      ['orders', 'ord_1', 'items'],
      ['orders', 'ord_2'],
      ['orders', 'detail', 'ord_2'],
      ['customers'],
    ])
    cache.bind(stream)
    emit('invalidate', { resource: 'orders', id: 'ord_1', action: 'updated' })
    await tick()
    expect(cache.counts()).toEqual({
      '["orders"]': 1,
      '["orders",{"page":2}]': 1,
      '["orders","list",{"status":"open"}]': 1,
      '["orders","ord_1"]': 1,
      '["orders","ord_1","items"]': 1,
    })
    expect(cache.reports).toHaveLength(1)
    expect(
      cache.reports[0]?.decisions.map(({ key, kind, outcome, cause }) => ({ key, kind, outcome, cause })),
    ).toEqual([
      { key: ['orders'], kind: 'list', outcome: 'refetched', cause: 'event' },
      { key: ['orders', { page: 2 }], kind: 'list', outcome: 'refetched', cause: 'event' },
      { key: ['orders', 'list', { status: 'open' }], kind: 'list', outcome: 'refetched', cause: 'event' },
      { key: ['orders', 'ord_1'], kind: 'record', outcome: 'refetched', cause: 'event' },
      { key: ['orders', 'ord_1', 'items'], kind: 'recordPart', outcome: 'refetched', cause: 'event' },
    ])
  })

  it('matches ids as strings or numbers, in keys and in events', async () => {
    const { stream, emit } = createFakeStream()
    const cache = await cacheWith([
      ['orders', 5],
      ['orders', '7'],
      ['orders', { id: 9 }],
      ['orders', 6],
    ])
    cache.bind(stream)
    emit('batch', [
      { resource: 'orders', id: '5' },
      { resource: 'orders', id: 7 },
    ])
    emit('signal', { topic: 'orders.9' })
    await tick()
    expect(cache.counts()).toEqual({ '["orders",5]': 1, '["orders","7"]': 1, '["orders",{"id":9}]': 1 })
  })

  it('refetches every query of the resource for an event without id, and nothing for unknown resources', async () => {
    const { stream, emit } = createFakeStream()
    const cache = await cacheWith([['orders'], ['orders', 'ord_2'], ['customers']])
    cache.bind(stream)
    emit('invalidate', { resource: 'orders' })
    emit('invalidate', { resource: 'nope', id: 'x' })
    emit('invalidate', { resource: '', id: '' })
    await tick()
    expect(cache.counts()).toEqual({ '["orders"]': 1, '["orders","ord_2"]': 1 })
    // The nameless one is dropped on arrival; the unknown resource arrives and concerns no query.
    expect(cache.reports[0]?.notices).toHaveLength(2)
  })

  it('follows a custom toQueryKey, and the default where it returns undefined', async () => {
    const { stream, emit } = createFakeStream()
    const cache = await cacheWith([
      ['orders'],
      ['orders', 5],
      ['orders', 6],
      ['customers'],
      ['customers', 'c_2'],
    ])
    cache.bind(stream, {
      toQueryKey: (event) => (event.resource === 'orders' ? byResource(event) : undefined),
    })
    emit('invalidate', { resource: 'orders', id: '5' })
    emit('invalidate', { resource: 'customers', id: 'c_1' })
    await tick()
    expect(cache.counts()).toEqual({
      '["orders"]': 1,
      '["orders",5]': 1,
      '["orders",6]': 1,
      '["customers"]': 1,
    })
  })

  it('matches a record-only mapping with number ids', async () => {
    const { stream, emit } = createFakeStream()
    const cache = await cacheWith([['orders'], ['orders', 5], ['orders', 6]])
    cache.bind(stream, { toQueryKey: ({ resource, id }) => (id === undefined ? [resource] : [resource, id]) })
    emit('invalidate', { resource: 'orders', id: '5' })
    await tick()
    expect(cache.counts()).toEqual({ '["orders",5]': 1 })
  })

  it('invalidates on complete and on signal', async () => {
    const { stream, emit } = createFakeStream(['imports.*', 'dashboard'])
    const cache = await cacheWith([['imports', 'imp_9'], ['dashboard'], ['orders']])
    cache.bind(stream)
    emit('complete', { resource: 'imports', id: 'imp_9', status: 'completed' })
    emit('signal', { topic: 'dashboard' })
    await tick()
    expect(cache.counts()).toEqual({ '["imports","imp_9"]': 1, '["dashboard"]': 1 })
  })
})

describe('bindQueryClient: on screen or not', () => {
  it('marks queries without an active observer stale, and they refetch when next used', async () => {
    const { stream, emit } = createFakeStream()
    const cache = await cacheWith([['orders']], { inactive: [['orders', 'ord_1']] })
    cache.bind(stream)
    emit('invalidate', { resource: 'orders', id: 'ord_1' })
    await tick()
    expect(cache.counts()).toEqual({ '["orders"]': 1 })
    expect(cache.outcomes()).toEqual(['["orders"] refetched', '["orders","ord_1"] marked-stale'])
    expect(cache.queryClient.getQueryState(['orders', 'ord_1'])?.isInvalidated).toBe(true)

    const observer = new QueryObserver(cache.queryClient, {
      queryKey: ['orders', 'ord_1'],
      queryFn: async () => 'fresh',
    })
    const stop = observer.subscribe(() => {})
    await tick()
    expect(cache.queryClient.getQueryData(['orders', 'ord_1'])).toBe('fresh')
    stop()
  })

  it('turns a query that lost its observer into a marked-stale one', async () => {
    const { stream, emit } = createFakeStream()
    const cache = await cacheWith([['orders']])
    cache.bind(stream)
    cache.unmount(['orders'])
    emit('invalidate', { resource: 'orders' })
    await tick()
    expect(cache.counts()).toEqual({})
    expect(cache.outcomes()).toEqual(['["orders"] marked-stale'])
  })

  it('turns 50 events about one key in one frame into one refetch and one invalidateQueries call', async () => {
    const { stream, emit } = createFakeStream()
    const cache = await cacheWith([['orders'], ['customers']])
    const invalidate = vi.spyOn(cache.queryClient, 'invalidateQueries')
    cache.bind(stream)
    for (let i = 0; i < 50; i++) emit('invalidate', { resource: 'orders', id: `ord_${i}` })
    expect(invalidate).not.toHaveBeenCalled()
    await tick()
    expect(invalidate).toHaveBeenCalledTimes(1)
    expect(cache.counts()).toEqual({ '["orders"]': 1 })
    expect(cache.reports[0]?.decisions[0]?.events).toHaveLength(50)
  })

  it('waits for the next animation frame where there is one', async () => {
    const frames: FrameRequestCallback[] = []
    vi.stubGlobal('requestAnimationFrame', (callback: FrameRequestCallback) => frames.push(callback))
    vi.stubGlobal('cancelAnimationFrame', () => {})
    const { stream, emit } = createFakeStream()
    const cache = await cacheWith([['orders']])
    cache.bind(stream)
    emit('invalidate', { resource: 'orders' })
    emit('invalidate', { resource: 'orders' })
    await vi.advanceTimersByTimeAsync(100)
    expect(cache.counts()).toEqual({})
    expect(frames).toHaveLength(1)
    frames[0]?.(0)
    await tick()
    expect(cache.counts()).toEqual({ '["orders"]': 1 })
  })
})

describe('bindQueryClient: storm guard', () => {
  it('holds a key refetched moments ago, then refetches it once, with the last change', async () => {
    const { stream, emit } = createFakeStream()
    let version = 0
    const cache = await cacheWith([['orders']], { data: () => version })
    cache.bind(stream, { stormGuard: { minIntervalMs: 1000, maxIntervalMs: 10_000, burst: 3 } })
    version = 1
    emit('invalidate', { resource: 'orders', id: 'a' })
    await tick()
    for (const next of [2, 3, 4, 5]) {
      version = next
      emit('invalidate', { resource: 'orders', id: 'a' })
      await vi.advanceTimersByTimeAsync(100)
    }
    expect(cache.counts()).toEqual({ '["orders"]': 1 })
    expect(cache.outcomes()).toEqual([
      '["orders"] refetched',
      '["orders"] held',
      '["orders"] held',
      '["orders"] held',
      '["orders"] held',
    ])
    expect(cache.reports[1]?.decisions[0]?.retryInMs).toBeCloseTo(990, -1)
    // Held means stale meanwhile: whoever mounts it now fetches.
    expect(cache.queryClient.getQueryState(['orders'])?.isInvalidated).toBe(true)
    await vi.advanceTimersByTimeAsync(1000)
    expect(cache.counts()).toEqual({ '["orders"]': 2 })
    expect(cache.queryClient.getQueryData(['orders'])).toBe(5)
    expect(cache.reports.at(-1)?.decisions).toEqual([
      { key: ['orders'], cause: 'trailing', events: [], outcome: 'refetched' },
    ])
    expect(vi.getTimerCount()).toBe(0)
  })

  it('caps a storm of 10 events a second at one refetch per maxIntervalMs once the burst is spent', async () => {
    const { stream, emit } = createFakeStream()
    const cache = await cacheWith([['orders'], ['orders', 'ord_1']])
    cache.bind(stream, { stormGuard: { minIntervalMs: 1000, maxIntervalMs: 5000, burst: 2 } })
    for (let i = 0; i < 600; i++) {
      emit('invalidate', { resource: 'orders', id: 'ord_2' })
      await vi.advanceTimersByTimeAsync(100)
    }
    // 60 s: two quick refetches, then about one per 5 s; the record of another id is never touched.
    const fetched = cache.counts()['["orders"]'] ?? 0
    expect(fetched).toBeGreaterThanOrEqual(12)
    expect(fetched).toBeLessThanOrEqual(15)
    expect(cache.counts()['["orders","ord_1"]']).toBeUndefined()
  })

  it('refetches every frame with stormGuard: false', async () => {
    const { stream, emit } = createFakeStream()
    const cache = await cacheWith([['orders']])
    cache.bind(stream, { stormGuard: false })
    for (let i = 0; i < 5; i++) {
      emit('invalidate', { resource: 'orders' })
      await tick()
    }
    expect(cache.counts()).toEqual({ '["orders"]': 5 })
    expect(vi.getTimerCount()).toBe(0)
  })

  it('leaves no timer behind when unbound with a trailing refetch pending', async () => {
    const { stream, emit, listenerCount } = createFakeStream()
    const cache = await cacheWith([['orders'], ['customers']])
    const unbind = cache.bind(stream)
    emit('batch', [{ resource: 'orders' }, { resource: 'customers' }])
    await tick()
    emit('batch', [{ resource: 'orders' }, { resource: 'customers' }])
    await tick()
    expect(vi.getTimerCount()).toBe(2)
    emit('invalidate', { resource: 'orders' })
    unbind()
    expect(vi.getTimerCount()).toBe(0)
    expect(listenerCount()).toBe(0)
    await vi.advanceTimersByTimeAsync(60_000)
    expect(cache.counts()).toEqual({ '["orders"]': 1, '["customers"]': 1 })
  })

  it('skips the trailing refetch of a query removed or unmounted while held', async () => {
    const { stream, emit } = createFakeStream()
    const cache = await cacheWith([['orders'], ['customers']])
    cache.bind(stream)
    emit('batch', [{ resource: 'orders' }, { resource: 'customers' }])
    await tick()
    emit('batch', [{ resource: 'orders' }, { resource: 'customers' }])
    await tick()
    cache.queryClient.removeQueries({ queryKey: ['orders'] })
    cache.unmount(['customers'])
    await vi.advanceTimersByTimeAsync(2000)
    expect(cache.counts()).toEqual({ '["orders"]': 1, '["customers"]': 1 })
    expect(cache.outcomes().slice(-2).sort()).toEqual([
      '["customers"] skipped-inactive',
      '["orders"] skipped-inactive',
    ])
    expect(cache.queryClient.getQueryState(['customers'])?.isInvalidated).toBe(true)
  })

  it('refuses bad storm guard options at bind time', async () => {
    const { stream, listenerCount } = createFakeStream()
    const cache = await cacheWith([])
    expect(() => cache.bind(stream, { stormGuard: { minIntervalMs: -5 } })).toThrow(/stormGuard/)
    expect(listenerCount()).toBe(0)
  })
})

describe('bindQueryClient: patches', () => {
  type Order = { id: string | number; status: string; total: number }
  const record = (key: QueryKey): unknown =>
    key.length === 2
      ? { id: key[1], status: 'new', total: 5 }
      : [
          { id: 'ord_1', status: 'new', total: 5 },
          { id: 'ord_2', status: 'new', total: 7 },
        ]

  it('merges a hint into the record with applyHint, and still refetches the lists', async () => {
    const { stream, emit } = createFakeStream()
    const cache = await cacheWith([['orders'], ['orders', 'ord_1'], ['orders', 'ord_2']], { data: record })
    cache.bind(stream, { applyHint: true })
    emit('invalidate', { resource: 'orders', id: 'ord_1', hint: { status: 'shipped' } })
    await tick()
    expect(cache.queryClient.getQueryData(['orders', 'ord_1'])).toEqual({
      id: 'ord_1',
      status: 'shipped',
      total: 5,
    })
    expect(cache.counts()).toEqual({ '["orders"]': 1 })
    expect(cache.outcomes()).toEqual(['["orders"] refetched', '["orders","ord_1"] patched'])
  })

  it('patches the list too with listPatch: no request at all', async () => {
    const { stream, emit } = createFakeStream()
    const cache = await cacheWith([['orders'], ['orders', 'ord_1']], { data: record })
    cache.bind(stream, { patches: { orders: resourcePatch<Order>({ record: true, list: listPatch() }) } })
    emit('invalidate', { resource: 'orders', id: 'ord_1', hint: { status: 'shipped' } })
    emit('invalidate', { resource: 'orders', id: 'ord_2', action: 'deleted' })
    await tick()
    expect(cache.counts()).toEqual({})
    expect(cache.queryClient.getQueryData(['orders'])).toEqual([{ id: 'ord_1', status: 'shipped', total: 5 }])
    expect(cache.outcomes()).toEqual(['["orders"] patched', '["orders","ord_1"] patched'])
  })

  it('refetches what a patch cannot place: an unknown item, a sort field, a hint of the wrong shape, a plain event', async () => {
    const { stream, emit } = createFakeStream()
    const cache = await cacheWith([['orders'], ['orders', 'ord_1'], ['orders', 'ord_2']], { data: record })
    cache.bind(stream, {
      stormGuard: false,
      patches: { orders: resourcePatch<Order>({ record: true, list: listPatch({ orderedBy: ['total'] }) }) },
    })
    emit('invalidate', {
      resource: 'orders',
      id: 'ord_3',
      action: 'created',
      hint: { id: 'ord_3', status: 'new' },
    })
    await tick()
    emit('invalidate', { resource: 'orders', id: 'ord_1', hint: { total: 9 } })
    await tick()
    emit('invalidate', { resource: 'orders', id: 'ord_2', hint: 'shipped' })
    await tick()
    emit('invalidate', { resource: 'orders', id: 'ord_1', hint: { status: 'paid' } })
    emit('invalidate', { resource: 'orders', id: 'ord_1' })
    await tick()
    expect(cache.counts()).toEqual({ '["orders"]': 4, '["orders","ord_2"]': 1, '["orders","ord_1"]': 1 })
    expect(cache.outcomes()).toEqual([
      '["orders"] refetched',
      '["orders"] refetched',
      '["orders","ord_1"] patched',
      '["orders"] refetched',
      '["orders","ord_2"] refetched',
      // A later event without hint about the same record wins: neither the list nor the record can be patched.
      '["orders"] refetched',
      '["orders","ord_1"] refetched',
    ])
  })

  it('uses a typed record patch, and refetches when it returns undefined', async () => {
    const { stream, emit } = createFakeStream()
    const cache = await cacheWith(
      [
        ['orders', 'ord_1'],
        ['orders', 'ord_2'],
      ],
      { data: record },
    )
    cache.bind(stream, {
      patches: {
        orders: resourcePatch<Order, string>({
          record: (order, note, event) => (event.id === 'ord_1' ? { ...order, status: note } : undefined),
        }),
      },
    })
    emit('batch', [
      { resource: 'orders', id: 'ord_1', hint: 'paid' },
      { resource: 'orders', id: 'ord_2', hint: 'ignored' },
    ])
    await tick()
    expect(cache.queryClient.getQueryData(['orders', 'ord_1'])).toMatchObject({ status: 'paid' })
    expect(cache.counts()).toEqual({ '["orders","ord_2"]': 1 })
  })

  it('patches an inactive record too: it is cached, so nothing needs fetching', async () => {
    const { stream, emit } = createFakeStream()
    const cache = await cacheWith([], { inactive: [['orders', 'ord_1']], data: record })
    cache.bind(stream, { applyHint: true })
    emit('invalidate', { resource: 'orders', id: 'ord_1', hint: { status: 'paid' } })
    await tick()
    expect(cache.queryClient.getQueryData(['orders', 'ord_1'])).toMatchObject({ status: 'paid' })
    expect(cache.outcomes()).toEqual(['["orders","ord_1"] patched'])
  })
})

describe('bindQueryClient: resync', () => {
  it('refetches every active query the topics cover and marks the rest stale, hints and guard aside', async () => {
    const { stream, emit } = createFakeStream(['orders', 'customers.*', 'orders.>'])
    const cache = await cacheWith([['orders'], ['orders', 'ord_1'], ['invoices', { page: 1 }]], {
      inactive: [['customers']],
    })
    cache.bind(stream, { applyHint: true })
    emit('invalidate', { resource: 'orders' })
    await tick()
    emit('invalidate', { resource: 'orders', id: 'ord_1', hint: { status: 'paid' } })
    emit('resync', { reason: 'replay-gap' })
    await tick()
    expect(cache.counts()).toEqual({ '["orders"]': 2, '["orders","ord_1"]': 2 })
    expect(
      cache.reports[1]?.decisions.map(
        ({ key, outcome, cause }) => `${name(key as QueryKey)} ${outcome} ${cause}`,
      ),
    ).toEqual([
      '["orders"] refetched resync',
      '["orders","ord_1"] refetched resync',
      '["customers"] marked-stale resync',
    ])
  })

  it.each([['>'], ['*.rows']])('with a leading wildcard (%s) refetches everything', async (topic) => {
    const { stream, emit } = createFakeStream([topic])
    const cache = await cacheWith([['orders'], ['customers'], ['invoices', { page: 1 }]])
    cache.bind(stream)
    emit('resync', { reason: 'epoch' })
    await tick()
    expect(Object.values(cache.counts())).toEqual([1, 1, 1])
  })
})

describe('bindQueryClient: unbind', () => {
  it('removes every listener and flushes nothing queued', async () => {
    const fake = createFakeStream()
    const cache = await cacheWith([['orders']])
    const unbind = cache.bind(fake.stream)
    expect(fake.listenerCount()).toBeGreaterThan(0)
    fake.emit('invalidate', { resource: 'orders' })
    unbind()
    expect(fake.listenerCount()).toBe(0)
    fake.emit('invalidate', { resource: 'orders' })
    await tick()
    expect(cache.counts()).toEqual({})
    expect(cache.reports).toEqual([])
  })
})

describe('bindQueryClient: bad input and throwing app code', () => {
  it('drops items without a resource, treats an id of another type as absent, and survives a malformed batch', async () => {
    const { stream, emit } = createFakeStream()
    const cache = await cacheWith([['orders'], ['orders', 'null'], ['orders', 'NaN'], ['customers']])
    cache.bind(stream, { stormGuard: false })
    emit('batch', { not: 'an array' })
    emit('batch', [null, 7, { resource: 42 }, { resource: '' }, { id: 'x' }])
    emit('invalidate', null)
    emit('signal', { topic: 12 })
    await tick()
    expect(cache.counts()).toEqual({})
    // `null`, `NaN` and an object are no ids: the event concerns every orders query.
    emit('batch', [
      { resource: 'orders', id: null },
      { resource: 'orders', id: Number.NaN },
      { resource: 'orders', id: { x: 1 } },
    ])
    await tick()
    expect(cache.counts()).toEqual({ '["orders"]': 1, '["orders","null"]': 1, '["orders","NaN"]': 1 })
    expect(cache.reports.at(-1)?.notices).toEqual([
      { kind: 'invalidate', event: { resource: 'orders' } },
      { kind: 'invalidate', event: { resource: 'orders' } },
      { kind: 'invalidate', event: { resource: 'orders' } },
    ])
  })

  it('reports a throwing patch, mapping or listener, and still refetches', async () => {
    const reported: unknown[] = []
    vi.stubGlobal('reportError', (error: unknown) => reported.push(error))
    const { stream, emit } = createFakeStream()
    const cache = await cacheWith([['orders'], ['orders', 'ord_1'], ['customers']])
    bindQueryClient(stream, cache.queryClient, {
      stormGuard: false,
      toQueryKey: (event) => {
        if (event.resource === 'customers') throw new Error('mapping')
        return undefined
      },
      patches: {
        orders: {
          record: () => {
            throw new Error('record patch')
          },
          list: () => {
            throw new Error('list patch')
          },
        },
      },
      onDecisions: () => {
        throw new Error('listener')
      },
    })
    emit('batch', [
      { resource: 'orders', id: 'ord_1', hint: { status: 'paid' } },
      { resource: 'customers', id: 'c_1' },
    ])
    await tick()
    expect(cache.counts()).toEqual({ '["orders"]': 1, '["orders","ord_1"]': 1 })
    expect(reported.map((error) => (error as Error).message).sort()).toEqual(
      expect.arrayContaining(['listener', 'list patch', 'mapping', 'record patch']),
    )
    expect(vi.getTimerCount()).toBe(0)
  })
})
