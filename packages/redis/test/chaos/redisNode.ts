import { Redis } from 'ioredis'
import { serveNode } from '../../../server/test/chaos/serveNode'
import { redisBus, redisReplay, redisTicketStore } from '../../src/index'

// A chaos-test node: `tsx redisNode.ts <redis url> <stream> <maxLen>`, port from $PORT.
const [url, stream, maxLen] = process.argv.slice(2)
const redis = new Redis(url!, { retryStrategy: () => 100 })
redis.on('error', () => {})
const bus = redisBus({
  redis,
  stream: stream!,
  maxEvents: Number(maxLen),
  publishTimeoutMs: 1000,
  blockMs: 1000,
})
await serveNode(
  { bus, replay: redisReplay({ redis, stream: stream! }), tickets: redisTicketStore({ redis }) },
  { ready: bus.ready, port: Number(process.env.PORT ?? 0), onClose: () => redis.disconnect() },
)
