import { type Key, unstable_serialize } from 'swr'
import { unstable_serialize as serializeInfinite } from 'swr/infinite'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createFakeStream } from '../../test/support/createFakeStream'
import type { BinderReport } from '../bind/BinderDecision'
import { listPatch } from '../bind/listPatch'
import { type BindSWROptions, bindSWR, type MutateLike } from './bindSWR'
import { matchesResource } from './matchesResource'

beforeEach(() => {
  vi.useFakeTimers()
})
afterEach(() => {
  vi.useRealTimers()
})

/**
 * SWR's cache and global `mutate` as they behave (see SWR's `internalMutate`): `mutate(filter)` walks the
 * keys but `$inf$`/`$sub$` ones; `mutate(key)` revalidates only a key with a mounted hook, which marks it
 * validating at once; `mutate(key, data, { revalidate: false })` writes the data.
 */
function fakeSWR(entries: Array<{ key: Key; data?: unknown; mounted?: boolean; cacheKey?: string }>) {
  const cache = new Map<string, { data?: unknown; isValidating?: boolean; _k?: unknown }>()
  const mounted = new Set<string>()
  const revalidated: unknown[] = []
  for (const { key, data, mounted: isMounted = true, cacheKey = unstable_serialize(key) } of entries) {
    cache.set(cacheKey, { data, _k: key })
    if (isMounted) mounted.add(cacheKey)
  }
  const mutate = ((keyOrFilter: unknown, ...rest: unknown[]) => {
    if (typeof keyOrFilter === 'function') {
      for (const [cacheKey, state] of cache) {
        if (!/^\$(inf|sub)\$/.test(cacheKey)) (keyOrFilter as (key: unknown) => boolean)(state._k)
      }
      return Promise.resolve([])
    }
    const cacheKey = unstable_serialize(keyOrFilter as Key)
    const state = cache.get(cacheKey)
    if (rest.length > 0) {
      cache.set(cacheKey, { ...state, data: rest[0] })
    } else if (mounted.has(cacheKey) && state) {
      state.isValidating = true
      revalidated.push(state._k ?? cacheKey)
    }
    return Promise.resolve(state?.data)
  }) as MutateLike
  const reports: BinderReport[] = []
  return {
    cache,
    mutate,
    revalidated,
    reports,
    /** Finishes every revalidation, as SWR does when the fetch resolves. */
    settle: () => {
      for (const state of cache.values()) state.isValidating = false
      revalidated.length = 0
    },
    bind(stream: Parameters<typeof bindSWR>[0], options: BindSWROptions = {}) {
      return bindSWR(stream, mutate, { cache, onDecisions: (report) => reports.push(report), ...options })
    },
    outcomes: () => reports.flatMap((r) => r.decisions.map((d) => `${JSON.stringify(d.key)} ${d.outcome}`)),
  }
}

const tick = () => vi.advanceTimersByTimeAsync(10)

