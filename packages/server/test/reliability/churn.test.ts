import { connect as connectSocket, type Socket } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { createHub, type Hub, memoryReplay } from '../../src/index'
import { startServer } from '../sse'
import { settledHeapBytes } from './collectGarbage'
import { until } from './TimedStream'

const WAVE = 1000
const IN_FLIGHT = 250

const cleanups: Array<() => Promise<void> | void> = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

/**
 * Opens one stream on a raw socket and ends it abruptly, in one of four ways a real client vanishes:
 * a TCP reset, a plain close, a close before the response came, or a close while not reading.
 */
function connectAndVanish(port: number, path: string, style: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket: Socket = connectSocket({ port, host: '127.0.0.1' })
    let connected = false
    const vanish = () => {
      if (style === 0) socket.resetAndDestroy()
      else socket.destroy()
      resolve(connected)
    }
    socket.on('error', () => resolve(connected))
    socket.once('connect', () => {
      socket.write(`GET ${path} HTTP/1.1\r\nhost: 127.0.0.1\r\naccept: text/event-stream\r\n\r\n`)
      if (style === 2) setImmediate(vanish)
    })
    socket.setEncoding('latin1')
    socket.on('data', (chunk: string) => {
      if (connected || !chunk.includes('event: connected')) return
      connected = true
      if (style === 3) socket.pause()
      // Held a moment, so events, flushes and heartbeats are in flight for it when it goes.
      setTimeout(vanish, 5 + (style === 3 ? 20 : 0))
    })
  })
}

async function wave(port: number, count: number): Promise<number> {
  let next = 0
  let connected = 0
  const worker = async () => {
    while (next < count) {
      const style = next++ % 4
      const path = style % 2 === 0 ? '/events?topics=orders,imports.*' : '/events?topics=orders.>,feed'
      if (await connectAndVanish(port, path, style)) connected += 1
    }
  }
  await Promise.all(Array.from({ length: IN_FLIGHT }, worker))
  return connected
}

describe.each([
  ['direct ServerResponse writes', true, 14_000],
  ['web stream body', false, 6_000],
])('churn over %s', (_name, directWrite, total) => {
  it(`forgets ${total.toLocaleString('en-US')} abrupt disconnects: no connection, no timer, no heap left`, async () => {
    let disconnects = 0
    const hub = createHub({
      directWrite,
      heartbeatMs: 50,
      flushIntervalMs: 100,
      metrics: false,
      // A replay window that is full before the heap is first measured: its growth is not a leak.
      replay: memoryReplay({ maxEvents: 300 }),
      onDisconnect: () => {
        disconnects += 1
      },
    })
    const server = await startServer(hub as Hub)
    cleanups.push(
      () => hub.close(),
      () => server.close(),
    )
    const port = Number(new URL(server.url).port)
    // Publishing on every lane the whole time, so connections die with frames and flushes pending.
    let seq = 0
    const publisher = setInterval(() => {
      seq += 1
      void hub.invalidate('orders', { id: `ord_${seq}` })
      void hub.progress('imports', { id: 'imp_1', current: seq % 100, total: 100 })
      void hub.publish({ type: 'status', topics: 'feed', data: { seq }, lane: 'batched' })
    }, 2)
    cleanups.push(() => clearInterval(publisher))

    // The first wave warms the JIT and lazily loaded modules up; the heap is measured after it.
    let connected = await wave(port, WAVE)
    await until(() => hub.stats().connections === 0, 10_000, 'warm-up wave gone')
    const heapBefore = await settledHeapBytes()

    for (let done = WAVE; done < total; done += WAVE)
      connected += await wave(port, Math.min(WAVE, total - done))
    await until(() => hub.stats().connections === 0, 15_000, 'every connection forgotten')
    clearInterval(publisher)

    expect(hub.stats()).toMatchObject({ connections: 0, scheduledTasks: 0 })
    expect(connected).toBeGreaterThan(total * 0.7) // all but the ones closed before their response
    expect(disconnects).toBeGreaterThanOrEqual(connected)
    expect(hub.stats().delivered.instant).toBeGreaterThan(0)
    const heapAfter = await settledHeapBytes()
    expect(heapAfter / heapBefore).toBeLessThan(1.1)
  }, 120_000)
})
