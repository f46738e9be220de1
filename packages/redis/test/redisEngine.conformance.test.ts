import { type EngineNode, engineConformance } from '@ssehub/server/testing'
import { Redis } from 'ioredis'
import { afterAll, afterEach, beforeAll, beforeEach, describe, it } from 'vitest'
import { proxiedFaults } from '../../../testing/proxiedFaults'
import { redisBus, redisReplay, redisTicketStore } from '../src/index'
import { hasRedisServer, RedisServer } from './redisServer'

const MAX_LEN = 2000

/**
 * The Redis engine under the shared conformance suite, on a real redis-server. Each node reaches Redis
 * through a TCP proxy of its own, so one node's link can stall or be cut while the others' don't, and
 * all of them can be refused at once (an outage).
 */
describe.skipIf(!hasRedisServer)('redis engine', () => {
  let server: RedisServer
  let admin: Redis
  let stream = ''
  let streams = 0
  const faults = proxiedFaults<EngineNode>(() => server.port)

  beforeAll(async () => {
    server = await RedisServer.start()
    admin = new Redis(server.url)
  })
  afterAll(async () => {
    admin?.disconnect()
    await server?.destroy()
  })

  engineConformance(
    { describe, it, beforeEach, afterEach },
    {
      name: 'redis',
      multiNode: true,
      // MAXLEN ~ trims whole stream nodes (100 entries by default): 20 kept + one node + margin.
      retention: MAX_LEN + 100 + 5,
      ticketQuota: 5,
      async reset() {
        streams += 1
        stream = `ssehub:conformance:${streams}`
      },
      async createNode() {
        const proxy = await faults.connect()
        const redis = new Redis({ host: '127.0.0.1', port: proxy.port, retryStrategy: () => 100 })
        redis.on('error', () => {})
        const bus = redisBus({ redis, stream, maxEvents: MAX_LEN, blockMs: 1000, publishTimeoutMs: 3000 })
        const node: EngineNode = {
          bus,
          replay: redisReplay({ redis, stream }),
          tickets: redisTicketStore({ redis, maxTicketsPerPrincipal: 5 }),
          ready: bus.ready,
          async close() {
            await bus.close()
            redis.disconnect()
            await proxy.close()
          },
        }
        proxy.attach(node)
        return node
      },
      stall: faults.stall,
      cut: faults.cut,
      outage: faults.outage,
      async wipe() {
        await admin.flushall()
      },
    },
  )
})
