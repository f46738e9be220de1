import { afterEach, describe, expect, it, vi } from 'vitest'
import { coveredResources } from './coveredResources'
import { scheduleFrame } from './scheduleFrame'

afterEach(() => {
  vi.unstubAllGlobals()
  vi.useRealTimers()
})

describe('scheduleFrame', () => {
  it('uses a macrotask without requestAnimationFrame, and can be cancelled', () => {
    vi.useFakeTimers()
    const calls: string[] = []
    scheduleFrame(() => calls.push('a'))
    const cancel = scheduleFrame(() => calls.push('b'))
    cancel()
    expect(calls).toEqual([])
    vi.advanceTimersByTime(0)
    expect(calls).toEqual(['a'])
  })

  it('uses an animation frame in a visible page, a macrotask in a hidden one', () => {
    vi.useFakeTimers()
    const requestAnimationFrame = vi.fn(() => 7)
    const cancelAnimationFrame = vi.fn()
    vi.stubGlobal('requestAnimationFrame', requestAnimationFrame)
    vi.stubGlobal('cancelAnimationFrame', cancelAnimationFrame)
    vi.stubGlobal('document', { visibilityState: 'visible' })
    scheduleFrame(() => {})()
    expect(requestAnimationFrame).toHaveBeenCalledTimes(1)
    expect(cancelAnimationFrame).toHaveBeenCalledWith(7)

    vi.stubGlobal('document', { visibilityState: 'hidden' })
    const calls: string[] = []
    scheduleFrame(() => calls.push('hidden'))
    vi.advanceTimersByTime(0)
    expect(calls).toEqual(['hidden'])
    expect(requestAnimationFrame).toHaveBeenCalledTimes(1)
  })
})

describe('coveredResources', () => {
  it.each([
    [['orders'], ['orders']],
    [
      ['orders', 'orders.*', 'imports.>', 'dashboard.a.b'],
      ['orders', 'imports', 'dashboard'],
    ],
    [['orders', '>'], 'all'],
    [['*.rows'], 'all'],
  ])('%j covers %j', (topics, expected) => {
    expect(coveredResources(topics)).toEqual(expected)
  })
})
