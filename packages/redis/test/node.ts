import type { AddressInfo } from 'node:net'
import { serve } from '@hono/node-server'
import { createHub, type Hub, type HubOptions } from '@ssehub/server'
import { Hono } from 'hono'
import { Redis } from 'ioredis'
import { type RedisBus, redisBus, redisReplay, redisTicketStore } from '../src/index'

/** One hub node of a test cluster on the shared Redis, served on 127.0.0.1. */
export interface TestNode {
  hub: Hub
  bus: RedisBus
  redis: Redis
  url: string
  close(): Promise<void>
}

/**
 * Starts a node the way an app would: one ioredis client for replay and tickets, the bus duplicating it,
 * `x-tenant` as the tenant (`t1` when absent). Resolves once the bus is ready.
 */
export async function startNode(
  redisUrl: string,
  { stream = 'ssehub:test', ...hubOptions }: HubOptions & { stream?: string } = {},
): Promise<TestNode> {
  const redis = new Redis(redisUrl, { lazyConnect: false })
  redis.on('error', () => {})
  const bus = redisBus({ redis, stream, publishTimeoutMs: 1000 })
  const hub = createHub({
    authenticate: (c) => ({ metadata: { tenant_id: c.req.header('x-tenant') ?? 't1' } }),
    bus,
    replay: redisReplay({ redis, stream }),
    tickets: redisTicketStore({ redis }),
    metrics: false,
    ...hubOptions,
  })
  await bus.ready
  const app = new Hono()
  app.get('/events', hub.handler())
  app.post('/events/ticket', hub.ticketHandler())
  const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' })
  await new Promise<void>((resolve) => server.once('listening', resolve))
  const { port } = server.address() as AddressInfo
  return {
    hub,
    bus,
    redis,
    url: `http://127.0.0.1:${port}`,
    async close() {
      await hub.close()
      redis.disconnect()
      ;(server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}
