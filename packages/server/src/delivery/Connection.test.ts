import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { HubCounters } from '../HubStats'
import { FakeSink, fakeConnection, frameOf } from '../testing/fakeConnection'
import { Connection } from './Connection'
import { Scheduler } from './Scheduler'

beforeEach(() => vi.useFakeTimers({ now: 1_000_000 }))
afterEach(() => vi.useRealTimers())

/** Times (relative to start) of every flush while progress keeps coming every 50 ms over a steady backlog. */
function flushTimes(backlogBytes: number, bufferBytes = 10_000) {
  const { connection, sink } = fakeConnection({ bufferBytes })
  sink.draining = false
  const start = Date.now()
  const times: number[] = []
  const write = sink.write.bind(sink)
  sink.write = (chunk) => {
    write(chunk)
    times.push(Date.now() - start)
    sink.backlogBytes = backlogBytes // the socket keeps the same backlog
  }
  sink.backlogBytes = backlogBytes
  for (let t = 0; t < 20_000; t += 50) {
    connection.deliver(frameOf({ lane: 'coalesced', type: 'progress' }))
    vi.advanceTimersByTime(50)
  }
  connection.dispose()
  return times
}

const gaps = (times: number[]) => times.slice(1).map((t, i) => t - times[i]!)

describe('adaptive flush interval', () => {
  it.each([
    ['< 10 %', 0, 500],
    ['< 10 % (9 %)', 900, 500],
    ['10–50 %', 1_000, 2000],
    ['10–50 % (49 %)', 4_900, 2000],
    ['50–80 %', 5_000, 4000],
    ['50–80 % (80 %)', 8_000 - 200, 4000],
    ['> 80 %', 8_500, 8000],
  ])('utilization %s (backlog %i bytes of 10000) flushes every %i ms', (_band, backlogBytes, intervalMs) => {
    const times = flushTimes(backlogBytes)
    expect(times.length).toBeGreaterThan(1)
    // Each gap is the interval, give or take the wheel's 10 ms tick.
    for (const gap of gaps(times)) {
      expect(gap).toBeGreaterThanOrEqual(intervalMs)
      expect(gap).toBeLessThanOrEqual(intervalMs + 10)
    }
  })

  it('flushes a lone status change at once, then no sooner than the interval after it', () => {
    const { connection, sink } = fakeConnection()
    connection.deliver(frameOf({ lane: 'batched' }))
    vi.advanceTimersByTime(10)
    expect(sink.writes).toHaveLength(2) // opening + flush
    connection.deliver(frameOf({ lane: 'batched' }))
    vi.advanceTimersByTime(480)
    expect(sink.writes).toHaveLength(2)
    vi.advanceTimersByTime(20)
    expect(sink.writes).toHaveLength(3)
  })
})

describe('lanes', () => {
  it('writes instant at once, and at a flush batched in order then coalesced, as one chunk', () => {
    const { connection, sink, counters } = fakeConnection()
    expect(connection.deliver(frameOf({ lane: 'batched', type: 'b1' }))).toBe(false)
    connection.deliver(frameOf({ lane: 'coalesced', type: 'c1' }))
    connection.deliver(frameOf({ lane: 'batched', type: 'b2' }))
    // An instant write is reported to the caller, which tells the hub's counters once per fan-out.
    expect(connection.deliver(frameOf({ type: 'i1' }))).toBe(true)
    expect(sink.events).toEqual(['i1'])
    vi.advanceTimersByTime(10)
    expect(sink.events).toEqual(['i1', 'b1', 'b2', 'c1'])
    expect(sink.writes).toHaveLength(3)
    expect(connection.counters.delivered).toEqual({ instant: 1, batched: 2, coalesced: 1 })
    expect(counters.delivered).toEqual({ instant: 0, batched: 2, coalesced: 1 })
  })

  it('coalesces the same key to its last value and keeps distinct keys in id order', () => {
    const { connection, sink, counters } = fakeConnection()
    connection.deliver(frameOf({ lane: 'batched', type: 'first' }))
    vi.advanceTimersByTime(10) // leading flush
    for (const [key, value] of [
      ['a', 1],
      ['b', 1],
      ['a', 2],
      ['c', 1],
      ['b', 2],
      ['a', 3],
    ] as const) {
      connection.deliver(frameOf({ lane: 'coalesced', type: key, coalesceKey: key, data: `{"v":${value}}` }))
    }
    vi.advanceTimersByTime(500)
    expect(sink.events.slice(1)).toEqual(['c', 'b', 'a'])
    expect(sink.dataLines.slice(1)).toEqual(['{"v":1}', '{"v":2}', '{"v":3}'])
    expect(counters.coalesced).toBe(3)
  })

  it('defaults the coalesce key to type and first topic', () => {
    const { connection, sink } = fakeConnection()
    connection.deliver(frameOf({ lane: 'coalesced', type: 'signal', topics: ['a'], data: '1' }))
    connection.deliver(frameOf({ lane: 'coalesced', type: 'signal', topics: ['b'], data: '2' }))
    connection.deliver(frameOf({ lane: 'coalesced', type: 'signal', topics: ['a'], data: '3' }))
    vi.advanceTimersByTime(10)
    expect(sink.dataLines).toEqual(['2', '3'])
  })

  it('lets a superseding event discard the pending progress of its key', () => {
    const { connection, sink } = fakeConnection()
    connection.deliver(frameOf({ lane: 'batched', type: 'first' }))
    vi.advanceTimersByTime(10)
    connection.deliver(
      frameOf({ lane: 'coalesced', type: 'progress', coalesceKey: 'progress:imports.i1', data: '97' }),
    )
    connection.deliver(frameOf({ type: 'complete', supersedes: 'progress:imports.i1', data: 'done' }))
    vi.advanceTimersByTime(2000)
    expect(sink.events).toEqual(['first', 'complete'])
  })

  it('does not write an event older than its TTL at its flush', () => {
    const { connection, sink, counters } = fakeConnection()
    connection.deliver(frameOf({ lane: 'batched', type: 'first' }))
    vi.advanceTimersByTime(10)
    connection.deliver(frameOf({ lane: 'batched', type: 'stale', ttlMs: 100 }))
    connection.deliver(frameOf({ lane: 'batched', type: 'fresh', ttlMs: 1000 }))
    vi.advanceTimersByTime(500)
    expect(sink.events).toEqual(['first', 'fresh'])
    expect(counters.droppedByReason.expired).toBe(1)
    expect(counters.resyncs.overflow).toBe(0)
  })
})

