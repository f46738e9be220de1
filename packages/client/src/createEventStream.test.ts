import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { connectedFrame, createMockHub, eventFrame, settle, streamUrl } from '../test/support/mockHub'
import { createEventStream } from './createEventStream'
import { EventStreamError } from './EventStreamError'

const hub = createMockHub()
beforeAll(() => hub.server.listen({ onUnhandledRequest: 'error' }))
afterEach(() => {
  hub.server.resetHandlers()
  hub.reset()
  vi.useRealTimers()
})
afterAll(() => hub.server.close())

describe('createEventStream', () => {
  it('requests the topics as text/event-stream and hands parsed data and meta to typed handlers', async () => {
    const stream = createEventStream({ url: streamUrl, topics: ['orders', 'dashboard.*'] })
    const received: unknown[] = []
    stream.on('invalidate', (data, meta) => received.push([data, meta]))
    await settle()
    const [connection] = hub.connections
    expect(connection?.url.searchParams.get('topics')).toBe('orders,dashboard.*')
    expect(connection?.request.headers.get('accept')).toBe('text/event-stream')
    expect(connection?.request.headers.has('last-event-id')).toBe(false)

    connection?.send('retry: 3000\n\n' + connectedFrame('e-1'))
    connection?.send(eventFrame('e-2', 'invalidate', { resource: 'orders', id: 'ord_1' }))
    await settle()
    expect(received).toEqual([
      [
        { resource: 'orders', id: 'ord_1' },
        { id: 'e-2', type: 'invalidate' },
      ],
    ])
    expect(stream.lastEventId).toBe('e-2')
    stream.close()
  })

  it('takes resume points from cursor frames and frames without ids, handing them out as they are', async () => {
    const stream = createEventStream<{ status: { n: number }; cursor: unknown }>({
      url: streamUrl,
      topics: ['orders'],
    })
    const seen: [string, string | undefined][] = []
    stream.on('status', (_data, meta) => seen.push(['status', meta.id]))
    stream.on('cursor', () => seen.push(['cursor', undefined]))
    await settle()
    const connection = hub.connections[0]
    connection?.send(connectedFrame('e-1'))
    // A frame that overtook older pending ones comes without an id: the resume point stays.
    connection?.send('event: status\ndata: {"n":1}\n\n')
    await settle()
    expect(stream.lastEventId).toBe('e-1')
    // After a flush, the hub moves it with a cursor frame, which is not an event for the app.
    connection?.send('id: e-9\nevent: cursor\ndata: \n\n')
    await settle()
    expect(stream.lastEventId).toBe('e-9')
    expect(seen).toEqual([['status', undefined]])
    stream.close()
  })

  it('is connecting until the connected frame, then open, and closed after close()', async () => {
    const stream = createEventStream({ url: streamUrl, topics: ['orders'] })
    const seen: string[] = []
    stream.subscribe((status) => seen.push(`${status} ${stream.lastEventId}`))
    await settle()
    expect(stream.status).toBe('connecting')
    hub.connections[0]?.send(': hb\n\n')
    await settle()
    expect(stream.status).toBe('connecting')
    hub.connections[0]?.send(connectedFrame('e-1'))
    await settle()
    expect(stream.status).toBe('open')
    stream.close()
    expect(stream.status).toBe('closed')
    // Status changes, and each new event id (what useSyncExternalStore readers of lastEventId need).
    expect(seen).toEqual(['open e-1', 'open e-1', 'closed e-1'])
    await settle()
    expect(hub.connections[0]?.aborted).toBe(true)
  })

  it('delivers data that is not JSON as the raw string, and a throwing handler does not stop the others', async () => {
    const reportError = vi.fn()
    vi.stubGlobal('reportError', reportError)
    const stream = createEventStream<{ note: string }>({ url: streamUrl, topics: ['orders'] })
    const notes: string[] = []
    stream.on('note', () => {
      throw new Error('app bug')
    })
    stream.on('note', (text) => notes.push(text))
    await settle()
    hub.connections[0]?.send('event: note\ndata: plain text\n\n')
    await settle()
    expect(notes).toEqual(['plain text'])
    expect(reportError).toHaveBeenCalledWith(new Error('app bug'))
    vi.unstubAllGlobals()
    stream.close()
  })

  it('stops calling a handler once its unsubscribe ran', async () => {
    const stream = createEventStream({ url: streamUrl, topics: ['orders'] })
    const signals: unknown[] = []
    const off = stream.on('signal', (data) => signals.push(data))
    await settle()
    hub.connections[0]?.send(eventFrame('1', 'signal', { topic: 'a' }))
    await settle()
    off()
    hub.connections[0]?.send(eventFrame('2', 'signal', { topic: 'b' }))
    await settle()
    expect(signals).toEqual([{ topic: 'a' }])
    stream.close()
  })

  it.each([
    [{ url: '', topics: ['orders'] }, '`url` must be a non-empty string'],
    [{ url: streamUrl, topics: [] }, '`topics` must be a non-empty array of topic patterns'],
    [{ url: streamUrl, topics: ['a,b'] }, 'Invalid topic "a,b"'],
    [{ url: '/events', topics: ['orders'] }, 'the url must be absolute'],
    [{ url: streamUrl, topics: ['a'], backoff: { initialMs: 10, maxMs: 5 } }, '`backoff.maxMs`'],
    [{ url: streamUrl, topics: ['a'], maxAuthRetries: -1 }, '`maxAuthRetries`'],
    [{ url: streamUrl, topics: ['a'], getTicket: 'x' }, '`getTicket` must be a function'],
  ])('rejects bad options with an invalid_option EventStreamError (%#)', (options, message) => {
    const create = () => createEventStream(options as never)
    expect(create).toThrow(EventStreamError)
    expect(create).toThrow(message)
    try {
      create()
    } catch (error) {
      expect((error as EventStreamError).code).toBe('invalid_option')
    }
    expect(hub.connections).toHaveLength(0)
  })

  it('rejects a handler that is not a function', () => {
    const stream = createEventStream({ url: streamUrl, topics: ['orders'] })
    expect(() => stream.on('invalidate', 'nope' as never)).toThrow(/must be a function/)
    stream.close()
  })
})
