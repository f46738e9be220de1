import type { Socket } from 'node:net'
import type { HttpBindings } from '@hono/node-server'
import { createHub } from '@ssehub/server'
import { Hono } from 'hono'
import { serveOnLoopback } from '../servers/listen'
import {
  type ApiCommand,
  type ApiHubOptions,
  type ApiReply,
  type DashboardRecord,
  epochMs,
  type Mutation,
  RECORDS_PER_RESOURCE,
  RESOURCES,
} from './dashboardData'

/**
 * The dashboard's API server, in its own process so that its CPU time is its own: `GET /api/:resource`
 * (the tenant's 100 records) and `GET /api/:resource/:id`, the tenant from `?tenant=`; `/events` for the
 * invalidation modes. The driver tells it to mutate (each tenant at its rate, each write followed by
 * `hub.invalidate` for its tenant with the new record as hint) and reads its counters over IPC. Its argument
 * is a JSON object of hub options (`ApiHubOptions`).
 */
const hubOptions = JSON.parse(process.argv[2] ?? '{}') as ApiHubOptions
const hub = createHub({
  ...hubOptions,
  metrics: false,
  authenticate: (c) => ({ metadata: { tenant_id: c.req.query('tenant') ?? 't0' } }),
})
const tables = new Map<string, DashboardRecord[]>()
const mutations: Mutation[] = []
let apiRequests = 0

/** The tenant's records of `resource`, made on first use. */
function table(tenant: string, resource: string): DashboardRecord[] {
  const name = `${tenant}/${resource}`
  let records = tables.get(name)
  if (!records) {
    records = Array.from({ length: RECORDS_PER_RESOURCE }, (_, index) => ({
      id: `r${index}`,
      name: `${resource} ${index} of ${tenant}`,
      status: 'open',
      amountCents: 1000 + index,
      version: 0,
      updatedAt: new Date(0).toISOString(),
    }))
    tables.set(name, records)
  }
  return records
}

// Bytes written per kind of socket: an event stream, or API answers. A kept-alive socket that changes
// kind hands what it wrote so far to its previous kind.
type Kind = 'api' | 'stream'
const sockets = new Map<Socket, { kind: Kind; base: number }>()
const settled = { api: 0, stream: 0 }
function tag(socket: Socket, kind: Kind) {
  const seen = sockets.get(socket)
  if (seen?.kind === kind) return
  if (seen) settled[seen.kind] += socket.bytesWritten - seen.base
  sockets.set(socket, { kind, base: socket.bytesWritten })
  if (!seen) {
    socket.once('close', () => {
      const last = sockets.get(socket)
      if (last) settled[last.kind] += socket.bytesWritten - last.base
      sockets.delete(socket)
    })
  }
}
function bytesWritten(kind: Kind): number {
  let total = settled[kind]
  for (const [socket, seen] of sockets) if (seen.kind === kind) total += socket.bytesWritten - seen.base
  return total
}

const app = new Hono<{ Bindings: HttpBindings }>()
app.use(async function countBytes(c, next) {
  tag(c.env.incoming.socket, c.req.path === '/events' ? 'stream' : 'api')
  await next()
})
app.get('/events', hub.handler())
app.get('/api/:resource', (c) => {
  apiRequests += 1
  return c.json(table(c.req.query('tenant') ?? 't0', c.req.param('resource')))
})
app.get('/api/:resource/:id', (c) => {
  apiRequests += 1
  const record = table(c.req.query('tenant') ?? 't0', c.req.param('resource')).find(
    (each) => each.id === c.req.param('id'),
  )
  return record ? c.json(record) : c.json({ error: { code: 'not_found', message: 'no such record' } }, 404)
})

/** One write in `tenant`: a random record of a random resource gets a new version, then the hub hears of it. */
async function mutate(tenant: string): Promise<void> {
  const resource = RESOURCES[Math.floor(Math.random() * RESOURCES.length)] as string
  const records = table(tenant, resource)
  const index = Math.floor(Math.random() * records.length)
  const previous = records[index] as DashboardRecord
  const record: DashboardRecord = {
    ...previous,
    version: previous.version + 1,
    status: (['open', 'pending', 'closed'] as const)[previous.version % 3] ?? 'open',
    updatedAt: new Date().toISOString(),
  }
  records[index] = record
  mutations.push({ tenant, resource, id: record.id, version: record.version, atMs: epochMs() })
  await hub.invalidate(resource, { id: record.id, action: 'updated', hint: record, tenant })
}

/** Each tenant writes every 60 s / `perTenantPerMinute`, from a random phase, for `durationMs`. */
function startMutating(tenants: number, perTenantPerMinute: number, durationMs: number): void {
  const everyMs = 60_000 / perTenantPerMinute
  const endAt = performance.now() + durationMs
  for (let t = 0; t < tenants; t++) {
    const tenant = `t${t}`
    const next = (delayMs: number) => {
      const timer = setTimeout(function tenantWrites() {
        if (performance.now() >= endAt) return
        void mutate(tenant)
        next(everyMs)
      }, delayMs)
      timer.unref()
    }
    next(Math.random() * everyMs)
  }
}

const send = (reply: ApiReply) => process.send?.(reply)
process.on('message', (command: ApiCommand) => {
  if (command.type === 'mutate') {
    startMutating(command.tenants, command.perTenantPerMinute, command.durationMs)
    send({ type: 'mutating' })
  } else if (command.type === 'counters') {
    const cpu = process.cpuUsage()
    send({
      type: 'counters',
      apiRequests,
      apiBytes: bytesWritten('api'),
      streamBytes: bytesWritten('stream'),
      cpuUs: cpu.user + cpu.system,
      atMs: epochMs(),
    })
  } else if (command.type === 'mutations') {
    const { sinceMs, untilMs } = command
    send({ type: 'mutations', mutations: mutations.filter((m) => m.atMs >= sinceMs && m.atMs < untilMs) })
  }
})
// The driver closing the IPC channel is the signal to go.
process.on('disconnect', () => {
  void hub.close().finally(() => process.exit(0))
})
send({ type: 'listening', port: await serveOnLoopback(app.fetch) })
