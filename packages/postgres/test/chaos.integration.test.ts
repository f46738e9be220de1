import { fileURLToPath } from 'node:url'
import { afterAll, afterEach, beforeAll, describe, it } from 'vitest'
import { hasPostgres, PostgresServer } from '../../../testing/postgresServer'
import { ChaosRun } from '../../server/test/chaos/chaosRun'
import { NodeProcess } from '../../server/test/chaos/NodeProcess'
import { scenarios } from '../../server/test/chaos/scenarios'

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
    const { run } = await cluster(3)
    // The trim runs every 100 ms on the nodes that are awake.
    await scenarios.pausedPastRetention(run, 4 * MAX_EVENTS, 500)
  })

  it('PostgreSQL restarted: publishes refused meanwhile, every client resyncs, nothing lost silently', async () => {
    const { run } = await cluster(2)
    await scenarios.engineRestarted(run, postgres)
  })

  it('a node SIGKILLed and restarted: its clients move and miss nothing silently', async () => {
    const { run } = await cluster(2)
    await scenarios.nodeKilledAndRestarted(run)
  })

  it('200 clients over three nodes, one drains while events are published: every event once, no resync', async () => {
    const { run } = await cluster(3)
    await scenarios.drainWithManyClients(run)
  })
})
