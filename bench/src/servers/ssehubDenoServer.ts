import { createHub } from '@ssehub/server'
import type { Hono } from 'hono'
import { serveHub } from './serveHub'

declare const Deno: {
  serve(
    options: { port: number; hostname: string; onListen?: () => void },
    handler: Hono['fetch'],
  ): { addr: { port: number } }
}

/** ssehub on Deno's own server (`Deno.serve`, web streams), metrics off: prom-client is Node's. */
await serveHub(
  createHub({ metrics: false }),
  async (fetch) => Deno.serve({ port: 0, hostname: '127.0.0.1', onListen() {} }, fetch).addr.port,
)
