import { describe, expect, it } from 'vitest'
import { principalKey } from './principalKey'

describe('principalKey', () => {
  it('is the id when there is one, whatever the metadata', () => {
    expect(principalKey({ id: 'u1', metadata: { tenant_id: 't1' } })).toBe('id:u1')
    expect(principalKey({ id: 'u1', metadata: { tenant_id: 't2' } })).toBe('id:u1')
  })

  it('is the whole metadata otherwise, in key order', () => {
    const key = principalKey({ metadata: { user_id: 'u1', tenant_id: 't1' } })
    expect(key).toBe('metadata:[["tenant_id","t1"],["user_id","u1"]]')
    expect(principalKey({ metadata: { tenant_id: 't1', user_id: 'u1' } })).toBe(key)
    expect(principalKey({ metadata: { tenant_id: 't1' } })).not.toBe(key)
  })

  it('gives every anonymous principal the same key, and no id can pass for metadata', () => {
    expect(principalKey({ metadata: {} })).toBe(principalKey({ metadata: {}, allowedTopics: ['a'] }))
    expect(principalKey({ id: 'metadata:[]', metadata: {} })).not.toBe(principalKey({ metadata: {} }))
  })

  it('does not confuse values that contain the separators', () => {
    expect(principalKey({ metadata: { a: 'b","c' } })).not.toBe(principalKey({ metadata: { a: 'b', c: '' } }))
  })
})
