import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { EventStreamError } from '../EventStreamError'
import { createStormGuard } from './createStormGuard'

beforeEach(() => {
  vi.useFakeTimers()
})
afterEach(() => {
  vi.useRealTimers()
})

/** Sends an event for `key` every `everyMs` for `forMs`, counting immediate and trailing runs. */
function storm(guard: ReturnType<typeof createStormGuard>, key: string, everyMs: number, forMs: number) {
  const runs: number[] = []
  const start = Date.now()
  for (let at = 0; at < forMs; at += everyMs) {
    if (guard.request(key, () => runs.push(Date.now() - start)).now) runs.push(at)
    vi.advanceTimersByTime(everyMs)
  }
  return runs
}

describe('createStormGuard', () => {
  it('lets a quiet key through at once, then holds events closer than minIntervalMs for one trailing run', () => {
    const guard = createStormGuard({ minIntervalMs: 1000, maxIntervalMs: 10_000, burst: 3 }, Date.now)
    const trailing = vi.fn()
    expect(guard.request('orders', trailing)).toEqual({ now: true })
    vi.advanceTimersByTime(200)
    expect(guard.request('orders', trailing)).toEqual({ now: false, inMs: 800 })
    vi.advanceTimersByTime(300)
    const latest = vi.fn()
    expect(guard.request('orders', latest)).toEqual({ now: false, inMs: 500 })
    expect(guard.pending).toBe(1)
    vi.advanceTimersByTime(499)
    expect(latest).not.toHaveBeenCalled()
    vi.advanceTimersByTime(1)
    // One trailing run, with the latest callback: the last change lands.
    expect(trailing).not.toHaveBeenCalled()
    expect(latest).toHaveBeenCalledTimes(1)
    expect(guard.pending).toBe(0)
  })

  it('stretches a stormy key towards one run per maxIntervalMs, and never holds longer', () => {
    const guard = createStormGuard({ minIntervalMs: 1000, maxIntervalMs: 10_000, burst: 3 }, Date.now)
    // Ten events a second for two minutes.
    const runs = storm(guard, 'orders', 100, 120_000)
    const gaps = runs.slice(1).map((at, index) => at - (runs[index] ?? 0))
    expect(Math.max(...gaps)).toBeLessThanOrEqual(10_000)
    expect(gaps.slice(0, 2).every((gap) => gap >= 1000 && gap < 1100)).toBe(true)
    // Over the last minute it settled at one run per 10 s.
    expect(runs.filter((at) => at >= 60_000 && at < 120_000)).toHaveLength(6)
  })

  it('lets a key evented more slowly than its budget through every time', () => {
    const guard = createStormGuard({ minIntervalMs: 1000, maxIntervalMs: 10_000, burst: 3 }, Date.now)
    // One event per 12 s: the bucket refills faster than it drains.
    const runs = storm(guard, 'orders', 12_000, 120_000)
    expect(runs).toEqual([0, 12_000, 24_000, 36_000, 48_000, 60_000, 72_000, 84_000, 96_000, 108_000])
  })

  it('keeps keys apart', () => {
    const guard = createStormGuard({}, Date.now)
    expect(guard.request('a', () => {}).now).toBe(true)
    expect(guard.request('b', () => {}).now).toBe(true)
    expect(guard.request('a', () => {}).now).toBe(false)
  })

  it('counts an unasked run (resync) and drops the pending trailing run', () => {
    const guard = createStormGuard({ minIntervalMs: 1000 }, Date.now)
    const trailing = vi.fn()
    guard.request('a', () => {})
    guard.request('a', trailing)
    guard.record('a')
    expect(guard.pending).toBe(0)
    vi.advanceTimersByTime(5000)
    expect(trailing).not.toHaveBeenCalled()
    expect(guard.request('a', () => {}).now).toBe(true)
  })

  it('forgets keys back at rest, so a stream of distinct ids stays bounded', () => {
    const guard = createStormGuard({ minIntervalMs: 100, maxIntervalMs: 1000, burst: 2 }, Date.now)
    for (let i = 0; i < 10_000; i++) {
      guard.request(`order-${i}`, () => {})
      vi.advanceTimersByTime(10)
    }
    expect(guard.size).toBeLessThan(300)
  })

  it('disposes every timer', () => {
    const guard = createStormGuard({}, Date.now)
    const trailing = vi.fn()
    for (const key of ['a', 'b', 'c']) {
      guard.request(key, () => {})
      guard.request(key, trailing)
    }
    expect(vi.getTimerCount()).toBe(3)
    guard.dispose()
    expect(vi.getTimerCount()).toBe(0)
    expect(guard.size).toBe(0)
    vi.advanceTimersByTime(60_000)
    expect(trailing).not.toHaveBeenCalled()
  })

  it.each([
    { minIntervalMs: -1 },
    { minIntervalMs: 5000, maxIntervalMs: 1000 },
    { maxIntervalMs: 0, minIntervalMs: 0 },
    { maxIntervalMs: Number.POSITIVE_INFINITY },
    { burst: 0 },
    { burst: 1.5 },
    { minIntervalMs: Number.NaN },
  ])('refuses %j with an invalid_option error', (options) => {
    expect(() => createStormGuard(options)).toThrow(
      expect.objectContaining({ name: 'EventStreamError', code: 'invalid_option' }) as EventStreamError,
    )
  })
})
