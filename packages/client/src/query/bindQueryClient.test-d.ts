import { QueryClient } from '@tanstack/query-core'
import { mutate as globalMutate } from 'swr'
import { describe, expectTypeOf, it } from 'vitest'
import { createEventStream } from '../createEventStream'
import type { InvalidationData } from '../ProtocolEvents'
import { bindSWR } from '../swr/bindSWR'
import { bindQueryClient } from './bindQueryClient'
import { byResourceAndId } from './queryKeys'

const stream = createEventStream<{ 'order.shipped': { orderId: string } }>({
  url: 'http://127.0.0.1/events',
  topics: ['orders'],
})
const queryClient = new QueryClient()

describe('binder typing', () => {
  it('takes a typed stream, a real QueryClient and SWR mutate, and returns an unbind function', () => {
    expectTypeOf(bindQueryClient(stream, queryClient)).toEqualTypeOf<() => void>()
    expectTypeOf(bindQueryClient(stream, queryClient, { toQueryKey: byResourceAndId })).toEqualTypeOf<
      () => void
    >()
    expectTypeOf(bindSWR(stream, globalMutate)).toEqualTypeOf<() => void>()
    bindQueryClient(stream, queryClient, {
      toQueryKey: (event) => {
        expectTypeOf(event).toEqualTypeOf<InvalidationData>()
        return ['orders', { id: event.id }]
      },
      applyHint: (cached, hint, event) => ({ cached, hint, id: event.id }),
    })
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
