import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { HubCounters } from '../HubStats'
import { createDashboardSampler } from './createDashboardSampler'

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'Date'] })
})
afterEach(() => {
  vi.useRealTimers()
})

/** A hub's counters and tenants, moved by hand. */
function fakeHub() {
  const counters = new HubCounters()
  const tenants = new Map<string, number>()
  let connections = 0
  return {
    counters,
    tenants,
    setConnections: (count: number) => {
      connections = count
    },
    sources: {
      stats: () => counters.snapshot(connections, 0, { opening: 0, open: connections, retiring: 0 }),
      tenants: () => tenants,
    },
  }
}

describe('createDashboardSampler', () => {
  it('holds no timer until someone views, and stops three intervals after the last view', async () => {
    const hub = fakeHub()
    const sampler = createDashboardSampler(hub.sources, { sampleIntervalMs: 1000 })
    expect(vi.getTimerCount()).toBe(0)
    expect(sampler.view(0, false)).toHaveLength(1)
    expect(sampler.sampling).toBe(true)
    await vi.advanceTimersByTimeAsync(2000)
    expect(sampler.view(0, false)).toHaveLength(3)
    // The viewer closed the page: nobody asks any more.
    await vi.advanceTimersByTimeAsync(4000)
    expect(sampler.sampling).toBe(false)
    expect(vi.getTimerCount()).toBe(0)
    sampler.close()
  })

  it('gives per-second rates between samples, and none across a pause nobody watched', async () => {
    const hub = fakeHub()
    const sampler = createDashboardSampler(hub.sources, { sampleIntervalMs: 1000 })
    hub.setConnections(3)
    const [first] = sampler.view(0, false)
    expect(first).toMatchObject({ connections: 3, streams: { open: 3 } })
    expect(first?.rates).toBeUndefined()
    hub.counters.onDelivered('instant', 50)
    hub.counters.onDelivered('coalesced', 10)
    hub.counters.onCoalesced()
    hub.counters.onDropped('batched', 'overflow')
    hub.counters.onResync('overflow')
    hub.counters.onFlush(500, 0.01)
    hub.counters.onFlush(500, 0.01)
    hub.counters.onPublished('instant', 0.0004)
    hub.counters.onPublished('instant', 0.003)
    await vi.advanceTimersByTimeAsync(1000)
    const second = sampler.view(first?.at ?? 0, false)
    expect(second).toHaveLength(1)
    expect(second[0]?.rates).toEqual({
      published: { instant: 2, batched: 0, coalesced: 0 },
      delivered: { instant: 50, batched: 0, coalesced: 10 },
      coalesced: 1,
      dropped: 1,
      resyncs: 1,
      flushesByIntervalMs: { 500: 2 },
    })
    expect(second[0]?.publishLatencyMs).toEqual({ mean: 1.7, p99: 5, count: 2 })
    await vi.advanceTimersByTimeAsync(10_000)
    expect(sampler.sampling).toBe(false)
    const afterPause = sampler.view(second[0]?.at ?? 0, false)
    // Up to three samples while it waited for a view, then the one this view took: without rates.
    expect(afterPause.slice(0, -1).every((sample) => sample.rates !== undefined)).toBe(true)
    expect(afterPause.at(-1)?.rates).toBeUndefined()
    sampler.close()
  })

  it('keeps only the window, and per-tenant counts (20 largest and the rest) only while asked', async () => {
    const hub = fakeHub()
    for (let index = 0; index < 25; index++) hub.tenants.set(`t${index}`, index + 1)
    const sampler = createDashboardSampler(hub.sources, { sampleIntervalMs: 1000, windowMs: 10_000 })
    const [first] = sampler.view(0, true)
    expect(Object.keys(first?.byTenant ?? {})).toHaveLength(21)
    expect(first?.byTenant?.t24).toBe(25)
    expect(first?.byTenant?.['(other)']).toBe(1 + 2 + 3 + 4 + 5)
    for (let second = 0; second < 30; second++) {
      await vi.advanceTimersByTimeAsync(1000)
      sampler.view(0, false)
    }
    const samples = sampler.view(0, false)
    expect(samples.length).toBeLessThanOrEqual(11)
    expect(samples.at(-1)?.byTenant).toBeUndefined()
    sampler.close()
    expect(vi.getTimerCount()).toBe(0)
  })
})
