import { fileURLToPath } from 'node:url'
import { afterEach, it } from 'vitest'
import { ChaosRun } from '../../server/test/chaos/chaosRun'
import { NodeProcess } from '../../server/test/chaos/NodeProcess'
import { scenarios } from '../../server/test/chaos/scenarios'
import { describeWithRedis, RedisServer } from './redisServer'

const TSX_LOADER = new URL('../node_modules/tsx/dist/loader.mjs', import.meta.url).href
const NODE_SCRIPT = fileURLToPath(new URL('./chaos/redisNode.ts', import.meta.url))
const MAX_LEN = 50

/**
 * Chaos with real processes on 127.0.0.1: a redis-server and hub nodes each in a process of their own,
 * clients over plain HTTP following the protocol. After every fault, every client must have every event
 * the engine accepted, once and in order, or a `resync` covering what it lacks.
 */
describeWithRedis('chaos: Redis engine, nodes in their own processes', () => {
  let redis: RedisServer | undefined
  let nodes: NodeProcess[] = []
  let run: ChaosRun | undefined

  afterEach(async () => {
    run?.stop()
    for (const node of nodes) await node.kill()
    await redis?.destroy()
    run = undefined
    nodes = []
    redis = undefined
  })

  async function cluster(count: number, options: { persistent?: boolean } = {}) {
    redis = await RedisServer.start(options)
    nodes = Array.from(
      { length: count },
      () => new NodeProcess(TSX_LOADER, NODE_SCRIPT, [redis!.url, 'ssehub:chaos', String(MAX_LEN)]),
    )
    await Promise.all(nodes.map((node) => node.start()))
    run = new ChaosRun(nodes)
    return { redis, nodes, run }
  }

  it('a node SIGSTOPped while the others publish past maxLen resyncs its clients when it wakes', async () => {
    const { run } = await cluster(3)
    await scenarios.pausedPastRetention(run, 8 * MAX_LEN)
  })

  for (const persistent of [false, true]) {
    it(`Redis SIGKILLed and restarted ${persistent ? 'with' : 'without'} persistence: publishes refused meanwhile, every client resyncs`, async () => {
      const { redis, run } = await cluster(2, { persistent })
      await scenarios.engineRestarted(run, redis)
    })
  }

  it('a node SIGKILLed and restarted: its clients move and miss nothing silently', async () => {
    const { run } = await cluster(2)
    await scenarios.nodeKilledAndRestarted(run)
  })

  it('200 clients over three nodes, one drains while events are published: every event once, no resync', async () => {
    const { run } = await cluster(3)
    await scenarios.drainWithManyClients(run)
  })
})
