import { describe, expect, it } from 'vitest'
import { compareStreamIds, formatStreamId, parseStreamId } from './streamId'

describe('stream ids', () => {
  it('parses full Redis stream ids, and nothing else', () => {
    expect(parseStreamId('1700000000000-0')).toEqual({ ms: 1700000000000n, seq: 0n })
    expect(parseStreamId('0-0')).toEqual({ ms: 0n, seq: 0n })
    expect(parseStreamId('18446744073709551615-18446744073709551615')).toBeDefined()
    for (const bad of [
      '',
      '1',
      '1-',
      '-1',
      '1-2-3',
      'a-1',
      '1-a',
      ' 1-1',
      '18446744073709551616-0',
      'k3j4h5g6f7-12',
    ]) {
      expect(parseStreamId(bad)).toBeUndefined()
    }
  })

  it('orders by milliseconds, then sequence, numerically', () => {
    const order = (a: string, b: string) => compareStreamIds(parseStreamId(a)!, parseStreamId(b)!)
    expect(order('9-0', '10-0')).toBe(-1)
    expect(order('10-2', '10-10')).toBe(-1)
    expect(order('10-10', '10-10')).toBe(0)
    expect(order('11-0', '10-99')).toBe(1)
  })

  it('prints the canonical form Redis uses', () => {
    expect(formatStreamId(parseStreamId('0012-007')!)).toBe('12-7')
  })
})
