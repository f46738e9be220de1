import { describe, expect, it } from 'vitest'
import { parsePrincipal } from './parsePrincipal'

describe('parsePrincipal', () => {
  it('reads back a principal, from JSON text or a parsed value', () => {
    const principal = {
      id: 'u1',
      metadata: { tenant_id: 't1' },
      allowedTopics: ['orders.*'],
      expiresAt: 1_700_000_000,
    }
    expect(parsePrincipal(JSON.stringify(principal))).toEqual(principal)
    expect(parsePrincipal(principal)).toEqual(principal)
    expect(parsePrincipal({ metadata: {} })).toEqual({ metadata: {} })
  })

  it('refuses anything that is not one', () => {
    for (const value of [
      'not json',
      'null',
      '[]',
      42,
      { metadata: null },
      { metadata: ['t1'] },
      { metadata: { tenant_id: 1 } },
      { metadata: {}, allowedTopics: 'orders' },
      { metadata: {}, allowedTopics: [1] },
      { metadata: {}, expiresAt: 'tomorrow' },
      { metadata: {}, expiresAt: Number.NaN },
      { id: 7, metadata: {} },
    ]) {
      expect(parsePrincipal(value)).toBeUndefined()
    }
  })
})
