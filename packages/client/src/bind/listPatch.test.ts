import { describe, expect, it } from 'vitest'
import { listPatch, removeById, upsertById } from './listPatch'

type Order = { id: string | number; status: string; total: number }
const list: Order[] = [
  { id: 'a', status: 'new', total: 1 },
  { id: 2, status: 'new', total: 2 },
]

describe('listPatch', () => {
  it('updates an item in place from its hint, matching ids as strings or numbers', () => {
    const patch = listPatch<Order>()
    expect(patch(list, { resource: 'orders', id: '2', hint: { status: 'paid' } }, ['orders'])).toEqual([
      list[0],
      { id: 2, status: 'paid', total: 2 },
    ])
    expect(list[1]?.status).toBe('new')
  })

  it('removes on a removal action, even without hint; an absent item leaves the list as it is', () => {
    const patch = listPatch<Order>()
    expect(patch(list, { resource: 'orders', id: 'a', action: 'deleted' }, ['orders'])).toEqual([list[1]])
    expect(patch(list, { resource: 'orders', id: 'z', action: 'removed' }, ['orders'])).toBe(list)
  })

  it('declines (→ refetch) what it cannot place', () => {
    const patch = listPatch<Order>({ orderedBy: ['total'] })
    const key = ['orders']
    expect(patch({ items: list }, { resource: 'orders', id: 'a', hint: {} }, key)).toBeUndefined()
    expect(patch(list, { resource: 'orders', hint: { status: 'x' } }, key)).toBeUndefined()
    expect(patch(list, { resource: 'orders', id: 'a' }, key)).toBeUndefined()
    expect(patch(list, { resource: 'orders', id: 'a', hint: 'paid' }, key)).toBeUndefined()
    expect(patch(list, { resource: 'orders', id: 'a', hint: ['paid'] }, key)).toBeUndefined()
    expect(patch(list, { resource: 'orders', id: 'a', hint: { total: 9 } }, key)).toBeUndefined()
    expect(
      patch(list, { resource: 'orders', id: 'z', hint: { id: 'z', status: 'new' } }, key),
    ).toBeUndefined()
  })

  it('re-sorts with compare, inserts whole items when told, and follows membership with belongs', () => {
    const sorted = listPatch<Order>({
      orderedBy: ['total'],
      compare: (x, y) => y.total - x.total,
      onMissing: 'end',
    })
    expect(sorted(list, { resource: 'orders', id: 'a', hint: { total: 9 } }, ['orders'])).toEqual([
      { id: 'a', status: 'new', total: 9 },
      list[1],
    ])
    expect(
      sorted(list, { resource: 'orders', id: 'c', hint: { id: 'c', status: 'new', total: 5 } }, ['orders']),
    ).toEqual([{ id: 'c', status: 'new', total: 5 }, list[1], list[0]])
    // A hint that is not the whole item (no id) can't be inserted.
    expect(sorted(list, { resource: 'orders', id: 'c', hint: { total: 5 } }, ['orders'])).toBeUndefined()

    const open = listPatch<Order>({
      belongs: (order, key) => order.status === (key as [string, { status: string }])[1].status,
      onMissing: 'start',
    })
    const key = ['orders', { status: 'new' }]
    expect(open(list, { resource: 'orders', id: 'a', hint: { status: 'paid' } }, key)).toEqual([list[1]])
    expect(
      open(list, { resource: 'orders', id: 'd', hint: { id: 'd', status: 'paid', total: 1 } }, key),
    ).toBe(list)
  })
})

describe('upsertById and removeById', () => {
  it('replace, add and remove by id', () => {
    expect(upsertById(list, { id: '2', status: 'paid', total: 2 })).toEqual([
      list[0],
      { id: '2', status: 'paid', total: 2 },
    ])
    expect(upsertById(list, { id: 'b', status: 'new', total: 0 })).toHaveLength(3)
    expect(removeById(list, '2')).toEqual([list[0]])
    expect(removeById(list, 'nope')).toEqual(list)
  })
})
