import { describe, expectTypeOf, it } from 'vitest'
import { createHub } from './createHub'

interface MyEvents {
  'order.shipped': { id: string; carrier: 'ups' | 'dhl' }
  'report.ready': { url: string }
}

describe('createHub<Events>', () => {
  const hub = createHub<MyEvents>()

  it('types publish by event name', () => {
    expectTypeOf(
      hub.publish({ type: 'order.shipped', topics: 'orders', data: { id: 'o1', carrier: 'ups' } }),
    ).toEqualTypeOf<Promise<string>>()
    // @ts-expect-error an unknown event name
    void hub.publish({ type: 'order.lost', topics: 'orders', data: { id: 'o1' } })
    // @ts-expect-error a payload of the wrong shape
    void hub.publish({ type: 'order.shipped', topics: 'orders', data: { id: 1, carrier: 'ups' } })
    // @ts-expect-error a payload of another event
    void hub.publish({ type: 'order.shipped', topics: 'orders', data: { url: '/r.pdf' } })
    // @ts-expect-error an unknown lane
    void hub.publish({ type: 'report.ready', topics: 'reports', data: { url: '/r.pdf' }, lane: 'fast' })
  })

  it('accepts any event on an untyped hub', () => {
    const untyped = createHub()
    void untyped.publish({ type: 'anything', topics: ['a', 'b'], data: [1, 2, 3] })
  })
})
