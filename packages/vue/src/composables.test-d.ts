import { createEventStream, type EventStreamStatus } from '@ssehub/client'
import type { QueryKey } from '@ssehub/client/query'
import { QueryClient } from '@tanstack/vue-query'
import { describe, expectTypeOf, it } from 'vitest'
import { createApp, type ShallowRef } from 'vue'
import { EventStreamPlugin } from './EventStreamPlugin'
import type { Progress } from './index'
import { useProgress } from './index'
import { useEventStream } from './useEventStream'
import { useInvalidationStream } from './useInvalidationStream'
import { useStreamListener } from './useStreamListener'

interface AppEvents {
  'order.shipped': { orderId: string; carrier: string }
}

describe('composable typing', () => {
  it('returns refs and types the events of a typed stream', () => {
    const { status, lastEventId } = useInvalidationStream({ queryClient: new QueryClient() })
    expectTypeOf(status.value).toEqualTypeOf<EventStreamStatus>()
    expectTypeOf(lastEventId.value).toEqualTypeOf<string | undefined>()
    expectTypeOf(useProgress('imports', () => 'imp_9')).toEqualTypeOf<
      Readonly<ShallowRef<Progress | undefined>>
    >()
    const stream = useEventStream<AppEvents>()
    useStreamListener(stream, 'order.shipped', (data) =>
      expectTypeOf(data).toEqualTypeOf<{ orderId: string; carrier: string }>(),
    )
    useInvalidationStream({ url: '/events', topics: ['orders'], toQueryKey: (e): QueryKey => [e.resource] })
    const typed = createEventStream<AppEvents>({ url: 'http://127.0.0.1/events', topics: ['orders'] })
    createApp({}).use(EventStreamPlugin, { stream: typed })
  })

  it('rejects a wrong event name or payload shape', () => {
    const stream = useEventStream<AppEvents>()
    // @ts-expect-error 'order.lost' is not an event of AppEvents
    useStreamListener(stream, 'order.lost', () => {})
    // @ts-expect-error orderId is a string
    useStreamListener(stream, 'order.shipped', (data: { orderId: number }) => data)
  })

  it('rejects half a stream config and a plugin without a stream or options', () => {
    // @ts-expect-error url without topics
    useInvalidationStream({ url: '/events' })
    // @ts-expect-error a query key is an array
    useInvalidationStream({ toQueryKey: (event) => event.resource })
    // @ts-expect-error the plugin needs a stream or options
    createApp({}).use(EventStreamPlugin, {})
  })
})
