import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { Connection } from '../delivery/Connection'
import { Scheduler } from '../delivery/Scheduler'
import { HubCounters } from '../HubStats'
import { FakeSink, frameOf } from '../testing/fakeConnection'
import type { StreamTransport } from '../transport/StreamTransport'
import { type DisconnectReason, StreamEnded, type StreamHost, StreamLifecycle } from './StreamLifecycle'

beforeEach(() => vi.useFakeTimers({ now: 1_000_000 }))
afterEach(() => vi.useRealTimers())

/** A host that records what the lifecycle tells it. */
function fakeHost() {
  const registered: Connection[] = []
  const forgotten: Array<{ reason: DisconnectReason; registered: boolean }> = []
  const host: StreamHost = {
    register: (_stream, connection) => registered.push(connection),
    forget: (_stream, reason, connection) => forgotten.push({ reason, registered: connection !== undefined }),
  }
  return { host, registered, forgotten }
}

const scheduler = () => new Scheduler()
const settings = { bufferBytes: 10_000, flushIntervalMs: 2000, heartbeatMs: 1000 }

/** A transport whose client leaves when told to, starting on `sink`. */
function transportOf(sink = new FakeSink(), claimed?: () => boolean) {
  let watcher: (() => void) | undefined
  let gone = false
  const transport: StreamTransport = {
    watchClient(listener) {
      if (gone) listener()
      else watcher = listener
      return () => {
        watcher = undefined
      }
    },
    start: () => ({ response: new Response(null), sink, ...(claimed ? { claimed } : {}) }),
  }
  return {
    transport,
    sink,
    leave() {
      gone = true
      watcher?.()
    },
  }
}

const streamOn = (host: StreamHost, client = transportOf()) => new StreamLifecycle(host, client.transport)

function registered(stream: StreamLifecycle, wheel = scheduler()) {
  return stream.register({
    id: stream.id,
    topics: ['orders'],
    metadata: {},
    settings,
    scheduler: wheel,
    observer: new HubCounters(),
  })
}

describe('StreamLifecycle', () => {
  it('ends once, whatever asks, and tells its host once', () => {
    const { host, forgotten } = fakeHost()
    const stream = streamOn(host)
    registered(stream)
    stream.end('drain')
    stream.end('client-gone')
    stream.end('server-close')
    expect(stream.state).toBe('closed')
    expect(stream.endedBy).toBe('drain')
    expect(forgotten).toEqual([{ reason: 'drain', registered: true }])
  })

  it('stops waiting for a step the moment the stream ends, and ignores how the step turns out', async () => {
    const { host, forgotten } = fakeHost()
    const client = transportOf()
    const stream = streamOn(host, client)
    let fail!: (error: Error) => void
    const never = new Promise<never>((_, reject) => {
      fail = reject
    })
    const waiting = stream.step(never)
    client.leave()
    await expect(waiting).rejects.toEqual(new StreamEnded('client-gone'))
    fail(new Error('the authenticate call failed later')) // no unhandled rejection
    expect(forgotten).toEqual([{ reason: 'client-gone', registered: false }])
    await expect(stream.step(Promise.resolve(1))).rejects.toBeInstanceOf(StreamEnded)
    expect(() => registered(stream)).toThrow(StreamEnded)
  })

  it('is closed from the start for a request whose client already left', () => {
    const { host, forgotten } = fakeHost()
    const client = transportOf()
    client.leave()
    const stream = streamOn(host, client)
    expect(stream.state).toBe('closed')
    expect(forgotten).toEqual([{ reason: 'client-gone', registered: false }])
  })

  it('holds frames while opening, then writes the opening and what was held, in order', () => {
    const { host } = fakeHost()
    const sink = new FakeSink()
    const stream = streamOn(host, transportOf(sink))
    const connection = registered(stream)
    const held = frameOf({ type: 'held' })
    connection.deliver(held)
    stream.open(new TextEncoder().encode('event: connected\ndata: {}\n\n'), 'head')
    expect(stream.state).toBe('open')
    expect(sink.events).toEqual(['connected', 'held'])
  })

  it('ends when its sink reports the client gone', () => {
    const { host, forgotten } = fakeHost()
    const sink = new FakeSink()
    const stream = streamOn(host, transportOf(sink))
    registered(stream)
    stream.open(new Uint8Array(0), 'head')
    sink.end()
    expect(forgotten).toEqual([{ reason: 'client-gone', registered: true }])
  })

  it('ends a stream still opening at once when it is retired, and an open one at its time with a drain frame', () => {
    const { host, forgotten } = fakeHost()
    const opening = streamOn(host)
    opening.retire('drain', 0, { retryMs: 3000, reconnectInMs: 10 })
    expect(forgotten).toEqual([{ reason: 'drain', registered: false }])

    const wheel = scheduler()
    const sink = new FakeSink()
    const open = streamOn(host, transportOf(sink))
    const connection = registered(open, wheel)
    open.open(new Uint8Array(0), 'head')
    connection.deliver(frameOf({ lane: 'batched', type: 'pending' }))
    open.retire('rotation', wheel.now() + 5000, { retryMs: 3100, reconnectInMs: 20 })
    open.retire('drain', wheel.now() + 500, { retryMs: 3200, reconnectInMs: 30 })
    vi.advanceTimersByTime(600)
    expect(sink.events.at(-1)).toBe('drain')
    expect(sink.writes.at(-1)).toBe('retry: 3200\nevent: drain\ndata: {"reconnectInMs":30}\n\n')
    expect(sink.events).toContain('pending') // flushed before the goodbye
    expect(sink.ended).toBe(true)
    expect(forgotten.at(-1)).toEqual({ reason: 'drain', registered: true })
    expect(wheel.size).toBe(0)
  })

  it('ends a web-stream body nobody reads within two heartbeats (a middleware replaced the response)', () => {
    const { host, forgotten } = fakeHost()
    const wheel = scheduler()
    const read = streamOn(
      host,
      transportOf(new FakeSink(), () => true),
    )
    registered(read, wheel)
    read.open(new Uint8Array(0), 'head')
    const unread = streamOn(
      host,
      transportOf(new FakeSink(), () => false),
    )
    registered(unread, wheel)
    unread.open(new Uint8Array(0), 'head')
    vi.advanceTimersByTime(2 * settings.heartbeatMs + 20)
    expect(read.state).toBe('open')
    expect(unread.state).toBe('closed')
    expect(forgotten).toEqual([{ reason: 'client-gone', registered: true }])
    read.end('server-close')
    expect(wheel.size).toBe(0)
  })
})
