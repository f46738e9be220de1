import { Hono } from 'hono'
import { type SSEStreamingApi, streamSSE } from 'hono/streaming'
import { serveOnLoopback } from './listen'
import { invalidation, wallClockMs } from './payload'
import { serveBench } from './serveBench'

/**
 * The fan-out most Hono users write first: `streamSSE` per request, kept in a set, and a publish that
 * loops over the set awaiting `writeSSE` for each client. The data is serialized once per event.
 */
const streams = new Set<SSEStreamingApi>()
const app = new Hono()
app.get('/events', (c) =>
  streamSSE(c, async (stream) => {
    streams.add(stream)
    await new Promise<void>((resolve) => stream.onAbort(resolve))
    streams.delete(stream)
  }),
)

await serveBench({
  listen: () => serveOnLoopback(app.fetch),
  async publish(seq) {
    const data = JSON.stringify(invalidation(seq, wallClockMs()))
    for (const stream of streams) await stream.writeSSE({ id: String(seq), event: 'invalidate', data })
  },
  connections: () => streams.size,
})
