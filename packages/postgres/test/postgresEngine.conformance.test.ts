import { type EngineNode, engineConformance } from '@ssehub/server/testing'
import pg from 'pg'
import { afterAll, afterEach, beforeAll, beforeEach, describe, it } from 'vitest'
import { hasPostgres, PostgresServer } from '../../../testing/postgresServer'
import { proxiedFaults } from '../../../testing/proxiedFaults'
import { postgresBus, postgresReplay, postgresTicketStore } from '../src/index'

const MAX_EVENTS = 2000

/**
 * The Postgres engine under the shared conformance suite, on a real PostgreSQL. Each node's pool reaches
 * the database through a TCP proxy of its own, so one node's link can stall or be cut while the others'
 * don't, and all of them can be refused at once (an outage).
 */
describe.skipIf(!hasPostgres)('postgres engine', () => {
  let server: PostgresServer
  let admin: pg.Pool
  let stream = ''
  let streams = 0
  const faults = proxiedFaults<EngineNode>(() => server.port)

  beforeAll(async () => {
    server = await PostgresServer.start()
    admin = new pg.Pool(server.connection)
    admin.on('error', () => {})
  }, 60_000)
  afterAll(async () => {
    await admin?.end()
    await server?.destroy()
  }, 30_000)

  engineConformance(
    { describe, it, beforeEach, afterEach },
    {
      name: 'postgres',
      multiNode: true,
      // Trimming by count is exact; the trim runs every 100 ms here.
      retention: MAX_EVENTS + 2,
      ticketQuota: 5,
      async reset() {
        streams += 1
        stream = `conformance${streams}`
      },
      async createNode() {
        const proxy = await faults.connect()
        const pool = new pg.Pool({ ...server.connection, port: proxy.port, max: 6 })
        pool.on('error', () => {})
        const bus = postgresBus({
          pool,
          stream,
          maxEvents: MAX_EVENTS,
          trimIntervalMs: 100,
          pollIntervalMs: 500,
          publishTimeoutMs: 2000,
        })
        const node: EngineNode = {
          bus,
          replay: postgresReplay({ pool, stream }),
          tickets: postgresTicketStore({ pool, maxTicketsPerPrincipal: 5 }),
          ready: bus.ready,
          async close() {
            await bus.close()
            await proxy.close()
            await pool.end().catch(() => {})
          },
        }
        proxy.attach(node)
        return node
      },
      stall: faults.stall,
      cut: faults.cut,
      outage: faults.outage,
      async wipe() {
        await admin.query('TRUNCATE ssehub_events, ssehub_streams, ssehub_tickets')
      },
    },
  )
})
