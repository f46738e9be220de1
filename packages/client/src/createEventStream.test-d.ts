import type { InvalidationData } from '@ssehub/protocol'
import { describe, expectTypeOf, it } from 'vitest'
import { createEventStream } from './createEventStream'
import type { EventStreamStatus } from './createStatusStore'

interface AppEvents {
  'order.shipped': { orderId: string; carrier: string }
  // A user map cannot retype a protocol event: `invalidate` keeps the hub's shape.
  invalidate: number
}

const stream = createEventStream<AppEvents>({ url: 'http://127.0.0.1/events', topics: ['orders'] })

describe('createEventStream typing', () => {
  it('types the data of the app events and of every protocol event', () => {
    stream.on('order.shipped', (data, meta) => {
      expectTypeOf(data).toEqualTypeOf<{ orderId: string; carrier: string }>()
      expectTypeOf(meta.type).toEqualTypeOf<'order.shipped'>()
      expectTypeOf(meta.id).toEqualTypeOf<string | undefined>()
    })
    stream.on('invalidate', (data) => expectTypeOf(data).toEqualTypeOf<InvalidationData>())
    stream.on('batch', (data) => expectTypeOf(data).toEqualTypeOf<InvalidationData[]>())
    stream.on('resync', (data) =>
      expectTypeOf(data.reason).toEqualTypeOf<'replay-gap' | 'epoch' | 'overflow'>(),
    )
    stream.on('drain', (data) => expectTypeOf(data.reconnectInMs).toBeNumber())
    stream.on('connected', (data) => expectTypeOf(data.heartbeatMs).toBeNumber())
    expectTypeOf(stream.status).toEqualTypeOf<EventStreamStatus>()
    expectTypeOf(stream.on('signal', () => {})).toEqualTypeOf<() => void>()
  })

  it('rejects an unknown event name', () => {
    // @ts-expect-error 'order.lost' is not in AppEvents
    stream.on('order.lost', () => {})
    const untyped = createEventStream({ url: 'http://127.0.0.1/events', topics: ['orders'] })
    // @ts-expect-error without an event map only the protocol events exist
    untyped.on('order.shipped', () => {})
  })

  it('rejects a handler for the wrong payload type', () => {
    // @ts-expect-error orderId is a string
    stream.on('order.shipped', (data: { orderId: number }) => data)
    // @ts-expect-error progress carries numbers
    stream.on('progress', (data: { current: string }) => data)
  })
})