describe('bounded buffer', () => {
  it('gives way coalesced first, then batched, and owes a resync before anything newer', () => {
    const { connection, sink, counters } = fakeConnection({ bufferBytes: 1000 })
    sink.draining = false
    const first = frameOf({ lane: 'batched', type: 'first' })
    connection.deliver(first)
    vi.advanceTimersByTime(10) // leading flush, so what follows stays pending
    const batched = frameOf({ lane: 'batched', type: 'b' })
    const coalesced = [1, 2].map((n) => frameOf({ lane: 'coalesced', type: `c${n}`, coalesceKey: `${n}` }))
    const urgent = frameOf({ type: 'urgent' })
    for (const frame of [batched, ...coalesced]) connection.deliver(frame)
    const pending = [batched, ...coalesced].reduce((sum, f) => sum + f.bytes.byteLength, 0)
    // `urgent` overtakes pending frames, so it carries a two-part resume token.
    const urgentBytes = urgent.bytesWithId(`${first.event.id}~${urgent.event.id}`).byteLength
    // Room for `urgent` only once one coalesced frame is gone.
    sink.backlogBytes = 1000 - pending - urgentBytes + coalesced[0]!.bytes.byteLength
    connection.deliver(urgent)
    expect(counters.dropped).toEqual({ instant: 0, batched: 0, coalesced: 1 })
    expect(sink.events.slice(-2)).toEqual(['resync', 'urgent'])
    expect(sink.dataLines.at(-2)).toBe('{"reason":"overflow"}')

    // No room at all: the other coalesced frame, then the batched one, give way, and still nothing fits.
    sink.backlogBytes = 1000
    connection.deliver(frameOf({ type: 'lost' }))
    expect(counters.dropped).toEqual({ instant: 1, batched: 1, coalesced: 2 })
    expect(sink.events.at(-1)).toBe('urgent')
    vi.advanceTimersByTime(10_000)
    expect(sink.events.at(-1)).toBe('urgent') // nothing left to flush
    sink.drain()
    expect(sink.events.at(-1)).toBe('resync')
    connection.deliver(frameOf({ type: 'after' }))
    expect(sink.events.slice(-2)).toEqual(['resync', 'after'])
    expect(counters.resyncs.overflow).toBe(2)
  })

  it('keeps pending bytes within bufferBytes however much is published', () => {
    const { connection, sink } = fakeConnection({ bufferBytes: 4096 })
    sink.draining = false
    for (let i = 0; i < 10_000; i++) {
      connection.deliver(
        frameOf({ lane: (['instant', 'batched', 'coalesced'] as const)[i % 3], coalesceKey: `k${i}` }),
      )
      // Socket backlog plus pending lane frames never exceeds the cap (plus one owed resync frame).
      expect(connection.stats().queuedBytes).toBeLessThanOrEqual(4096 + 64)
      if (i % 100 === 0) vi.advanceTimersByTime(100)
    }
  })
})

