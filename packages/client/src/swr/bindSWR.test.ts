import { unstable_serialize } from 'swr/infinite'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createFakeStream } from '../../test/support/createFakeStream'
import { bindSWR, type MutateLike } from './bindSWR'
import { matchesResource } from './matchesResource'

beforeEach(() => {
  vi.useFakeTimers()
})
afterEach(() => {
  vi.useRealTimers()
})

const keys: unknown[] = [
  'orders',
  '/api/orders',
  '/api/orders/ord_1?tab=items',
  'https://api.example.com/orders',
  ['orders', 'ord_1'],
  ['customers'],
  '/api/customers/orders-summary',
  'preorders',
  undefined,
]

/** A `mutate` that records, for each call, the keys of {@link keys} its filter picks (or the string key). */
function recordingMutate() {
  const calls: unknown[][] = []
  const mutate = ((keyOrFilter: string | ((key?: unknown) => boolean)) => {
    calls.push(typeof keyOrFilter === 'string' ? [keyOrFilter] : keys.filter((key) => keyOrFilter(key)))
    return Promise.resolve([])
  }) as MutateLike
  return { mutate, calls }
}

describe('matchesResource', () => {
  it('matches array keys by first element, the equal string, and URL path segments', () => {
    const matches = matchesResource({ resource: 'orders' })
    expect(keys.filter(matches)).toEqual([
      'orders',
      '/api/orders',
      '/api/orders/ord_1?tab=items',
      'https://api.example.com/orders',
      ['orders', 'ord_1'],
    ])
    expect(matchesResource({ resource: 'example.com' })('https://example.com/x')).toBe(false)
  })
})

describe('bindSWR', () => {
  it('revalidates the matching keys through one mutate(filter) per frame', async () => {
    const { stream, emit } = createFakeStream()
    const { mutate, calls } = recordingMutate()
    bindSWR(stream, mutate)
    for (let i = 0; i < 50; i++) emit('invalidate', { resource: 'orders', id: `ord_${i}` })
    emit('batch', [{ resource: 'customers' }])
    expect(calls).toEqual([])
    await vi.advanceTimersByTimeAsync(10)
    expect(calls).toEqual([
      [
        'orders',
        '/api/orders',
        '/api/orders/ord_1?tab=items',
        'https://api.example.com/orders',
        ['orders', 'ord_1'],
        ['customers'],
        '/api/customers/orders-summary',
      ],
    ])
  })

  it('uses a custom filter', async () => {
    const { stream, emit } = createFakeStream()
    const { mutate, calls } = recordingMutate()
    bindSWR(stream, mutate, {
      toKeyFilter:
        ({ resource, id }) =>
        (key) =>
          Array.isArray(key) && key[0] === resource && key[1] === id,
    })
    emit('invalidate', { resource: 'orders', id: 'ord_1' })
    await vi.advanceTimersByTimeAsync(10)
    expect(calls).toEqual([[['orders', 'ord_1']]])
  })

  it('on resync revalidates what the topics cover, or everything after a leading wildcard', async () => {
    const covered = createFakeStream(['customers.*'])
    const first = recordingMutate()
    bindSWR(covered.stream, first.mutate)
    covered.emit('resync', { reason: 'overflow' })
    await vi.advanceTimersByTimeAsync(10)
    expect(first.calls).toEqual([[['customers'], '/api/customers/orders-summary']])

    const wildcard = createFakeStream(['>'])
    const second = recordingMutate()
    bindSWR(wildcard.stream, second.mutate)
    wildcard.emit('resync', { reason: 'overflow' })
    await vi.advanceTimersByTimeAsync(10)
    expect(second.calls).toEqual([keys])
  })

  it('finds the useSWRInfinite keys mutate(filter) skips, given the cache', async () => {
    const { stream, emit } = createFakeStream()
    const { mutate, calls } = recordingMutate()
    const infiniteString = unstable_serialize((page) => `/api/orders?page=${page}`)
    const infiniteArray = unstable_serialize((page) => ['orders', { page }])
    const infiniteOther = unstable_serialize((page) => ['customers', page])
    const subscription = '$sub$orders'
    const cache = {
      keys: () => new Set([infiniteString, infiniteArray, infiniteOther, subscription]).values(),
    }
    bindSWR(stream, mutate, { cache })
    emit('invalidate', { resource: 'orders' })
    await vi.advanceTimersByTimeAsync(10)
    expect(calls.slice(1)).toEqual([[infiniteString], [infiniteArray]])
  })

  it('unbinds: no listener stays on the stream and nothing queued is flushed', async () => {
    const fake = createFakeStream()
    const { mutate, calls } = recordingMutate()
    const unbind = bindSWR(fake.stream, mutate)
    fake.emit('invalidate', { resource: 'orders' })
    unbind()
    expect(fake.listenerCount()).toBe(0)
    await vi.advanceTimersByTimeAsync(10)
    expect(calls).toEqual([])
  })
})
