import pg from 'pg'
import { serveNode } from '../../../server/test/chaos/serveNode'
import { postgresBus, postgresReplay, postgresTicketStore } from '../../src/index'

// A chaos-test node: `postgresNode.ts <connection string> <stream> <maxEvents>`, port from $PORT.
const [url, stream, maxEvents] = process.argv.slice(2)
const pool = new pg.Pool({ connectionString: url, max: 8 })
// pg asks for this: an idle pooled client whose server went away emits 'error' on the pool.
pool.on('error', () => {})
const bus = postgresBus({
  pool,
  stream: stream!,
  maxEvents: Number(maxEvents),
  trimIntervalMs: 100,
  pollIntervalMs: 500,
  publishTimeoutMs: 1000,
})
await serveNode(
  { bus, replay: postgresReplay({ pool, stream: stream! }), tickets: postgresTicketStore({ pool }) },
  { ready: bus.ready, port: Number(process.env.PORT ?? 0), onClose: () => pool.end() },
)
