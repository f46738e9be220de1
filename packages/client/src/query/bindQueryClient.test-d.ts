import type { InvalidationData } from '@ssehub/protocol'
import { QueryClient } from '@tanstack/query-core'
import { mutate as globalMutate } from 'swr'
import { describe, expectTypeOf, it } from 'vitest'
import { listPatch } from '../bind/listPatch'
import { resourcePatch } from '../bind/ResourcePatch'
import { createEventStream } from '../createEventStream'
import { bindSWR } from '../swr/bindSWR'
import { bindQueryClient } from './bindQueryClient'
import { byResource } from './queryKeys'

const stream = createEventStream<{ 'order.shipped': { orderId: string } }>({
  url: 'http://127.0.0.1/events',
  topics: ['orders'],
})
const queryClient = new QueryClient()

describe('binder typing', () => {
  it('takes a typed stream, a real QueryClient and SWR mutate, and returns an unbind function', () => {
    expectTypeOf(bindQueryClient(stream, queryClient)).toEqualTypeOf<() => void>()
    expectTypeOf(bindQueryClient(stream, queryClient, { toQueryKey: byResource })).toEqualTypeOf<() => void>()
    expectTypeOf(bindSWR(stream, globalMutate)).toEqualTypeOf<() => void>()
    bindQueryClient(stream, queryClient, {
      toQueryKey: (event) => {
        expectTypeOf(event).toEqualTypeOf<InvalidationData>()
        return ['orders', { id: event.id }]
      },
      applyHint: (cached, hint, event) => ({ cached, hint, id: event.id }),
    })
  })

  it('types patches per resource, decisions and the storm guard', () => {
    type Order = { id: number; status: 'new' | 'paid' }
    bindQueryClient(stream, queryClient, {
      patches: {
        orders: resourcePatch<Order>({
          record: (order, hint) => {
            expectTypeOf(order).toEqualTypeOf<Order>()
            expectTypeOf(hint).toEqualTypeOf<Partial<Order>>()
            return { ...order, ...hint }
          },
          list: listPatch<Order>({ compare: (a, b) => a.id - b.id }),
        }),
        customers: { record: true },
      },
      stormGuard: { maxIntervalMs: 10_000 },
      onDecisions: ({ decisions }) => {
        expectTypeOf(decisions[0]!.outcome).toEqualTypeOf<
          'refetched' | 'marked-stale' | 'patched' | 'held' | 'skipped-inactive'
        >()
      },
    })
    bindQueryClient(stream, queryClient, { stormGuard: false, toQueryKey: () => undefined })
    // @ts-expect-error a record patch returns the record's type
    resourcePatch<Order>({ record: (order) => ({ ...order, status: 'lost' }) })
    // @ts-expect-error the storm guard takes numbers
    bindQueryClient(stream, queryClient, { stormGuard: { maxIntervalMs: '10s' } })
  })

  it('rejects what is not a stream, a query client or a key', () => {
    // @ts-expect-error a stream needs `on` and `topics`
    bindQueryClient({ topics: ['orders'] }, queryClient)
    // @ts-expect-error not a QueryClient
    bindQueryClient(stream, { invalidateQueries: () => {} })
    // @ts-expect-error a query key is an array
    bindQueryClient(stream, queryClient, { toQueryKey: (event) => event.resource })
    // @ts-expect-error applyHint is a boolean or a merger
    bindQueryClient(stream, queryClient, { applyHint: 'yes' })
    // @ts-expect-error a key filter returns a boolean
    bindSWR(stream, globalMutate, { toKeyFilter: () => 'orders' })
  })
})
