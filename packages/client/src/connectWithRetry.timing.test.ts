import { HttpResponse } from 'msw'
import { describe, expect, it, vi } from 'vitest'
import { connectedFrame, eventFrame, settle } from '../test/support/mockHub'
import { useFakeTimeHub } from '../test/support/useFakeTimeHub'

const { hub, open, advance } = useFakeTimeHub()

/** Lets the stream fail `count` times in a row with a network error. */
const failNextRequests = (count: number) =>
  hub.respondWith(...Array.from({ length: count }, () => () => HttpResponse.error()))

/** Advances until the next request arrives and returns how long that took, in fake ms (10 ms steps). */
async function msUntilNextRequest(limitMs = 120_000): Promise<number> {
  const before = hub.connections.length
  for (let elapsedMs = 0; elapsedMs <= limitMs; elapsedMs += 10) {
    if (hub.connections.length > before) return elapsedMs
    await advance(10)
  }
  throw new Error(`no request within ${limitMs} ms`)
}

describe('backoff between attempts', () => {
  it('grows exponentially up to maxMs', async () => {
    failNextRequests(6)
    const stream = open({ backoff: { initialMs: 100, maxMs: 1_000 } })
    await settle()
    const waits = []
    for (let i = 0; i < 6; i++) waits.push(await msUntilNextRequest())
    expect(waits).toEqual([100, 200, 400, 800, 1_000, 1_000])
    stream.close()
  })

  it('does not reset after a 200 that breaks before connected, and resets once connected arrives', async () => {
    failNextRequests(2)
    const stream = open({ backoff: { initialMs: 100, maxMs: 10_000 } })
    await settle()
    expect(await msUntilNextRequest()).toBe(100)
    expect(await msUntilNextRequest()).toBe(200)
    // A 200 stream that dies before `connected`: the next wait keeps growing.
    hub.connections[2]?.send(': hb\n\n')
    hub.connections[2]?.fail()
    expect(await msUntilNextRequest()).toBe(400)
    hub.connections[3]?.send(connectedFrame('e-1'))
    await settle()
    expect(stream.status).toBe('open')
    hub.connections[3]?.fail()
    expect(await msUntilNextRequest()).toBe(100)
    stream.close()
  })

  it('uses the server retry as base instead of initialMs, capped by maxMs', async () => {
    const stream = open({ backoff: { initialMs: 100, maxMs: 5_000 } })
    await settle()
    hub.connections[0]?.send('retry: 3000\n\n' + connectedFrame('e-1'))
    hub.connections[0]?.end()
    expect(await msUntilNextRequest()).toBe(3_000)
    hub.connections[1]?.send('retry: 60000\n\n')
    hub.connections[1]?.end()
    expect(await msUntilNextRequest()).toBe(5_000)
    stream.close()
  })

  it('cuts a backoff wait short when the device comes online or the page becomes visible', async () => {
    const windowTarget = new EventTarget()
    const doc = Object.assign(new EventTarget(), { visibilityState: 'hidden' })
    vi.stubGlobal('addEventListener', windowTarget.addEventListener.bind(windowTarget))
    vi.stubGlobal('removeEventListener', windowTarget.removeEventListener.bind(windowTarget))
    vi.stubGlobal('document', doc)
    failNextRequests(2)
    const stream = open({ backoff: { initialMs: 10_000, maxMs: 30_000 } })
    await settle()
    windowTarget.dispatchEvent(new Event('online'))
    await settle()
    expect(hub.connections).toHaveLength(2)
    // Becoming hidden is no reason to hurry; becoming visible is.
    doc.dispatchEvent(new Event('visibilitychange'))
    await settle()
    expect(hub.connections).toHaveLength(2)
    doc.visibilityState = 'visible'
    doc.dispatchEvent(new Event('visibilitychange'))
    await settle()
    expect(hub.connections).toHaveLength(3)
    stream.close()
  })
})

