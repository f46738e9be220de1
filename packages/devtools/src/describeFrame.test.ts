import { describe, expect, it } from 'vitest'
import { describeFrame, EXACT_SIZE_LIMIT } from './describeFrame'

describe('describeFrame', () => {
  it('tells the topics and lane the protocol implies for each of its events', () => {
    expect(
      describeFrame('invalidate', '{"resource":"orders","id":"ord_1","action":"created"}'),
    ).toMatchObject({
      topics: ['orders', 'orders.ord_1'],
      lane: 'instant',
      items: [{ resource: 'orders', id: 'ord_1' }],
    })
    expect(
      describeFrame('batch', '[{"resource":"orders","id":7},{"resource":"stats"},{"nope":1}]'),
    ).toMatchObject({
      topics: ['orders', 'orders.7', 'stats'],
      items: [{ resource: 'orders', id: 7 }, { resource: 'stats' }],
    })
    expect(describeFrame('signal', '{"topic":"dashboard.sales"}')).toMatchObject({
      topics: ['dashboard.sales'],
      lane: 'coalesced',
      items: [{ resource: 'dashboard', id: 'sales' }],
    })
    expect(describeFrame('progress', '{"resource":"imports","id":"imp_1","pct":40}')).toMatchObject({
      topics: ['imports', 'imports.imp_1'],
      lane: 'coalesced',
    })
    expect(describeFrame('cursor', '').lane).toBe('none')
    expect(describeFrame('order.shipped', '{"resource":"orders"}')).toMatchObject({
      topics: [],
      lane: 'unknown',
      items: [],
    })
  })

  it('counts UTF-8 bytes exactly, and tolerates data that is not JSON or not an object', () => {
    expect(describeFrame('x', 'aé€😀').bytes).toBe(1 + 2 + 3 + 4)
    expect(describeFrame('invalidate', 'not json')).toMatchObject({ topics: [], items: [], bytes: 8 })
    expect(describeFrame('invalidate', 'null').items).toEqual([])
    expect(describeFrame('invalidate', '{"resource":"","id":{"x":1}}').items).toEqual([])
    expect(describeFrame('invalidate', '{"resource":"a","id":{"x":1}}').items).toEqual([{ resource: 'a' }])
  })

  it('neither parses nor walks a huge payload: its size is the character count, marked approximate', () => {
    const huge = `{"resource":"orders","blob":"${'é'.repeat(EXACT_SIZE_LIMIT)}"}`
    expect(describeFrame('invalidate', huge)).toEqual({
      topics: [],
      lane: 'instant',
      items: [],
      bytes: huge.length,
      approximate: true,
    })
  })
})
