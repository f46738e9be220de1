import { describe, expect, it } from 'vitest'
import { classifyKey } from './classifyKey'

const order1 = { resource: 'orders', id: 'ord_1' }

describe('classifyKey', () => {
  it.each([
    [['orders'], 'list'],
    [['orders', { page: 2 }], 'list'],
    [['orders', 'list', { status: 'open' }], 'list'],
    [['orders', 'infinite'], 'list'],
    [['orders', 'ord_1'], 'record'],
    [['orders', 'detail', 'ord_1'], 'record'],
    [['orders', { id: 'ord_1' }], 'record'],
    [['orders', 'ord_1', 'items'], 'recordPart'],
    [['orders', 'ord_2'], undefined],
    [['orders', 'detail', 'ord_2'], undefined],
    [['orders', 'ord_2', 'items'], undefined],
    [['customers'], undefined],
    [['customers', 'c_1', 'orders'], undefined],
    ['orders', 'list'],
    ['/api/orders', 'list'],
    ['/api/orders?page=2&customer=ord_1', 'list'],
    ['https://api.example.com/orders', 'list'],
    ['/api/orders/search?q=x', 'list'],
    ['/api/orders/ord_1', 'record'],
    ['/api/orders/ord_1?tab=items', 'record'],
    ['/api/orders/ord_1/items', 'recordPart'],
    ['/api/orders/ord_2', undefined],
    ['/api/customers/c_1/orders', 'list'],
    ['/api/customers/orders-summary', undefined],
    ['preorders', undefined],
    ['orders/', 'list'],
    [undefined, undefined],
    [null, undefined],
    [42, undefined],
    [{ resource: 'orders' }, undefined],
    [[], undefined],
  ])('%j for orders/ord_1 is %s', (key, kind) => {
    expect(classifyKey(key, order1)).toBe(kind)
  })

  it('takes a number and its string for the same id, either way round', () => {
    expect(classifyKey(['orders', 5], { resource: 'orders', id: '5' })).toBe('record')
    expect(classifyKey(['orders', '5'], { resource: 'orders', id: 5 })).toBe('record')
    expect(classifyKey(['orders', { id: 5 }], { resource: 'orders', id: '5' })).toBe('record')
    expect(classifyKey('/api/orders/5', { resource: 'orders', id: 5 })).toBe('record')
    expect(classifyKey(['orders', 6], { resource: 'orders', id: '5' })).toBeUndefined()
    expect(classifyKey(['orders', '05'], { resource: 'orders', id: 5 })).toBeUndefined()
  })

  it('gives an event without id every key of the resource', () => {
    const orders = { resource: 'orders' }
    expect(classifyKey(['orders'], orders)).toBe('list')
    expect(classifyKey(['orders', 'ord_2'], orders)).toBe('recordPart')
    expect(classifyKey('/api/orders/ord_2', orders)).toBe('recordPart')
    expect(classifyKey(['customers'], orders)).toBeUndefined()
  })

  it('reads URL-encoded ids, and survives malformed escapes', () => {
    expect(classifyKey('/api/orders/a%20b', { resource: 'orders', id: 'a b' })).toBe('record')
    expect(classifyKey('/api/orders/%E0%A4%A', { resource: 'orders', id: 'x' })).toBeUndefined()
  })
})
