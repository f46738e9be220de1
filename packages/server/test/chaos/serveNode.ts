import type { AddressInfo } from 'node:net'
import { serve } from '@hono/node-server'
import { Hono } from 'hono'
import { createHub, type HubOptions } from '../../src/index'

/**
 * The body of a chaos-test node process: a hub on the given engine, served on 127.0.0.1 with
 * `GET /events` (tenant from `x-tenant`), `POST /publish?id=` (an invalidation of `orders`, answering its
 * event id, or the hub's 503 JSON when the engine refuses it), and a drain on SIGTERM. Prints
 * `listening <port>` once it serves, which `NodeProcess` waits for.
 */
export async function serveNode(
  hubOptions: HubOptions,
  {
    ready,
    port = 0,
    onClose,
  }: { ready?: Promise<unknown>; port?: number; onClose?: () => void | Promise<void> },
): Promise<void> {
  const hub = createHub({
    authenticate: (c) => ({ metadata: { tenant_id: c.req.header('x-tenant') ?? 't1' } }),
    metrics: false,
    retryMs: 200,
    heartbeatMs: 1000,
    ...hubOptions,
  })
  await ready
  const app = new Hono()
  app.get('/events', hub.handler())
  app.post('/publish', async (c) => {
    try {
      const id = await hub.invalidate('orders', { id: c.req.query('id') ?? '' })
      return c.json({ id })
    } catch (error) {
      const { code, status } = error as { code?: string; status?: number }
      return c.json({ error: { code: code ?? 'internal' } }, status === 503 ? 503 : 500)
    }
  })
  const server = serve({ fetch: app.fetch, port, hostname: '127.0.0.1' })
  await new Promise<void>((resolve) => server.once('listening', resolve))
  process.stdout.write(`listening ${(server.address() as AddressInfo).port}\n`)
  process.once('SIGTERM', async () => {
    await hub.drain({ graceMs: 1000 })
    await hub.close()
    await onClose?.()
    process.exit(0)
  })
}
