import { afterEach, describe, expect, it } from 'vitest'
import { createHub, type Hub, memoryReplay } from '../../src/index'
import { startServer } from '../sse'
import { settledHeapBytes } from './collectGarbage'
import { SoakClient } from './SoakClient'
import { until } from './TimedStream'

/** Two minutes by default; `SSEHUB_SOAK_MS` shortens it for a local run. */
const SOAK_MS = Number(process.env.SSEHUB_SOAK_MS ?? 120_000)
const CLIENTS = 40
const TICK_MS = 20 // an instant invalidation per tick, a batched status every fifth: 50 events/s

const cleanups: Array<() => Promise<void> | void> = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

describe('soak', () => {
  it(
    `loses no event over ${SOAK_MS / 1000} s of steady publishing and reconnects, with flat memory`,
    async () => {
      // The replay window fills in 20 s, before memory is first sampled; a reconnect gap is at most ~1 s.
      const hub = createHub({
        metrics: false,
        replay: memoryReplay({ maxEvents: 1000 }),
        flushIntervalMs: 200,
      })
      const server = await startServer(hub as Hub)
      cleanups.push(
        () => hub.close(),
        () => server.close(),
      )
      const maxSeq = Math.ceil((SOAK_MS / TICK_MS) * 1.2) + 10
      const clients = Array.from(
        { length: CLIENTS },
        () => new SoakClient(`${server.url}/events?topics=orders`, maxSeq),
      )
      cleanups.push(() => {
        for (const client of clients) client.close()
      })
      for (const client of clients) client.connect()
      // `run` reconnects at once from the last id seen: a client that has not read its `connected` frame
      // yet would come back with no id, as a new stream, and rightly miss what was published meanwhile
      // (seen under load: a client without events 1–10 and no resync). So wait for the frames, not the count.
      await until(
        () => clients.every((client) => client.connectedFrames === 1),
        10_000,
        'every client connected',
      )

      let seq = 0
      const publisher = setInterval(() => {
        seq += 1
        if (seq % 5 === 0)
          void hub.publish({ type: 'status', topics: 'orders', data: { seq }, lane: 'batched' })
        else void hub.invalidate('orders', { id: `ord_${seq}`, hint: { seq } })
      }, TICK_MS)
      cleanups.push(() => clearInterval(publisher))
      for (const client of clients)
        client.run(
          () => 1000 + Math.random() * 7000,
          () => Math.random() * 500,
        )

      const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))
      await sleep(SOAK_MS * 0.4)
      const heapMid = await settledHeapBytes()
      await sleep(SOAK_MS * 0.6)
      clearInterval(publisher)
      const heapEnd = await settledHeapBytes()
      const published = seq

      // Everyone comes back once more and collects what it is owed.
      for (const client of clients) {
        client.settle()
        client.connect()
      }
      await until(
        () => clients.every((c) => c.seen[published] === 1),
        30_000,
        'every client has the last event',
      )
      // Every id seen exactly once, or a resync that told the client to refetch what it missed.
      const reports = clients.map((client, i) => {
        const missing: number[] = []
        const duplicated: number[] = []
        for (let s = 1; s <= published; s++) {
          if (client.seen[s] === 0) missing.push(s)
          if (client.seen[s]! > 1) duplicated.push(s)
        }
        return { client: i, connects: client.connects, resyncs: client.resyncs, missing, duplicated }
      })
      const failures = reports.filter(
        (r) => r.duplicated.length > 0 || (r.missing.length > 0 && r.resyncs === 0),
      )
      expect(failures).toEqual([])
      expect(clients.every((client) => client.misordered === 0)).toBe(true)
      expect(Math.min(...clients.map((client) => client.connects))).toBeGreaterThan(SOAK_MS / 10_000)
      expect(heapEnd / heapMid).toBeLessThan(1.1)

      for (const client of clients) client.close()
      await until(() => hub.stats().connections === 0, 10_000, 'every connection forgotten')
      expect(hub.stats().scheduledTasks).toBe(0)
    },
    SOAK_MS + 90_000,
  )
})
