import { describe, expect, it } from 'vitest'
import { matchesTopicFilter } from './matchesTopicFilter'

describe('matchesTopicFilter', () => {
  it('matches a plain topic and the topics under it, and patterns as subscriptions do', () => {
    expect(matchesTopicFilter(['orders', 'orders.ord_1'], '')).toBe(true)
    expect(matchesTopicFilter(['orders.ord_1'], 'orders')).toBe(true)
    expect(matchesTopicFilter(['ordersx'], 'orders')).toBe(false)
    expect(matchesTopicFilter(['orders', 'orders.ord_1'], 'orders.*')).toBe(true)
    expect(matchesTopicFilter(['orders'], 'orders.*')).toBe(false)
    expect(matchesTopicFilter(['imports.a.rows'], 'imports.>')).toBe(true)
    expect(matchesTopicFilter(['imports'], 'imports.>')).toBe(false)
    expect(matchesTopicFilter([], 'orders')).toBe(false)
  })
})
