import { createHub } from '@ssehub/server'
import { Hono } from 'hono'
import { wallClockMs } from './payload'
import { serveBench } from './serveBench'

declare const Bun: {
  serve(options: { port: number; hostname: string; fetch: Hono['fetch']; idleTimeout: number }): {
    port: number
  }
}

/** ssehub on Bun's own server (`Bun.serve`, web streams), metrics off: prom-client is Node's. */
const hub = createHub({ metrics: false })
const app = new Hono()
app.get('/events', hub.handler())

await serveBench({
  listen: async () => Bun.serve({ port: 0, hostname: '127.0.0.1', fetch: app.fetch, idleTimeout: 0 }).port,
  async publish(seq) {
    await hub.invalidate('orders', { id: `ord_${seq}`, action: 'updated', hint: { t: wallClockMs() } })
  },
  connections: () => hub.stats().connections,
})
