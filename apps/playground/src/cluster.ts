import { type ChildProcess, spawn } from 'node:child_process'
import { createServer } from 'node:net'
import { serve } from '@hono/node-server'
import { redisBus, redisReplay, redisTicketStore } from '@ssehub/redis'
import { Redis } from 'ioredis'
import { createPlayground } from './app'
import { ImportStore } from './imports'
import { OrderStore } from './orders'

// The playground as a cluster: a throwaway redis-server on loopback, and two nodes of the playground
// (ports 3000 and 3001 by default) sharing it. Open one tab on each port: an order created on one
// node reaches the other's tabs through the Redis Stream. Kill the redis-server (its port is printed)
// to see writes refused with 503 while the streams stay up; Ctrl-C drains both nodes and stops it all.

const basePort = Number(process.env.PORT ?? 3000)
const host = process.env.HOST ?? 'localhost'
const stream = 'ssehub:playground'

const redisPort = Number(process.env.REDIS_PORT ?? 0) || (await freePort())
const redisServer = await startRedisServer(redisPort)

// The playground has no database: its stores live in memory, shared here by both nodes as a real
// deployment shares one. Events cross from node to node only through Redis.
const store = new OrderStore()
const imports = new ImportStore()

const nodes = await Promise.all(
  [basePort, basePort + 1].map(async (port) => {
    const redis = new Redis({ host: '127.0.0.1', port: redisPort })
    redis.on('error', () => {})
    const bus = redisBus({ redis, stream })
    const { app, hub } = createPlayground(
      { bus, replay: redisReplay({ redis, stream }), tickets: redisTicketStore({ redis }) },
      { store, imports },
    )
    await bus.ready
    const server = serve({ fetch: app.fetch, port, hostname: host })
    await new Promise<void>((resolve) => server.once('listening', resolve))
    return { port, hub, redis, server }
  }),
)

console.log(`ssehub playground cluster: redis-server on 127.0.0.1:${redisPort}, nodes on`)
for (const { port } of nodes) console.log(`  http://localhost:${port}`)
console.log('Open a tab on each and create an order in one: the other hears it through Redis.')

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, async () => {
    await Promise.all(nodes.map(({ hub }) => hub.drain({ graceMs: 1000 })))
    for (const { hub, redis, server } of nodes) {
      await hub.close()
      redis.disconnect()
      server.close()
    }
    redisServer.kill()
    process.exit(0)
  })
}

/** Starts `redis-server` without persistence on 127.0.0.1:`port`; resolves once it accepts connections. */
async function startRedisServer(port: number): Promise<ChildProcess> {
  const child = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  )
  let output = ''
  await new Promise<void>((resolve, reject) => {
    child.once('error', (error) =>
      reject(
        new Error(
          `could not start redis-server (${error.message}): install it (apt-get install redis-server)`,
        ),
      ),
    )
    child.once('exit', (code) => reject(new Error(`redis-server exited with ${code}:\n${output}`)))
    child.stdout!.on('data', function untilReady(chunk: Buffer) {
      output += chunk.toString()
      if (!output.includes('Ready to accept connections')) return
      child.stdout!.off('data', untilReady)
      resolve()
    })
  }).catch((error: Error) => {
    console.error(`[playground] ${error.message}`)
    process.exit(1)
  })
  child.stdout!.resume()
  child.once('exit', (code) => console.warn(`[playground] redis-server exited (${code})`))
  // Never leave a redis-server behind, however this process ends.
  process.once('exit', () => child.kill())
  return child
}

async function freePort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as { port: number }
  await new Promise<void>((resolve) => server.close(() => resolve()))
  return port
}
