/**
 * A hub on whatever runtime runs this file, for the runtime smoke test (bench/test/runtimes.test.ts):
 * `@hono/node-server` on Node (direct writes, or the web-stream body with `--web`), `Bun.serve` with
 * `app.fetch` on Bun (the web-stream path). It prints `listening <port> <runtime>` and answers
 * `POST /control/publish` and `GET /control/stats` so the test can drive it from another process.
 */
import { createHub } from '@ssehub/server'
import { Hono } from 'hono'

interface BunRuntime {
  version: string
  serve(options: { fetch: typeof app.fetch; port: number; hostname: string }): { port: number }
}
const bun = (globalThis as { Bun?: BunRuntime }).Bun
const directWrite = !process.argv.includes('--web')

const hub = createHub({ directWrite, heartbeatMs: 1000, metrics: false })
const app = new Hono()
app.get('/events', hub.handler())
app.post('/control/publish', async (c) => c.json({ id: await hub.invalidate('orders', { id: 'ord_1' }) }))
app.get('/control/stats', (c) => c.json(hub.stats()))

let port: number
let runtime: string
if (bun) {
  port = bun.serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }).port
  runtime = `bun-${bun.version}`
} else {
  const { serve } = await import('@hono/node-server')
  port = await new Promise<number>((resolve) => {
    serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info) => resolve(info.port))
  })
  runtime = `node-${process.version}${directWrite ? '' : '-web'}`
}
console.log(`listening ${port} ${runtime}`)
