import { describe, expect, it } from 'vitest'
import { acquireEventStream, sharedStreamKey } from './acquireEventStream'

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
})
