import { afterEach, describe, expect, it, vi } from 'vitest'
import { createBackoff } from './createBackoff'

afterEach(() => {
  vi.restoreAllMocks()
})

describe('createBackoff', () => {
  it('doubles the ceiling per attempt from initialMs and caps it at maxMs', () => {
    vi.spyOn(Math, 'random').mockReturnValue(1)
    const backoff = createBackoff({ initialMs: 500, maxMs: 5_000 })
    expect(Array.from({ length: 6 }, () => backoff.next())).toEqual([500, 1000, 2000, 4000, 5000, 5000])
  })

  it('draws each wait uniformly from zero to the ceiling (full jitter)', () => {
    const random = vi.spyOn(Math, 'random')
    const backoff = createBackoff({ initialMs: 1_000, maxMs: 30_000 })
    random.mockReturnValueOnce(0)
    expect(backoff.next()).toBe(0)
    random.mockReturnValueOnce(0.25)
    expect(backoff.next()).toBe(500)
    random.mockReturnValueOnce(0.5)
    expect(backoff.next()).toBe(2_000)
  })

  it('stays within [0, maxMs] for any draw, even after very many attempts', () => {
    const backoff = createBackoff({ initialMs: 500, maxMs: 30_000 })
    for (let i = 0; i < 2_000; i++) {
      const waitMs = backoff.next()
      expect(waitMs).toBeGreaterThanOrEqual(0)
      expect(waitMs).toBeLessThanOrEqual(30_000)
    }
  })

  it('starts over from the base after reset()', () => {
    vi.spyOn(Math, 'random').mockReturnValue(1)
    const backoff = createBackoff({ initialMs: 100, maxMs: 10_000 })
    backoff.next()
    backoff.next()
    backoff.reset()
    expect(backoff.next()).toBe(100)
  })

  it('takes a server retry as the new base, still capped by maxMs', () => {
    vi.spyOn(Math, 'random').mockReturnValue(1)
    const backoff = createBackoff({ initialMs: 500, maxMs: 10_000 })
    backoff.setBaseMs(3_000)
    expect([backoff.next(), backoff.next(), backoff.next()]).toEqual([3_000, 6_000, 10_000])
    backoff.setBaseMs(60_000)
    backoff.reset()
    expect(backoff.next()).toBe(10_000)
  })
})
