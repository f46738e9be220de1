import { createHub } from '@ssehub/server'
import { Hono } from 'hono'
import { wallClockMs } from './payload'
import { serveBench } from './serveBench'

declare const Deno: {
  serve(
    options: { port: number; hostname: string; onListen?: () => void },
    handler: Hono['fetch'],
  ): { addr: { port: number } }
}

/** ssehub on Deno's own server (`Deno.serve`, web streams), metrics off: prom-client is Node's. */
const hub = createHub({ metrics: false })
const app = new Hono()
app.get('/events', hub.handler())

await serveBench({
  listen: async () => Deno.serve({ port: 0, hostname: '127.0.0.1', onListen() {} }, app.fetch).addr.port,
  async publish(seq) {
    await hub.invalidate('orders', { id: `ord_${seq}`, action: 'updated', hint: { t: wallClockMs() } })
  },
  connections: () => hub.stats().connections,
})
