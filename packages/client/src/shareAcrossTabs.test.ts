import { HttpResponse } from 'msw'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { createFakeLocks } from '../test/support/fakeLocks'
import { connectedFrame, createMockHub, errorResponse, eventFrame, streamUrl } from '../test/support/mockHub'
import { createEventStream } from './createEventStream'
import { inspectStream } from './inspect/inspectStream'
import { canShareAcrossTabs } from './shareAcrossTabs'

const hub = createMockHub()
beforeAll(() => hub.server.listen({ onUnhandledRequest: 'error' }))
let locks: ReturnType<typeof createFakeLocks>
beforeEach(() => {
  locks = createFakeLocks()
  vi.stubGlobal('navigator', { locks })
})
afterEach(() => {
  hub.server.resetHandlers()
  hub.reset()
  vi.unstubAllGlobals()
})
afterAll(() => hub.server.close())

/** A "tab": a shared stream recording what its app sees. */
function openTab(topics = ['orders', 'dashboard.*'], shareKey?: string) {
  const stream = createEventStream({ url: streamUrl, topics, shareAcrossTabs: true, shareKey })
  const events: [string | undefined, unknown][] = []
  const statuses: string[] = []
  stream.on('invalidate', (data, meta) => events.push([meta.id, data]))
  stream.on('connected', (_data, meta) => events.push([meta.id, 'connected']))
  // The store also announces new event ids: keep status transitions only.
  stream.subscribe((status) => {
    if (statuses.at(-1) !== status) statuses.push(status)
  })
  return { stream, events, statuses }
}

