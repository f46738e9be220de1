import type { AddressInfo } from 'node:net'
import { serve } from '@hono/node-server'
import { postgresBus, postgresReplay, postgresTicketStore } from '@ssehub/postgres'
import { redisBus, redisReplay, redisTicketStore } from '@ssehub/redis'
import type { HubOptions } from '@ssehub/server'
import { Redis } from 'ioredis'
import pg from 'pg'
import { createPlayground } from './app'
import type { Orders } from './orders'
import { PostgresOrders } from './stores/postgresOrders'
import { RedisOrders } from './stores/redisOrders'

// One node of the playground cluster, in a process of its own (src/cluster.ts starts them):
// PLAYGROUND_ENGINE=redis with REDIS_URL, or PLAYGROUND_ENGINE=postgres with DATABASE_URL; PORT.
// The orders live in the engine's store too, so every node serves the same data; imports run on the
// node that started them (their progress reaches every tab through the engine).

interface Engine {
  hubOptions: HubOptions
  store: Orders
  ready: Promise<unknown>
  close(): Promise<unknown> | undefined
}

function redisEngine(url: string): Engine {
  // The orders share this client: a write while Redis is away fails after one retry (503), not twenty.
  const redis = new Redis(url, { retryStrategy: () => 250, maxRetriesPerRequest: 1 })
  redis.on('error', () => {})
  const stream = 'ssehub:playground'
  const bus = redisBus({ redis, stream })
  return {
    hubOptions: { bus, replay: redisReplay({ redis, stream }), tickets: redisTicketStore({ redis }) },
    store: new RedisOrders(redis),
    ready: bus.ready,
    close: async () => redis.disconnect(),
  }
}

function postgresEngine(url: string): Engine {
  const pool = new pg.Pool({ connectionString: url })
  // An idle pooled connection whose server went away is reported here; the pool replaces it.
  pool.on('error', () => {})
  const bus = postgresBus({ pool, stream: 'playground' })
  const store = new PostgresOrders(pool)
  return {
    hubOptions: {
      bus,
      replay: postgresReplay({ pool, stream: 'playground' }),
      tickets: postgresTicketStore({ pool }),
    },
    store,
    ready: Promise.all([bus.ready, store.ready]),
    close: () => pool.end(),
  }
}

const engineName = process.env.PLAYGROUND_ENGINE ?? 'redis'
const engine =
  engineName === 'postgres'
    ? postgresEngine(process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres')
    : redisEngine(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379')
const { app, hub } = createPlayground(engine.hubOptions, { store: engine.store })
await engine.ready
const server = serve({
  fetch: app.fetch,
  port: Number(process.env.PORT ?? 0),
  hostname: process.env.HOST ?? '127.0.0.1',
})
await new Promise<void>((resolve) => server.once('listening', resolve))
// The launcher (and the tests) wait for this line.
console.log(`listening ${(server.address() as AddressInfo).port}`)

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, async () => {
    // Tell every tab to come back later (to another node), spread over a second.
    await hub.drain({ graceMs: 1000 })
    await hub.close()
    await engine.close()
    server.close(() => process.exit(0))
  })
}
