import { createHub } from '@ssehub/server'
import type { Hono } from 'hono'
import { serveHub } from './serveHub'

declare const Bun: {
  serve(options: { port: number; hostname: string; fetch: Hono['fetch']; idleTimeout: number }): {
    port: number
  }
}

/** ssehub on Bun's own server (`Bun.serve`, web streams), metrics off: prom-client is Node's. */
await serveHub(
  createHub({ metrics: false }),
  async (fetch) => Bun.serve({ port: 0, hostname: '127.0.0.1', fetch, idleTimeout: 0 }).port,
)
