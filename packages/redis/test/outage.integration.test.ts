import { HubError } from '@ssehub/server'
import { afterAll, expect, it } from 'vitest'
import { connect, type TestStream } from '../../server/test/sse'
import { useTwoNodes } from './node'
import { describeWithRedis } from './redisServer'

describeWithRedis('Redis restarted in the middle of a run', () => {
  const cluster = useTwoNodes({ stream: 'ssehub:outage', heartbeatMs: 100 })
  const streams: TestStream[] = []
  afterAll(() => {
    for (const stream of streams) stream.destroy()
  })

  const heartbeats = (stream: TestStream) => stream.frames.filter((frame) => frame.comment === 'hb').length
  const ids = (stream: TestStream) =>
    stream.events.filter((event) => event.event === 'invalidate').map((event) => event.id)

  it('keeps streams and heartbeats, rejects publishes with engine_unavailable, then resyncs and resumes on both nodes', async () => {
    const { redis, a, b } = cluster
    const onA = await connect(`${a.url}/events?topics=orders`)
    const onB = await connect(`${b.url}/events?topics=orders`)
    streams.push(onA, onB)
    const before = await a.hub.invalidate('orders', { id: 'before' })
    await onA.until((frames) => frames.some((frame) => frame.id === before))
    await onB.until((frames) => frames.some((frame) => frame.id === before))

    await redis.stop()
    // Everything published while Redis is away is refused at once, on both nodes: none of it queues.
    const attempts = await Promise.allSettled(
      Array.from({ length: 1000 }, (_, i) => (i % 2 ? a : b).hub.invalidate('orders', { id: `lost_${i}` })),
    )
    for (const attempt of attempts) {
      expect(attempt.status).toBe('rejected')
      const error = (attempt as PromiseRejectedResult).reason
      expect(error).toBeInstanceOf(HubError)
      expect(error).toMatchObject({ code: 'engine_unavailable', status: 503, retryAfterSec: 1 })
    }
    // The streams stay open: heartbeats keep coming on both.
    const beatsA = heartbeats(onA)
    const beatsB = heartbeats(onB)
    await onA.until(() => heartbeats(onA) >= beatsA + 2)
    await onB.until(() => heartbeats(onB) >= beatsB + 2)
    // Tickets and resumes fail loudly or safely, never silently.
    const ticket = await fetch(`${b.url}/events/ticket`, { method: 'POST' })
    expect(ticket.status).toBe(503)
    expect(await ticket.json()).toMatchObject({ error: { code: 'auth_unavailable' } })
    const resumed = await connect(`${b.url}/events?topics=orders`, { 'last-event-id': before })
    streams.push(resumed)
    expect(resumed.events.map((event) => event.event)).toEqual(['resync', 'connected'])
    expect(resumed.events[0]!.data).toEqual({ reason: 'replay-gap' })

    await redis.start()
    // The nodes reconnect on their own; until the publisher is back, publishes still reject.
    let after: string | undefined
    for (let attempt = 0; after === undefined && attempt < 150; attempt++) {
      after = await b.hub.invalidate('orders', { id: 'after' }).catch(async (error) => {
        expect(error).toMatchObject({ code: 'engine_unavailable' })
        await new Promise((resolve) => setTimeout(resolve, 100))
        return undefined
      })
    }
    expect(after).toBeDefined()
    const fromA = await a.hub.invalidate('orders', { id: 'after-a' })
    for (const stream of [onA, onB]) {
      await stream.until((frames) => frames.some((frame) => frame.id === fromA), 15_000)
      expect(ids(stream)).toEqual([before, after, fromA])
      // Redis came back empty and 1,000 publishes were lost: every client hears so before anything newer.
      const kinds = stream.events.map((event) => event.event)
      const resyncAt = kinds.indexOf('resync')
      expect(resyncAt).toBeGreaterThan(kinds.indexOf('invalidate'))
      expect(resyncAt).toBeLessThan(stream.events.findIndex((event) => event.id === after))
    }
  })
})
