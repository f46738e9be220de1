import { describe, expect, it } from 'vitest'
import { createApiMeter, POLL_INTERVAL_MS } from './apiMeter'

describe('createApiMeter', () => {
  it('prices polling: a load per visit, a poll per 30 s on screen; a StrictMode remount is one visit', () => {
    let now = 0
    const meter = createApiMeter(() => now)
    meter.shown('orders', 1)
    meter.hidden('orders')
    meter.shown('orders')
    meter.shown('stats', 1)
    now = 65_000
    meter.hidden('stats')
    now = 100_000
    meter.hidden('orders')
    now = 200_000
    meter.shown('orders')
    meter.countRequest()
    const reading = meter.read()
    // orders: 2 visits, 100 s on screen (3 polls); stats: 1 visit, 65 s (2 polls).
    expect(reading.pollingRequests).toBe(2 + 3 + 1 + 2)
    expect(reading.requests).toBe(1)
    expect(reading.pagesOnScreen).toBe(1)
    expect(Math.floor(100_000 / POLL_INTERVAL_MS)).toBe(3)
  })

  it('tells the age of the oldest data on screen, and counts binder decisions', () => {
    let now = 10_000
    const meter = createApiMeter(() => now)
    meter.shown('a', 1000)
    meter.shown('b', 4000)
    meter.dataUpdated('a', 9000)
    meter.recordDecisions({
      notices: [],
      decisions: [
        { key: ['a'], outcome: 'refetched', cause: 'event', events: [] },
        { key: ['b'], outcome: 'patched', cause: 'event', events: [] },
        { key: ['a'], outcome: 'refetched', cause: 'trailing', events: [] },
      ],
    })
    now = 12_000
    expect(meter.read()).toMatchObject({ oldestDataAgeMs: 8000, decisions: { refetched: 2, patched: 1 } })
    meter.hidden('b')
    expect(meter.read().oldestDataAgeMs).toBe(3000)
  })
})
