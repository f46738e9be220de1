import { describe, expect, it } from 'vitest'
import { acquireEventStream, sharedStreamKey } from './acquireEventStream'
import type { EventStreamOptions } from './EventStreamOptions'

/** A fetch that never answers, counting the connections asked for. */
function pendingFetch() {
  const calls: string[] = []
  const fetch = ((input: RequestInfo | URL, init?: RequestInit) => {
    calls.push(String(input))
    return new Promise<Response>((_, reject) =>
      init?.signal?.addEventListener('abort', () => reject(init.signal?.reason)),
    )
  }) as typeof globalThis.fetch
  return { fetch, calls }
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 10))

describe('acquireEventStream', () => {
  it('gives every holder of the same url and topics (in any order) one stream and one connection', async () => {
    const { fetch, calls } = pendingFetch()
    const a = acquireEventStream({ url: 'http://hub.test/events', topics: ['orders', 'customers'], fetch })
    const b = acquireEventStream({ url: 'http://hub.test/events', topics: ['customers', 'orders'], fetch })
    const c = acquireEventStream({ url: 'http://hub.test/events', topics: ['orders'], fetch })
    await settle()
    expect(b.stream).toBe(a.stream)
    expect(c.stream).not.toBe(a.stream)
    expect(calls).toHaveLength(2)
    a.release()
    b.release()
    c.release()
  })

  it('closes the stream a microtask after the last release, and keeps it for a holder that comes back in time', async () => {
    const { fetch } = pendingFetch()
    const options = { url: 'http://hub.test/events', topics: ['orders'], fetch }
    const first = acquireEventStream(options)
    first.release()
    first.release() // idempotent: does not release the next holder's hold
    const again = acquireEventStream(options)
    await settle()
    expect(again.stream).toBe(first.stream)
    expect(again.stream.status).not.toBe('closed')
    again.release()
    await settle()
    expect(again.stream.status).toBe('closed')
    const next = acquireEventStream(options)
    expect(next.stream).not.toBe(first.stream)
    next.release()
  })

  it('replaces a stream that a fatal answer closed', async () => {
    const { fetch } = pendingFetch()
    const options = { url: 'http://hub.test/events', topics: ['orders'], fetch }
    const held = acquireEventStream(options)
    held.stream.close()
    const fresh = acquireEventStream(options)
    expect(fresh.stream).not.toBe(held.stream)
    held.release()
    fresh.release()
  })

  it('keys streams by shareKey, url and sorted topics', () => {
    expect(sharedStreamKey({ url: '/events', topics: ['b', 'a'] })).toBe(
      sharedStreamKey({ url: '/events', topics: ['a', 'b'] }),
    )
    expect(sharedStreamKey({ url: '/events', topics: ['a'], shareKey: 'user-1' })).not.toBe(
      sharedStreamKey({ url: '/events', topics: ['a'], shareKey: 'user-2' }),
    )
  })

  it('never gives two different option sets the same key (spaces in a shareKey or url)', () => {
    // `${shareKey} ${url} ${topics}` read both as "acme corp /events a".
    expect(sharedStreamKey({ shareKey: 'acme corp', url: '/events', topics: ['a'] })).not.toBe(
      sharedStreamKey({ shareKey: 'acme', url: 'corp /events', topics: ['a'] }),
    )
    expect(sharedStreamKey({ shareKey: 'acme', url: '/events a', topics: ['b'] })).not.toBe(
      sharedStreamKey({ shareKey: 'acme', url: '/events', topics: ['a b'] }),
    )
  })

  it('rejects options that cannot make a stream with invalid_option, before sharing one', () => {
    const { fetch } = pendingFetch()
    const held = acquireEventStream({ url: 'http://hub.test/events', topics: ['a', 'b'], fetch })
    // A string spread into its characters read as the topics ['a', 'b'], and got the stream above.
    const invalid = [
      { url: 'http://hub.test/events', topics: 'ba' },
      { url: 'http://hub.test/events' },
      { url: 'http://hub.test/events', topics: ['a,b'] },
    ] as unknown as EventStreamOptions[]
    for (const options of invalid) {
      expect(() => sharedStreamKey(options)).toThrow(
        expect.objectContaining({ name: 'EventStreamError', code: 'invalid_option' }),
      )
      expect(() => acquireEventStream(options)).toThrow(
        expect.objectContaining({ name: 'EventStreamError', code: 'invalid_option' }),
      )
    }
    held.release()
  })
})
