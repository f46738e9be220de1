import { fileURLToPath } from 'node:url'
import { afterEach, expect, it } from 'vitest'
import { ChaosRun } from '../../server/test/chaos/chaosRun'
import { NodeProcess } from '../../server/test/chaos/NodeProcess'
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
    const { nodes, run } = await cluster(3)
    const [a, b, c] = nodes as [NodeProcess, NodeProcess, NodeProcess]
    await run.connect(60)
    await run.publish(10, [a, c])
    await run.allReceived(run.published.at(-1)!)
    b.pause()
    await run.publish(8 * MAX_LEN, [a, c])
    b.resume()
    await run.allReceived(await run.publishOnceAccepted([a, c]))
    expect(run.violations()).toEqual([])
    // Every client of the paused node lost events to the trim: each was told so.
    const onB = run.clients.filter((_, i) => i % 3 === 1)
    expect(onB.every((client) => client.resyncs > 0)).toBe(true)
  })

  for (const persistent of [false, true]) {
    it(`Redis SIGKILLed and restarted ${persistent ? 'with' : 'without'} persistence: publishes refused meanwhile, every client resyncs`, async () => {
      const { redis, nodes, run } = await cluster(2, { persistent })
      await run.connect(40)
      await run.publish(20, nodes)
      const before = run.published.at(-1)!
      await run.allReceived(before)
      await redis.stop()
      await run.publish(20, nodes)
      expect(run.refused.size).toBe(20)
      await redis.start()
      await run.publishOnceAccepted(nodes)
      await run.publish(20, nodes)
      await run.allReceived(run.published.at(-1)!)
      expect(run.violations()).toEqual([])
      // Whatever each client received after the outage, a resync came first (the lost publishes are
      // mutations it must refetch).
      for (const client of run.clients) {
        const beforeAt = client.log.findIndex((entry) => 'id' in entry && entry.id === before)
        const firstAfter = client.log.findIndex((entry, i) => i > beforeAt && 'id' in entry)
        const gapAt = client.log.findIndex((entry, i) => i > beforeAt && 'gap' in entry)
        expect(gapAt).toBeGreaterThan(beforeAt)
        expect(gapAt).toBeLessThan(firstAfter)
      }
    })
  }

  it('a node SIGKILLed and restarted: its clients move and miss nothing silently', async () => {
    const { nodes, run } = await cluster(2)
    const [a, b] = nodes as [NodeProcess, NodeProcess]
    await run.connect(40)
    const publishing = run.publish(300, [a])
    await new Promise((resolve) => setTimeout(resolve, 200))
    await b.kill()
    await b.start()
    await publishing
    await run.allReceived(await run.publishOnceAccepted([a, b]))
    expect(run.violations()).toEqual([])
  })

  it('200 clients over three nodes, one drains while events are published: every event once, no resync', async () => {
    const { nodes, run } = await cluster(3)
    const [a, b, c] = nodes as [NodeProcess, NodeProcess, NodeProcess]
    await run.connect(200)
    const publishing = run.publish(300, [a, b])
    await new Promise((resolve) => setTimeout(resolve, 300))
    await c.drain()
    await publishing
    await run.allReceived(await run.publishOnceAccepted([a, b]))
    expect(run.violations()).toEqual([])
    expect(run.clients.reduce((sum, client) => sum + client.resyncs, 0)).toBe(0)
    // The clients of the drained node really moved.
    expect(run.clients.filter((client) => client.connections > 1).length).toBeGreaterThanOrEqual(60)
  })
})
