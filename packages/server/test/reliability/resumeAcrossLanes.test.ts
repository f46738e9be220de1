import { afterEach, describe, expect, it } from 'vitest'
import { createHub, type Hub } from '../../src/index'
import { startServer } from '../sse'
import { openTimed, type TimedStream, until } from './TimedStream'

/**
 * KNOWN DEFECT, reproduced deterministically (found by the soak with mixed lanes): frames of different lanes
 * reach the wire out of id order (instant at once, batched and coalesced at the next flush, or on resume
 * when paused), yet a resume replays only ids after the last one the client read. So a batched frame pending
 * when the client vanished is lost without a `resync` once a later instant frame was read, and a batched frame
 * flushed after a later instant one moves the client's id backwards, so the resume repeats the instant frame.
 * These are `it.fails` until the hub's resume cursor is fixed: then they pass, vitest reports them, and
 * they become plain `it`.
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
  it.fails('still gets a batched frame that was pending when the client vanished (or a resync)', async () => {
    const { hub, open } = await setup()
    const first = await open()
    hub.setPaused(connectionIdOf(first), true)
    const batchedId = await hub.publish({ type: 'status', topics: 'orders', data: {}, lane: 'batched' })
    const instantId = await hub.invalidate('orders')
    await until(() => first.lastEventId === instantId, 5000, 'instant frame read')
    first.destroy()

    const resumed = await open({ 'last-event-id': instantId })
    await sleep(300)
    const types = resumed.events.map((f) => f.event)
    expect(resumed.events.some((f) => f.id === batchedId) || types.includes('resync')).toBe(true)
  })

  it.fails('does not repeat an instant frame the client already read', async () => {
    const { hub, open } = await setup()
    const first = await open()
    const connectionId = connectionIdOf(first)
    hub.setPaused(connectionId, true)
    const batchedId = await hub.publish({ type: 'status', topics: 'orders', data: {}, lane: 'batched' })
    const instantId = await hub.invalidate('orders')
    hub.setPaused(connectionId, false)
    await until(() => first.lastEventId === batchedId, 5000, 'batched frame read after the instant one')
    first.destroy()

    const resumed = await open({ 'last-event-id': batchedId })
    await sleep(300)
    expect(resumed.events.filter((f) => f.event === 'invalidate' && f.id === instantId)).toEqual([])
  })
})