describe('heartbeat watchdog', () => {
  it('reconnects after 2 × heartbeatMs without a byte; heartbeat comments keep it alive', async () => {
    const stream = open()
    await settle()
    const first = hub.connections[0]
    first?.send(connectedFrame('e-1', 1_000))
    await advance(1_500)
    first?.send(': hb\n\n')
    await advance(1_999)
    expect(first?.aborted).toBe(false)
    expect(stream.status).toBe('open')
    await advance(1)
    expect(first?.aborted).toBe(true)
    expect(stream.status).toBe('reconnecting')
    expect(stream.error).toMatchObject({ code: 'heartbeat_timeout' })
    await advance(500)
    expect(hub.connections[1]?.request.headers.get('last-event-id')).toBe('e-1')
    stream.close()
  })

  it('gives up on an opening that never sends connected after a minute, and retries', async () => {
    const stream = open()
    await settle()
    const first = hub.connections[0]
    await advance(59_999)
    expect(first?.aborted).toBe(false)
    await advance(1)
    expect(first?.aborted).toBe(true)
    expect(stream.error).toMatchObject({ code: 'heartbeat_timeout', message: 'No byte for 60000 ms' })
    await advance(500)
    expect(hub.connections).toHaveLength(2)
    stream.close()
  })

  it('gives up on a request that is never answered, with the last heartbeat as the limit', async () => {
    const stream = open()
    await settle()
    hub.connections[0]?.send(connectedFrame('e-1', 1_000))
    await settle()
    let answered = 0
    hub.respondWith(() => {
      answered++
      return new Promise<never>(() => {})
    })
    hub.connections[0]?.end()
    await advance(500)
    expect(answered).toBe(1)
    await advance(1_999)
    expect(stream.error).toMatchObject({ code: 'stream_ended' })
    await advance(1)
    expect(stream.error).toMatchObject({ code: 'heartbeat_timeout', message: 'No answer for 2000 ms' })
    expect(stream.status).toBe('reconnecting')
    stream.close()
  })

  it('keeps the heartbeat of the last connected frame for the next connection', async () => {
    const stream = open()
    await settle()
    hub.connections[0]?.send(connectedFrame('e-1', 1_000))
    hub.connections[0]?.end()
    await advance(500)
    const second = hub.connections[1]
    await advance(1_999)
    expect(second?.aborted).toBe(false)
    await advance(1)
    expect(second?.aborted).toBe(true)
    stream.close()
  })
})

describe('drain', () => {
  it('surfaces drain, leaves, and resumes after reconnectInMs with the last id, not as an error', async () => {
    const target = new EventTarget()
    vi.stubGlobal('addEventListener', target.addEventListener.bind(target))
    vi.stubGlobal('removeEventListener', target.removeEventListener.bind(target))
    const stream = open()
    const drains: unknown[] = []
    stream.on('drain', (data) => drains.push(data))
    await settle()
    const first = hub.connections[0]
    first?.send(
      connectedFrame('e-1') + 'retry: 1234\n\n' + eventFrame('e-2', 'drain', { reconnectInMs: 1_234 }),
    )
    await settle()
    expect(drains).toEqual([{ reconnectInMs: 1_234 }])
    expect(first?.aborted).toBe(true)
    expect(stream.status).toBe('reconnecting')
    expect(stream.error).toBeUndefined()
    target.dispatchEvent(new Event('online'))
    await advance(1_233)
    expect(hub.connections).toHaveLength(1)
    await advance(1)
    expect(hub.connections[1]?.request.headers.get('last-event-id')).toBe('e-2')
    stream.close()
  })
})

describe('close()', () => {
  function countListeners() {
    const counts = { window: 0, document: 0 }
    const track = (key: keyof typeof counts) => ({
      add: () => counts[key]++,
      remove: () => counts[key]--,
    })
    const windowSide = track('window')
    const documentSide = track('document')
    vi.stubGlobal('addEventListener', windowSide.add)
    vi.stubGlobal('removeEventListener', windowSide.remove)
    vi.stubGlobal('document', {
      visibilityState: 'visible',
      addEventListener: documentSide.add,
      removeEventListener: documentSide.remove,
    })
    return counts
  }

  it('leaves no timer or listener behind when closed during a backoff wait', async () => {
    const counts = countListeners()
    failNextRequests(1)
    const stream = open()
    await settle()
    expect(vi.getTimerCount()).toBe(1)
    expect(counts).toEqual({ window: 1, document: 1 })
    stream.close()
    expect(vi.getTimerCount()).toBe(0)
    expect(counts).toEqual({ window: 0, document: 0 })
    await advance(60_000)
    expect(hub.connections).toHaveLength(1)
  })

  it('leaves no timer behind and aborts the request when closed while open', async () => {
    const stream = open()
    await settle()
    hub.connections[0]?.send(connectedFrame('e-1', 1_000))
    await settle()
    expect(vi.getTimerCount()).toBe(1)
    stream.close()
    expect(vi.getTimerCount()).toBe(0)
    await settle()
    expect(hub.connections[0]?.aborted).toBe(true)
    await advance(60_000)
    expect(hub.connections).toHaveLength(1)
  })

  it('notifies status listeners once with closed and then drops them', async () => {
    const stream = open()
    const listener = vi.fn()
    stream.subscribe(listener)
    stream.close()
    stream.close()
    expect(listener.mock.calls).toEqual([['closed']])
  })
})
