import { createHub } from '@ssehub/server'
import { Hono } from 'hono'
import { serveOnLoopback } from './listen'
import { wallClockMs } from './payload'
import { serveBench } from './serveBench'

/**
 * ssehub as its README sets it up, with its defaults (direct writes on @hono/node-server, metrics on
 * prom-client): one `hub.invalidate` per event, routed to every connection subscribed to `orders`.
 */
const hub = createHub()
const app = new Hono()
app.get('/events', hub.handler())

await serveBench({
  listen: () => serveOnLoopback(app.fetch),
  async publish(seq) {
    await hub.invalidate('orders', { id: `ord_${seq}`, action: 'updated', hint: { t: wallClockMs() } })
  },
  connections: () => hub.stats().connections,
})