describe('shareAcrossTabs', () => {
  it('opens one connection for tabs with the same url and topics, and both see every event and status', async () => {
    const leader = openTab(['orders', 'dashboard.*'])
    const follower = openTab(['dashboard.*', 'orders'])
    await vi.waitFor(() => expect(hub.connections).toHaveLength(1))
    hub.connections[0]?.send(connectedFrame('e-1') + eventFrame('e-2', 'invalidate', { resource: 'orders' }))
    const expected = [
      ['e-1', 'connected'],
      ['e-2', { resource: 'orders' }],
    ]
    await vi.waitFor(() => expect(follower.events).toEqual(expected))
    expect(leader.events).toEqual(expected)
    expect(follower.stream.status).toBe('open')
    expect(follower.stream.lastEventId).toBe('e-2')
    expect(hub.connections).toHaveLength(1)
    leader.stream.close()
    follower.stream.close()
  })

  it('never shares between tabs of different users (shareKey)', async () => {
    const alice = openTab(['orders'], 'user:alice')
    const bob = openTab(['orders'], 'user:bob')
    await vi.waitFor(() => expect(hub.connections).toHaveLength(2))
    hub.connections[0]?.send(
      connectedFrame('a-1') + eventFrame('a-2', 'invalidate', { resource: 'orders', id: 'alice-only' }),
    )
    await vi.waitFor(() => expect(alice.events).toHaveLength(2))
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(bob.events).toEqual([])
    alice.stream.close()
    bob.stream.close()
  })

  it('tells a tab that joins later where the stream stands', async () => {
    const leader = openTab()
    await vi.waitFor(() => expect(hub.connections).toHaveLength(1))
    hub.connections[0]?.send(connectedFrame('e-1'))
    await vi.waitFor(() => expect(leader.stream.status).toBe('open'))
    const late = openTab()
    await vi.waitFor(() => expect(late.stream.status).toBe('open'))
    expect(late.stream.lastEventId).toBe('e-1')
    leader.stream.close()
    late.stream.close()
  })

  it('hands over when the leader closes: the next tab connects with the last id and misses nothing', async () => {
    const leader = openTab()
    const follower = openTab()
    await vi.waitFor(() => expect(hub.connections).toHaveLength(1))
    hub.connections[0]?.send(connectedFrame('e-1') + eventFrame('e-2', 'invalidate', { resource: 'a' }))
    await vi.waitFor(() => expect(follower.events).toHaveLength(2))
    leader.stream.close()
    await vi.waitFor(() => expect(hub.connections).toHaveLength(2))
    expect(hub.connections[0]?.aborted).toBe(true)
    expect(hub.connections[1]?.request.headers.get('last-event-id')).toBe('e-2')
    await vi.waitFor(() => expect(follower.stream.status).toBe('reconnecting'))
    hub.connections[1]?.send(eventFrame('e-3', 'invalidate', { resource: 'b' }) + connectedFrame('e-3'))
    await vi.waitFor(() => expect(follower.stream.status).toBe('open'))
    expect(follower.events.map(([id]) => id)).toEqual(['e-1', 'e-2', 'e-3', 'e-3'])
    expect(follower.statuses).toEqual(['open', 'reconnecting', 'open'])
    follower.stream.close()
    await vi.waitFor(() => expect(locks.held.size).toBe(0))
  })

  it('tells devtools which tab leads, and the follower which one it follows, across a hand-over', async () => {
    const leader = openTab()
    const follower = openTab()
    const roles = (stream: typeof leader.stream) => {
      const seen: Array<{ role: string; tab: string; leaderTab?: string }> = []
      inspectStream(stream, (record) => {
        if (record.kind === 'role')
          seen.push({ role: record.role, tab: record.tab, leaderTab: record.leaderTab })
      })
      return seen
    }
    const leaderRoles = roles(leader.stream)
    const followerRoles = roles(follower.stream)
    await vi.waitFor(() => expect(hub.connections).toHaveLength(1))
    hub.connections[0]?.send(connectedFrame('e-1'))
    await vi.waitFor(() => expect(followerRoles.at(-1)?.leaderTab).toBeDefined())
    const leaderTab = leaderRoles.at(-1)?.tab
    expect(leaderRoles.at(-1)).toEqual({ role: 'leader', tab: leaderTab, leaderTab: undefined })
    expect(followerRoles.at(-1)).toMatchObject({ role: 'follower', leaderTab })
    leader.stream.close()
    await vi.waitFor(() => expect(followerRoles.at(-1)?.role).toBe('leader'))
    expect(followerRoles.at(-1)?.tab).not.toBe(leaderTab)
    follower.stream.close()
  })

  it('closes every tab with the typed error when the leader gets a fatal answer', async () => {
    hub.respondWith(() => errorResponse(403, 'topic_forbidden'))
    const leader = openTab()
    const follower = openTab()
    await vi.waitFor(() => expect(follower.stream.status).toBe('closed'))
    expect(follower.stream.error).toMatchObject({
      name: 'EventStreamError',
      status: 403,
      code: 'topic_forbidden',
    })
    expect(leader.stream.error).toMatchObject({ status: 403, code: 'topic_forbidden' })
    await vi.waitFor(() => expect(leader.stream.status).toBe('closed'))
    await vi.waitFor(() => expect(locks.held.size).toBe(0))
  })

  it('ends the leader’s backoff wait when another tab sees the device wake up', async () => {
    vi.spyOn(Math, 'random').mockReturnValue(1)
    hub.respondWith(() => HttpResponse.error())
    const stream = createEventStream({
      url: streamUrl,
      topics: ['orders'],
      shareAcrossTabs: true,
      backoff: { initialMs: 60_000, maxMs: 60_000 },
    })
    await vi.waitFor(() => expect(stream.error?.code).toBe('network_error'))
    const otherTab = new BroadcastChannel(`ssehub:${JSON.stringify(['', streamUrl, ['orders']])}`)
    otherTab.postMessage({ kind: 'wake' })
    await vi.waitFor(() => expect(hub.connections).toHaveLength(2))
    otherTab.close()
    stream.close()
    vi.restoreAllMocks()
  })

  it('falls back to a connection per tab where Web Locks are missing', async () => {
    vi.stubGlobal('navigator', {})
    expect(canShareAcrossTabs()).toBe(false)
    const first = openTab()
    const second = openTab()
    await vi.waitFor(() => expect(hub.connections).toHaveLength(2))
    first.stream.close()
    second.stream.close()
  })
})
