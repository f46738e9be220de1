import type { AddressInfo } from 'node:net'
import { serve } from '@hono/node-server'
import { createHub, type Hub, type HubOptions } from '@ssehub/server'
import { Hono } from 'hono'
import { Redis } from 'ioredis'
import { afterAll, beforeAll } from 'vitest'
import { type RedisBus, redisBus, redisReplay, redisTicketStore } from '../src/index'
import { RedisServer } from './redisServer'

/** Hub options, and the stream the nodes share. */
export type NodeOptions = HubOptions & { stream?: string }

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
  { stream = 'ssehub:test', ...hubOptions }: NodeOptions = {},
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

/** A Redis and two nodes on it, started before the suite's tests and stopped after them. */
export interface TwoNodes {
  redis: RedisServer
  a: TestNode
  b: TestNode
}

/** Registers the hooks that start a `redis-server` and two nodes for the enclosing suite. */
export function useTwoNodes(options: NodeOptions = {}): TwoNodes {
  const cluster = {} as TwoNodes
  beforeAll(async () => {
    cluster.redis = await RedisServer.start()
    cluster.a = await startNode(cluster.redis.url, options)
    cluster.b = await startNode(cluster.redis.url, options)
  })
  afterAll(async () => {
    await cluster.a?.close()
    await cluster.b?.close()
    await cluster.redis?.destroy()
  })
  return cluster
}