describe('bindSWR', () => {
  it('revalidates the lists and the record named, in array, string and URL keys; ids as strings or numbers', async () => {
    const { stream, emit } = createFakeStream()
    const swr = fakeSWR([
      { key: 'orders' },
      { key: '/api/orders?page=2' },
      { key: '/api/orders/ord_1' },
      { key: '/api/orders/ord_2' },
      { key: ['orders', 5] },
      { key: ['orders', 6] },
      { key: ['customers'] },
      { key: '/api/customers/orders-summary' },
    ])
    swr.bind(stream)
    emit('batch', [
      { resource: 'orders', id: 'ord_1' },
      { resource: 'orders', id: '5' },
    ])
    await tick()
    expect(swr.revalidated).toEqual(['orders', '/api/orders?page=2', '/api/orders/ord_1', ['orders', 5]])
  })

  it('reports keys without a mounted hook as skipped-inactive: SWR revalidates them when they mount', async () => {
    const { stream, emit } = createFakeStream()
    const swr = fakeSWR([{ key: '/api/orders' }, { key: '/api/orders/ord_1', mounted: false }])
    swr.bind(stream)
    emit('invalidate', { resource: 'orders', id: 'ord_1' })
    await tick()
    expect(swr.revalidated).toEqual(['/api/orders'])
    expect(swr.outcomes()).toEqual(['"/api/orders" refetched', '"/api/orders/ord_1" skipped-inactive'])
  })

  it('holds a key revalidated moments ago and revalidates it once when due; unbinding clears the timer', async () => {
    const { stream, emit } = createFakeStream()
    const swr = fakeSWR([{ key: '/api/orders' }, { key: '/api/customers' }])
    const unbind = swr.bind(stream, { stormGuard: { minIntervalMs: 1000, maxIntervalMs: 10_000, burst: 3 } })
    emit('batch', [{ resource: 'orders' }, { resource: 'customers' }])
    await tick()
    swr.settle()
    emit('batch', [{ resource: 'orders' }, { resource: 'customers' }])
    await tick()
    expect(swr.revalidated).toEqual([])
    expect(swr.outcomes().slice(2)).toEqual(['"/api/orders" held', '"/api/customers" held'])
    swr.cache.delete(unstable_serialize('/api/customers'))
    await vi.advanceTimersByTimeAsync(1000)
    expect(swr.revalidated).toEqual(['/api/orders'])
    expect(swr.outcomes().slice(4).sort()).toEqual([
      '"/api/customers" skipped-inactive',
      '"/api/orders" refetched',
    ])

    swr.settle()
    emit('invalidate', { resource: 'orders' })
    await tick()
    expect(vi.getTimerCount()).toBe(1)
    unbind()
    expect(vi.getTimerCount()).toBe(0)
    await vi.advanceTimersByTimeAsync(30_000)
    expect(swr.revalidated).toEqual([])
  })

  it('patches cached data from hints and lists, through mutate(key, data, { revalidate: false })', async () => {
    const { stream, emit } = createFakeStream()
    const swr = fakeSWR([
      { key: '/api/orders', data: [{ id: 1, status: 'new' }] },
      { key: '/api/orders/1', data: { id: 1, status: 'new' } },
    ])
    swr.bind(stream, { applyHint: true, patches: { orders: { list: listPatch() } } })
    emit('invalidate', { resource: 'orders', id: '1', hint: { status: 'paid' } })
    await tick()
    expect(swr.revalidated).toEqual([])
    expect(swr.cache.get('/api/orders')?.data).toEqual([{ id: 1, status: 'paid' }])
    expect(swr.cache.get('/api/orders/1')?.data).toEqual({ id: 1, status: 'paid' })
  })

  it('uses a custom filter where given, the default elsewhere', async () => {
    const { stream, emit } = createFakeStream()
    const swr = fakeSWR([
      { key: '/api/orders/ord_1' },
      { key: '/api/orders/ord_2' },
      { key: '/api/customers/c_2' },
    ])
    swr.bind(stream, {
      toKeyFilter: (event) => (event.resource === 'orders' ? matchesResource(event) : undefined),
    })
    emit('batch', [
      { resource: 'orders', id: 'ord_1' },
      { resource: 'customers', id: 'c_1' },
    ])
    await tick()
    expect(swr.revalidated).toEqual(['/api/orders/ord_1', '/api/orders/ord_2'])
  })

  it('on resync revalidates what the topics cover, or everything after a leading wildcard', async () => {
    const keys = [{ key: ['customers'] }, { key: '/api/customers/c_1' }, { key: '/api/orders' }]
    const covered = createFakeStream(['customers.*'])
    const first = fakeSWR(keys)
    first.bind(covered.stream)
    covered.emit('resync', { reason: 'overflow' })
    await tick()
    expect(first.revalidated).toEqual([['customers'], '/api/customers/c_1'])

    const wildcard = createFakeStream(['>'])
    const second = fakeSWR(keys)
    second.bind(wildcard.stream)
    wildcard.emit('resync', { reason: 'overflow' })
    await tick()
    expect(second.revalidated).toEqual([['customers'], '/api/customers/c_1', '/api/orders'])
  })

  it('finds the useSWRInfinite keys mutate(filter) skips, and leaves subscriptions alone', async () => {
    const { stream, emit } = createFakeStream()
    const infiniteString = serializeInfinite((page) => `/api/orders?page=${page}`)
    const infiniteArray = serializeInfinite((page) => ['orders', { page }])
    const infiniteOther = serializeInfinite((page) => ['customers', page])
    const swr = fakeSWR([
      { key: infiniteString, cacheKey: infiniteString },
      { key: infiniteArray, cacheKey: infiniteArray },
      { key: infiniteOther, cacheKey: infiniteOther },
      { key: '$sub$orders', cacheKey: '$sub$orders' },
    ])
    swr.bind(stream, { patches: { orders: { list: () => [] } } })
    emit('invalidate', { resource: 'orders', id: 'ord_1', hint: { id: 'ord_1' } })
    await tick()
    expect(swr.revalidated).toEqual([infiniteString, infiniteArray])
  })

  it('without the cache, revalidates each matching key through mutate', async () => {
    const { stream, emit } = createFakeStream()
    const swr = fakeSWR([{ key: '/api/orders' }, { key: '/api/orders/ord_2' }, { key: ['orders', 'ord_1'] }])
    const reports: BinderReport[] = []
    bindSWR(stream, swr.mutate, { onDecisions: (report) => reports.push(report) })
    emit('invalidate', { resource: 'orders', id: 'ord_1' })
    await tick()
    expect(swr.revalidated).toEqual(['/api/orders', ['orders', 'ord_1']])
    expect(reports[0]?.decisions.map((d) => d.outcome)).toEqual(['refetched', 'refetched'])
  })

  it('unbinds: no listener stays on the stream and nothing queued is flushed', async () => {
    const fake = createFakeStream()
    const swr = fakeSWR([{ key: '/api/orders' }])
    const unbind = swr.bind(fake.stream)
    fake.emit('invalidate', { resource: 'orders' })
    unbind()
    expect(fake.listenerCount()).toBe(0)
    await tick()
    expect(swr.revalidated).toEqual([])
  })
})
