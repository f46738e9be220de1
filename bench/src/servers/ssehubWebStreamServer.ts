import { createHub } from '@ssehub/server'
import { Hono } from 'hono'
import { serveOnLoopback } from './listen'
import { wallClockMs } from './payload'
import { serveBench } from './serveBench'

/**
 * ssehub on Node through the web-stream path (`directWrite: false`), the path Bun, Deno and Workers
 * take: the same hub as the `ssehub` row, so the gap between the two rows is what web streams cost.
 */
const hub = createHub({ directWrite: false })
const app = new Hono()
app.get('/events', hub.handler())

await serveBench({
  listen: () => serveOnLoopback(app.fetch),
  async publish(seq) {
    await hub.invalidate('orders', { id: `ord_${seq}`, action: 'updated', hint: { t: wallClockMs() } })
  },
  connections: () => hub.stats().connections,
})
