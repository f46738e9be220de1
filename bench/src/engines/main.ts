import { availableParallelism, loadavg } from 'node:os'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { postgresBus, postgresReplay, postgresTicketStore } from '@ssehub/postgres'
import { redisBus, redisReplay, redisTicketStore } from '@ssehub/redis'
import { Redis } from 'ioredis'
import pg from 'pg'
import { PostgresServer } from '../../../testing/postgresServer'
import { RedisServer } from '../../../testing/redisServer'
import { replaceSection } from '../writeSection'
import { type EngineFigures, type EngineSetup, measureEngine } from './EngineBench'

/**
 * `pnpm bench:engines`: for Redis and PostgreSQL (throwaway servers on 127.0.0.1, as the tests start
 * them), the publish-to-client latency across two node processes and the events per second one stream
 * sustains; writes the table into the engines' READMEs. `--latency 500 --burst 5000` for a quick look
 * (it prints, and writes only with `--write`).
 */
const { values } = parseArgs({
  options: {
    latency: { type: 'string', default: '2000' },
    burst: { type: 'string', default: '20000' },
    write: { type: 'boolean' },
  },
})
const latencyEvents = Number(values.latency)
const burst = Number(values.burst)
const write = values.write ?? (latencyEvents === 2000 && burst === 20_000)

const redis = await RedisServer.start({ persistent: true })
const postgres = await PostgresServer.start()
const setups: Array<EngineSetup & { needs: string }> = [
  {
    name: 'Redis 7 (`@ssehub/redis`)',
    needs:
      'Redis ≥ 6.2 (7 for exact trim detection on resume); AOF if the replay window must outlive a Redis restart (clients resync after one either way)',
    nodeScript: new URL('../../../packages/redis/test/chaos/redisNode.ts', import.meta.url),
    nodeArgs: [redis.url, 'ssehub:bench', '10000'],
    async publisher() {
      const client = new Redis(redis.url)
      const bus = redisBus({ redis: client, stream: 'ssehub:bench', maxEvents: 10_000 })
      return {
        hubOptions: {
          bus,
          replay: redisReplay({ redis: client, stream: 'ssehub:bench' }),
          tickets: redisTicketStore({ redis: client }),
        },
        ready: bus.ready,
        close: async () => client.disconnect(),
      }
    },
  },
  {
    name: 'PostgreSQL 15 (`@ssehub/postgres`)',
    needs: 'PostgreSQL ≥ 12 with `synchronous_commit` on; a pool with 2 spare connections per node',
    nodeScript: new URL('../../../packages/postgres/test/chaos/postgresNode.ts', import.meta.url),
    nodeArgs: [postgres.url, 'bench', '10000'],
    async publisher() {
      const pool = new pg.Pool({ connectionString: postgres.url, max: 16 })
      pool.on('error', () => {})
      const bus = postgresBus({ pool, stream: 'bench', maxEvents: 10_000 })
      return {
        hubOptions: {
          bus,
          replay: postgresReplay({ pool, stream: 'bench' }),
          tickets: postgresTicketStore({ pool }),
        },
        ready: bus.ready,
        close: async () => {
          await bus.close()
          await pool.end()
        },
      }
    },
  },
]

const results: Array<[EngineSetup & { needs: string }, EngineFigures]> = []
try {
  for (const setup of setups) {
    const figures = await measureEngine(setup, { latencyEvents, burst })
    console.log(setup.name, JSON.stringify(figures))
    results.push([setup, figures])
  }
} finally {
  await redis.destroy()
  await postgres.destroy()
}

const ms = (n: number) => (n < 10 ? n.toFixed(2) : n.toFixed(1))
const markdown = [
  '| engine | publish → client on another node, p50 | p99 | events/s sustained (one stream) | needs in production |',
  '|---|---|---|---|---|',
  ...results.map(
    ([setup, { latency, sustained }]) =>
      `| ${setup.name} | ${ms(latency.p50Ms)} ms | ${ms(latency.p99Ms)} ms | ${Math.round(sustained.eventsPerSec).toLocaleString('en-US')} | ${setup.needs} |`,
  ),
  '',
  `Measured by \`pnpm bench:engines\` (bench/src/engines) on ${new Date().toISOString().slice(0, 10)}: ${availableParallelism()} cores, Node ${process.versions.node}, load average ${loadavg()[0]!.toFixed(2)} at the end. Two nodes: B in a process of its own serving one SSE client, A (in the bench process) publishing; the engine server on 127.0.0.1 beside them (Redis with AOF \`appendfsync always\`, PostgreSQL with \`fsync=off\`, so neither waits for a disk). Latency over ${latencyEvents.toLocaleString('en-US')} events published one after another; throughput over ${burst.toLocaleString('en-US')} events with 64 publishes in flight, from the first publish to the last delivery at B.`,
].join('\n')
console.log(markdown)
if (write) {
  for (const pkg of ['redis', 'postgres']) {
    const readme = fileURLToPath(new URL(`../../../packages/${pkg}/README.md`, import.meta.url))
    await replaceSection(readme, 'engines', markdown, false)
  }
  console.log('wrote the table into packages/redis/README.md and packages/postgres/README.md')
}
process.exit(0)