describe('pause and close', () => {
  it('holds batched and coalesced while paused, still writes instant, flushes on resume', () => {
    const { connection, sink } = fakeConnection()
    connection.setPaused(true)
    connection.deliver(frameOf({ lane: 'coalesced', type: 'p', data: '1' }))
    connection.deliver(frameOf({ lane: 'coalesced', type: 'p', data: '2' }))
    connection.deliver(frameOf({ type: 'now' }))
    vi.advanceTimersByTime(10_000)
    expect(sink.events).toEqual(['now'])
    connection.setPaused(false)
    vi.advanceTimersByTime(10)
    expect(sink.events).toEqual(['now', 'p'])
    expect(sink.dataLines.at(-1)).toBe('2')
  })

  it('is disposed once, leaves nothing scheduled and writes nothing more', () => {
    const { connection, scheduler, sink } = fakeConnection({ heartbeatMs: 1000 })
    connection.deliver(frameOf({ lane: 'batched' }))
    connection.deliver(frameOf({ lane: 'batched' }))
    connection.dispose()
    connection.dispose()
    expect(scheduler.size).toBe(0)
    expect(vi.getTimerCount()).toBe(0)
    const writes = sink.writes.length
    expect(connection.deliver(frameOf({ type: 'late' }))).toBe(false)
    connection.requireResync('epoch')
    vi.advanceTimersByTime(10_000)
    expect(sink.writes).toHaveLength(writes)
  })

  it('writes a heartbeat comment after heartbeatMs of silence only', () => {
    const { connection, sink } = fakeConnection({ heartbeatMs: 1000 })
    vi.advanceTimersByTime(600)
    connection.deliver(frameOf({ type: 'x' }))
    vi.advanceTimersByTime(600)
    expect(sink.writes.filter((w) => w === ': hb\n\n')).toHaveLength(0)
    vi.advanceTimersByTime(450)
    expect(sink.writes.filter((w) => w === ': hb\n\n')).toHaveLength(1)
    vi.advanceTimersByTime(1000)
    expect(sink.writes.filter((w) => w === ': hb\n\n')).toHaveLength(2)
    connection.dispose()
  })
})

describe('resume cursor', () => {
  it('gives an instant frame its own id only when nothing older is pending', () => {
    const { connection, sink } = fakeConnection()
    const alone = frameOf({ type: 'alone' })
    connection.deliver(alone)
    expect(sink.frames.at(-1)).toMatchObject({ id: alone.event.id, event: 'alone' })

    const first = frameOf({ lane: 'batched', type: 'first' })
    connection.deliver(first)
    vi.advanceTimersByTime(10) // leading flush: the lanes are empty again, the cursor is at `first`
    const pending = frameOf({ lane: 'batched', type: 'pending' })
    const overtaking = frameOf({ type: 'overtaking' })
    connection.deliver(pending)
    connection.deliver(overtaking)
    // Written at once, with a token that keeps the client's resume point before the pending frame and
    // says the instant frames up to this one were written.
    expect(sink.frames.at(-1)).toEqual({
      id: `${first.event.id}~${overtaking.event.id}`,
      event: 'overtaking',
      data: overtaking.event.data,
    })
    vi.advanceTimersByTime(500)
    // The flush writes the pending frame without an id, then moves the cursor past both.
    expect(sink.frames.slice(-2)).toEqual([
      { event: 'pending', data: pending.event.data },
      { id: overtaking.event.id, event: 'cursor', data: '' },
    ])
  })

  it('moves the cursor past coalesced values that were replaced or expired', () => {
    const { connection, sink } = fakeConnection()
    connection.deliver(frameOf({ lane: 'batched', type: 'first' }))
    vi.advanceTimersByTime(10)
    connection.deliver(frameOf({ lane: 'coalesced', type: 'p', coalesceKey: 'k' }))
    const last = frameOf({ lane: 'coalesced', type: 'p', coalesceKey: 'k', ttlMs: 100 })
    connection.deliver(last)
    vi.advanceTimersByTime(500)
    expect(sink.events.slice(1)).toEqual([]) // the one survivor expired
    expect(sink.frames.at(-1)).toEqual({ id: last.event.id, event: 'cursor', data: '' })
  })
})

describe('before open', () => {
  it('holds live frames within bufferBytes; past it they are given up, and a resync follows the opening', () => {
    const scheduler = new Scheduler()
    const counters = new HubCounters()
    const connection = new Connection({
      id: 'c1',
      topics: ['orders'],
      metadata: {},
      settings: { bufferBytes: 1000, flushIntervalMs: 2000, heartbeatMs: 60_000 },
      scheduler,
      observer: counters,
    })
    const frames = Array.from({ length: 20 }, () => frameOf({ data: JSON.stringify('x'.repeat(100)) }))
    for (const frame of frames) connection.deliver(frame)
    expect(counters.dropped.instant).toBeGreaterThan(0)
    const sink = new FakeSink()
    connection.open(sink, new TextEncoder().encode('event: connected\ndata: {}\n\n'), 'head')
    expect(sink.events.slice(0, 2)).toEqual(['connected', 'resync'])
    const delivered = sink.frames.slice(2).map((frame) => frame.id)
    // What is still held is the newest, in order, and nothing is both delivered and counted dropped.
    expect(delivered).toEqual(frames.slice(frames.length - delivered.length).map((f) => f.event.id))
    expect(delivered.length + counters.dropped.instant).toBe(20)
    connection.dispose()
  })
})
