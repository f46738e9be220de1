import { fileURLToPath } from 'node:url'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { hasPostgres, PostgresServer } from '../../../testing/postgresServer'
import { ChaosRun } from '../../server/test/chaos/chaosRun'
import { NodeProcess } from '../../server/test/chaos/NodeProcess'

const TSX_LOADER = new URL('../node_modules/tsx/dist/loader.mjs', import.meta.url).href
const NODE_SCRIPT = fileURLToPath(new URL('./chaos/postgresNode.ts', import.meta.url))
const MAX_EVENTS = 50

/**
 * Chaos with real processes on 127.0.0.1: a PostgreSQL cluster and hub nodes each in a process of their
 * own, clients over plain HTTP following the protocol. After every fault, every client must have every
 * event the engine accepted, once and in order, or a `resync` covering what it lacks.
 */
describe.skipIf(!hasPostgres)('chaos: Postgres engine, nodes in their own processes', () => {
  let postgres: PostgresServer
  let streams = 0
  let nodes: NodeProcess[] = []
  let run: ChaosRun | undefined

  beforeAll(async () => {
    postgres = await PostgresServer.start()
  }, 60_000)
  afterAll(async () => {
    await postgres?.destroy()
  }, 30_000)
  afterEach(async () => {
    run?.stop()
    for (const node of nodes) await node.kill()
    run = undefined
    nodes = []
  })

  async function cluster(count: number) {
    streams += 1
    nodes = Array.from(
      { length: count },
      () => new NodeProcess(TSX_LOADER, NODE_SCRIPT, [postgres.url, `chaos${streams}`, String(MAX_EVENTS)]),
    )
    await Promise.all(nodes.map((node) => node.start()))
    run = new ChaosRun(nodes)
    return { nodes, run }
  }

  it('a node SIGSTOPped while the others publish past maxEvents resyncs its clients when it wakes', async () => {
    const { nodes, run } = await cluster(3)
    const [a, b, c] = nodes as [NodeProcess, NodeProcess, NodeProcess]
    await run.connect(60)
    await run.publish(10, [a, c])
    await run.allReceived(run.published.at(-1)!)
    b.pause()
    await run.publish(4 * MAX_EVENTS, [a, c])
    // The trim runs every 100 ms on the nodes that are awake.
    await new Promise((resolve) => setTimeout(resolve, 500))
    b.resume()
    await run.allReceived(await run.publishOnceAccepted([a, c]))
    expect(run.violations()).toEqual([])
    const onB = run.clients.filter((_, i) => i % 3 === 1)
    expect(onB.every((client) => client.resyncs > 0)).toBe(true)
  })

  it('PostgreSQL restarted: publishes refused meanwhile, every client resyncs, nothing lost silently', async () => {
    const { nodes, run } = await cluster(2)
    await run.connect(40)
    await run.publish(20, nodes)
    const before = run.published.at(-1)!
    await run.allReceived(before)
    await postgres.stop()
    await run.publish(10, nodes)
    expect(run.refused.size).toBe(10)
    await postgres.start()
    await run.publishOnceAccepted(nodes)
    await run.publish(20, nodes)
    await run.allReceived(run.published.at(-1)!)
    expect(run.violations()).toEqual([])
    for (const client of run.clients) {
      const beforeAt = client.log.findIndex((entry) => 'id' in entry && entry.id === before)
      const firstAfter = client.log.findIndex((entry, i) => i > beforeAt && 'id' in entry)
      const gapAt = client.log.findIndex((entry, i) => i > beforeAt && 'gap' in entry)
      expect(gapAt).toBeGreaterThan(beforeAt)
      expect(gapAt).toBeLessThan(firstAfter)
    }
  })

  it('a node SIGKILLed and restarted: its clients move and miss nothing silently', async () => {
    const { nodes, run } = await cluster(2)
    const [a, b] = nodes as [NodeProcess, NodeProcess]
    await run.connect(40)
    const publishing = run.publish(200, [a])
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
    expect(run.clients.filter((client) => client.connections > 1).length).toBeGreaterThanOrEqual(60)
  })
})
