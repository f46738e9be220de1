import { expect, it } from 'vitest'
import { TestStream } from '../../server/test/sse'
import { useTwoNodes } from './node'
import { describeWithRedis } from './redisServer'

const CLIENTS = 200
const EVENTS = 1000

/**
 * A client that follows a `drain` as the protocol asks: it keeps the last id it saw (events and
 * `connected` alike), waits the `reconnectInMs` it was told, and resumes on the other node with
 * `Last-Event-ID`. Everything it receives, on every connection, is kept in order.
 */
class FailoverClient {
  readonly received: Array<{ id?: string; event?: string; data?: string }> = []
  lastId: string | undefined
  connections = 0
  #stream: TestStream | undefined
  #seen = 0

  constructor(private readonly urls: readonly [string, string]) {}

  start(): Promise<void> {
    return this.#connect(this.urls[0])
  }

  get invalidations(): string[] {
    return this.received.filter((frame) => frame.event === 'invalidate').map((frame) => frame.id!)
  }

  /** Takes in what the open connection has received so far. */
  poll(): void {
    const stream = this.#stream
    if (!stream) return
    for (; this.#seen < stream.frames.length; this.#seen++) {
      const { id, event, data, comment } = stream.frames[this.#seen]!
      if (comment !== undefined) continue
      this.received.push({ id, event, data: event === 'invalidate' ? undefined : data })
      if (id !== undefined) this.lastId = id
    }
  }

  close(): void {
    this.#stream?.destroy()
  }

  async #connect(url: string): Promise<void> {
    const headers: Record<string, string> = this.lastId === undefined ? {} : { 'last-event-id': this.lastId }
    const stream = new TestStream(`${url}/events?topics=orders`, headers)
    this.#stream = stream
    this.#seen = 0
    this.connections += 1
    await stream.ready
    if (stream.status !== 200) throw new Error(`connect to ${url} answered ${stream.status}`)
    await stream.untilEvent('connected')
    stream.onEnd(() => {
      if (stream !== this.#stream) return
      this.poll()
      const drain = this.received.findLast((frame) => frame.event === 'drain')
      if (url !== this.urls[0] || !drain) return
      const { reconnectInMs } = JSON.parse(drain.data!) as { reconnectInMs: number }
      setTimeout(() => void this.#connect(this.urls[1]), reconnectInMs)
    })
  }
}

describeWithRedis('failover: a node drains while events are published', () => {
  const cluster = useTwoNodes({ stream: 'ssehub:failover', retryMs: 300 })

  it(`${CLIENTS} clients move from A to B and each gets all ${EVENTS} event ids exactly once, in order`, async () => {
    const { a, b } = cluster
    const clients = Array.from({ length: CLIENTS }, () => new FailoverClient([a.url, b.url]))
    for (let i = 0; i < CLIENTS; i += 50) await Promise.all(clients.slice(i, i + 50).map((c) => c.start()))

    const published: string[] = []
    const publishing = (async () => {
      for (let i = 0; i < EVENTS; i++) {
        // Both nodes publish, the draining one included: its hub still takes publishes.
        const node = i % 2 === 0 ? a : b
        published.push(await node.hub.invalidate('orders', { id: `ord_${i}` }))
        if (i % 10 === 9) await new Promise((resolve) => setTimeout(resolve, 20))
      }
    })()
    await new Promise((resolve) => setTimeout(resolve, 100))
    const drained = a.hub.drain({ graceMs: 1000 })
    await Promise.all([publishing, drained])

    const deadline = Date.now() + 30_000
    for (const client of clients) {
      while (client.invalidations.length < EVENTS && Date.now() < deadline) {
        client.poll()
        await new Promise((resolve) => setTimeout(resolve, 20))
      }
    }
    for (const client of clients) client.close()

    expect(a.hub.stats().connections).toBe(0)
    for (const client of clients) {
      expect(client.connections).toBe(2)
      expect(client.received.filter((frame) => frame.event === 'resync')).toEqual([])
      expect(client.invalidations).toEqual(published)
    }
    // Every client really moved mid-stream: it had events from A before `drain`, and from B after it.
    // (Publishing is spread over at least two seconds; the drain is over after about one.)
    for (const client of clients) {
      const drainAt = client.received.findIndex((frame) => frame.event === 'drain')
      const before = client.received.slice(0, drainAt)
      const after = client.received.slice(drainAt)
      expect(before.some((frame) => frame.event === 'invalidate')).toBe(true)
      expect(after.some((frame) => frame.event === 'invalidate')).toBe(true)
      const connected = after.find((frame) => frame.event === 'connected')
      expect(JSON.parse(connected!.data!)).toMatchObject({ resumed: true })
    }
  })
})
