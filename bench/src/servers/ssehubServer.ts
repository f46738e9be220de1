import { serve } from '@hono/node-server'
import { createHub } from '@ssehub/server'
import { Hono } from 'hono'
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
  listen: () =>
    new Promise((resolve) => {
      const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info) => resolve(info.port))
      server.on('connection', (socket) => socket.setNoDelay(true))
    }),
  async publish(seq) {
    await hub.invalidate('orders', { id: `ord_${seq}`, action: 'updated', hint: { t: wallClockMs() } })
  },
  connections: () => hub.stats().connections,
})
