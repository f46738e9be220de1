import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { HubEvent } from '../events'
import { HubError } from '../HubError'
import { memoryBus } from './memoryBus'
import { memoryReplay } from './memoryReplay'

function setup(options?: Parameters<typeof memoryReplay>[0]) {
  const bus = memoryBus()
  const replay = memoryReplay(options)
  bus.subscribe({ onEvent: (event) => replay.record(event), onGap: () => {} })
  const publish = (topic = 'orders', extra: Partial<HubEvent> = {}) =>
    bus.publish({
      type: 'invalidate',
      topics: [topic],
      data: '{}',
      lane: 'instant',
      publishedAt: Date.now(),
      ...extra,
    })
  const since = (id: string, filter: (e: HubEvent) => boolean = () => true) =>
    replay.since(id, bus.headId(), filter)
  return { bus, replay, publish, since }
}

const ids = (result: ReturnType<ReturnType<typeof setup>['since']>) =>
  'events' in result ? result.events.map((e) => e.id) : result

describe('memoryReplay', () => {
  beforeEach(() => vi.useFakeTimers({ now: 1_000_000 }))
  afterEach(() => vi.useRealTimers())

  it('replays exactly the events after the id, in order', async () => {
    const { bus, publish, since } = setup()
    const start = bus.headId()
    const published = [await publish(), await publish(), await publish()]
    expect(ids(since(start))).toEqual(published)
    expect(ids(since(published[0]!))).toEqual(published.slice(1))
    expect(ids(since(published[2]!))).toEqual([])
  })

  it('keeps maxEvents: the oldest kept id still resumes, one before it is a gap', async () => {
    const { bus, publish, since } = setup({ maxEvents: 3 })
    const start = bus.headId()
    const published = [await publish(), await publish(), await publish(), await publish(), await publish()]
    // kept: 3, 4, 5; resuming from 2 needs 3.. → complete; from 1 needs 2 → gone
    expect(ids(since(published[1]!))).toEqual(published.slice(2))
    expect(since(published[0]!)).toEqual({ resync: 'replay-gap' })
    expect(since(start)).toEqual({ resync: 'replay-gap' })
  })

  it('forgets events older than maxAgeMs, at the exact edge', async () => {
    const { publish, since } = setup({ maxAgeMs: 1000 })
    const first = await publish()
    vi.advanceTimersByTime(500)
    const second = await publish()
    const third = await publish()
    vi.advanceTimersByTime(500) // first is exactly 1000 ms old: still kept
    expect(ids(since(first))).toEqual([second, third])
    vi.advanceTimersByTime(1) // first is 1001 ms old: gone, but nothing after `first` is missing
    expect(ids(since(first))).toEqual([second, third])
    vi.advanceTimersByTime(500) // second and third gone too
    expect(since(first)).toEqual({ resync: 'replay-gap' })
  })

  it('answers epoch for ids of another epoch, from the future, or not ours', async () => {
    const { bus, publish, since } = setup()
    await publish()
    const other = memoryBus()
    expect(since(other.headId())).toEqual({ resync: 'epoch' })
    expect(since(`${bus.epoch}-99`)).toEqual({ resync: 'epoch' })
    expect(since('1700000000000-0')).toEqual({ resync: 'epoch' })
    expect(since('garbage')).toEqual({ resync: 'epoch' })
  })

  it('applies the filter and skips events past their TTL', async () => {
    const { bus, publish, since } = setup()
    const start = bus.headId()
    const a = await publish('orders')
    await publish('customers')
    await publish('orders', { ttlMs: 100 })
    vi.advanceTimersByTime(101)
    expect(ids(since(start, (e) => e.topics.includes('orders')))).toEqual([a])
  })

  it('records an event once however often it is given (a hub and a harness may both record)', async () => {
    const { bus, replay, publish, since } = setup()
    const start = bus.headId()
    const a = await publish()
    const b = await publish()
    bus.subscribe({ onEvent: (event) => replay.record(event), onGap: () => {} })
    const c = await publish()
    expect(ids(since(start))).toEqual([a, b, c])
  })

  it.each([
    [{ maxEvents: 0 }, 'maxEvents'],
    [{ maxEvents: 1.5 }, 'maxEvents'],
    [{ maxAgeMs: -1 }, 'maxAgeMs'],
    [{ maxAgeMs: Number.NaN }, 'maxAgeMs'],
  ])('refuses %o with invalid_option', (options, name) => {
    expect(() => memoryReplay(options)).toThrow(
      new HubError('invalid_option', `memoryReplay: ${name} must be a positive integer`, { status: 500 }),
    )
  })

  it('refuses a maxEvents no process can hold with invalid_option, not a RangeError', () => {
    expect(() => memoryReplay({ maxEvents: 2 ** 40 })).toThrow(
      new HubError(
        'invalid_option',
        'memoryReplay: maxEvents 1099511627776 is more than this process can hold',
        {
          status: 500,
        },
      ),
    )
  })
})
