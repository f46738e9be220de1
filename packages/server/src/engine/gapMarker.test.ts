import { afterEach, describe, expect, it, vi } from 'vitest'
import { gapMarker } from './gapMarker'

describe('gapMarker', () => {
  afterEach(() => {
    vi.useRealTimers()
  })

  it('retries until the marker is appended, one attempt at a time', async () => {
    vi.useFakeTimers()
    let up = false
    let inFlight = 0
    let maxInFlight = 0
    const append = vi.fn(async () => {
      inFlight += 1
      maxInFlight = Math.max(maxInFlight, inFlight)
      await Promise.resolve()
      inFlight -= 1
      if (!up) throw new Error('down')
    })
    const marker = gapMarker({ append, retryMs: 100 })
    for (let i = 0; i < 50; i++) marker.owe()
    expect(marker.owed).toBe(true)
    await vi.advanceTimersByTimeAsync(350)
    expect(append).toHaveBeenCalledTimes(3)
    up = true
    await vi.advanceTimersByTimeAsync(100)
    expect(append).toHaveBeenCalledTimes(4)
    expect(marker.owed).toBe(false)
    await vi.advanceTimersByTimeAsync(1000)
    expect(append).toHaveBeenCalledTimes(4)
    expect(maxInFlight).toBe(1)
  })

  it('appends again when a publish failed while a marker was on its way', async () => {
    vi.useFakeTimers()
    let finish!: () => void
    const append = vi.fn(
      () =>
        new Promise<void>((resolve) => {
          finish = resolve
        }),
    )
    const marker = gapMarker({ append, retryMs: 100 })
    marker.owe()
    await vi.advanceTimersByTimeAsync(100)
    expect(append).toHaveBeenCalledTimes(1)
    marker.owe()
    finish()
    await vi.advanceTimersByTimeAsync(0)
    expect(marker.owed).toBe(true)
    expect(append).toHaveBeenCalledTimes(2)
    finish()
    await vi.advanceTimersByTimeAsync(0)
    expect(marker.owed).toBe(false)
  })

  it('flush appends the owed marker in front of the next publish, and rejects while it cannot', async () => {
    vi.useFakeTimers()
    let up = false
    const append = vi.fn(async () => {
      if (!up) throw new Error('down')
    })
    const marker = gapMarker({ append, retryMs: 10_000 })
    await marker.flush()
    expect(append).not.toHaveBeenCalled()
    marker.owe()
    await expect(marker.flush()).rejects.toThrow('down')
    expect(marker.owed).toBe(true)
    up = true
    await marker.flush()
    expect(marker.owed).toBe(false)
    expect(append).toHaveBeenCalledTimes(2)
  })

  it('holds no timer once closed', async () => {
    vi.useFakeTimers()
    const append = vi.fn(async () => {
      throw new Error('down')
    })
    const marker = gapMarker({ append, retryMs: 100 })
    marker.owe()
    marker.close()
    expect(vi.getTimerCount()).toBe(0)
    await vi.advanceTimersByTimeAsync(1000)
    expect(append).not.toHaveBeenCalled()
    marker.owe()
    expect(vi.getTimerCount()).toBe(0)
  })
})
