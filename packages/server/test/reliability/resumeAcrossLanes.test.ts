import { afterEach, describe, expect, it } from 'vitest'
import { createHub, type Hub } from '../../src/index'
import { startServer } from '../sse'
import { openTimed, type TimedStream, until } from './TimedStream'

/**
 * Frames of different lanes reach the wire out of id order (instant at once, batched and coalesced at the
 * next flush, or on resume when paused). The hub keeps the client's resume cursor honest: an instant frame
 * that overtakes pending frames goes without an id, and each flush ends with a cursor frame. Found by the
 * soak with mixed lanes; these were the two ways it went wrong before.
 */
const cleanups: Array<() => Promise<void> | void> = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

async function setup() {
  const hub = createHub({ metrics: false })
  const server = await startServer(hub as Hub)
  cleanups.push(
    () => hub.close(),
    () => server.close(),
  )
  const open = async (headers?: Record<string, string>) => {
    const stream = await openTimed(`${server.url}/events?topics=orders`, headers)
    cleanups.push(() => stream.destroy())
    return stream
  }
  return { hub, open }
}

const connectionIdOf = (stream: TimedStream) =>
  JSON.parse(stream.events.find((f) => f.event === 'connected')!.data!).connectionId as string
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

describe('a resume after frames of two lanes crossed on the wire', () => {
  it('still gets a batched frame that was pending when the client vanished (or a resync)', async () => {
    const { hub, open } = await setup()
    const first = await open()
    hub.setPaused(connectionIdOf(first), true)
    const batchedId = await hub.publish({ type: 'status', topics: 'orders', data: {}, lane: 'batched' })
    await hub.invalidate('orders')
    await until(() => first.events.some((f) => f.event === 'invalidate'), 5000, 'instant frame read')
    first.destroy()

    // It resumes from what it holds: the instant frame overtook a pending one, so it did not move that.
    const resumed = await open({ 'last-event-id': first.lastEventId! })
    await sleep(300)
    const types = resumed.events.map((f) => f.event)
    expect(resumed.events.some((f) => f.id === batchedId) || types.includes('resync')).toBe(true)
  })

  it('does not repeat an instant frame the client already read', async () => {
    const { hub, open } = await setup()
    const first = await open()
    const connectionId = connectionIdOf(first)
    hub.setPaused(connectionId, true)
    const batchedId = await hub.publish({ type: 'status', topics: 'orders', data: {}, lane: 'batched' })
    const instantId = await hub.invalidate('orders')
    hub.setPaused(connectionId, false)
    await until(
      () => first.events.some((f) => f.id === batchedId || f.event === 'status'),
      5000,
      'batched frame read',
    )
    await until(() => first.lastEventId === instantId, 5000, 'cursor past both after the flush')
    first.destroy()

    const resumed = await open({ 'last-event-id': first.lastEventId! })
    await sleep(300)
    expect(resumed.events.filter((f) => f.event === 'invalidate' && f.id === instantId)).toEqual([])
  })
})
