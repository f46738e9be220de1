import { createEventStream } from '@ssehub/client'
import type { QueryKey } from '@ssehub/client/query'
import { describe, expectTypeOf, it } from 'vitest'
import { EventStreamProvider } from './EventStreamProvider'
import { type Progress, useProgress } from './index'
import { useInvalidationStream as useSWRInvalidationStream } from './swr/useInvalidationStream'
import { useEventStream } from './useEventStream'
import { useInvalidationStream } from './useInvalidationStream'
import { useStreamListener } from './useStreamListener'
import type { StreamState } from './useStreamState'

interface AppEvents {
  'order.shipped': { orderId: string; carrier: string }
}

describe('hook typing', () => {
  it('types the state, the progress and the events of a typed stream', () => {
    expectTypeOf(useInvalidationStream()).toEqualTypeOf<StreamState>()
    expectTypeOf(useProgress('imports', 'imp_9')).toEqualTypeOf<Progress | undefined>()
    expectTypeOf(useProgress('imports', 9)).toEqualTypeOf<Progress | undefined>()
    const stream = useEventStream<AppEvents>()
    useStreamListener(stream, 'order.shipped', (data, meta) => {
      expectTypeOf(data).toEqualTypeOf<{ orderId: string; carrier: string }>()
      expectTypeOf(meta.type).toEqualTypeOf<'order.shipped'>()
    })
    useStreamListener(stream, 'progress', (data) => expectTypeOf(data.pct).toBeNumber())
    useInvalidationStream({
      url: '/events',
      topics: ['orders'],
      toQueryKey: (event): QueryKey => [event.resource, event.id],
      applyHint: true,
    })
    useSWRInvalidationStream({ toKeyFilter: (event) => (key) => key === event.resource })
    const typed = createEventStream<AppEvents>({ url: 'http://127.0.0.1/events', topics: ['orders'] })
    expectTypeOf(<EventStreamProvider stream={typed} />).not.toBeAny()
  })

  it('rejects a wrong event name or payload shape', () => {
    const stream = useEventStream<AppEvents>()
    // @ts-expect-error 'order.lost' is not an event of AppEvents
    useStreamListener(stream, 'order.lost', () => {})
    // @ts-expect-error orderId is a string
    useStreamListener(stream, 'order.shipped', (data: { orderId: number }) => data)
    // @ts-expect-error progress carries numbers
    useStreamListener(stream, 'progress', (data: { pct: string }) => data)
  })

  it('rejects half a stream config and wrong binder options', () => {
    // @ts-expect-error url without topics
    useInvalidationStream({ url: '/events' })
    // @ts-expect-error a query key is an array
    useInvalidationStream({ toQueryKey: (event) => event.resource })
    // @ts-expect-error a key filter returns a boolean
    useSWRInvalidationStream({ toKeyFilter: () => () => 'orders' })
    // @ts-expect-error a provider needs a stream or options
    ;<EventStreamProvider />
    // @ts-expect-error not both
    ;<EventStreamProvider
      stream={createEventStream({ url: 'x', topics: ['a'] })}
      options={{ url: 'x', topics: ['a'] }}
    />
  })
})
