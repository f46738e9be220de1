import { afterEach, describe, expect, it, vi } from 'vitest'
import { headWaiters } from './headWaiters'

describe('headWaiters', () => {
  afterEach(() => {
    vi.useRealTimers()
  })

  it('settles the waits the head reaches, times out the others, holds no timer after', async () => {
    vi.useFakeTimers()
    const waiters = headWaiters<number>((wanted, head) => wanted <= head)
    const five = waiters.wait(5, 1000)
    const nine = waiters.wait(9, 1000)
    waiters.advance(4)
    waiters.advance(6)
    expect(await five).toBe(true)
    await vi.advanceTimersByTimeAsync(1000)
    expect(await nine).toBe(false)
    expect(vi.getTimerCount()).toBe(0)
    const cleared = waiters.wait(1, 1000)
    waiters.clear()
    expect(await cleared).toBe(false)
  })
})
