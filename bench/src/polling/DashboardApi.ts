import { serve } from '@hono/node-server'
import { createHub } from '@ssehub/server'
import { Hono } from 'hono'

export const RESOURCES = ['orders', 'customers', 'invoices', 'shipments', 'products', 'tickets'] as const
export const RECORDS_PER_RESOURCE = 100

/** One mutation: what changed, the versions it produced, and when it was committed. */
export interface Mutation {
  resource: string
  id: string
  listVersion: number
  recordVersion: number
  atMs: number
}

/**
 * The API a dashboard reads: `GET /api/:resource` (a list) and `GET /api/:resource/:id` (a record), each
 * answering its current version, and `/events` for the invalidation mode. Every API request is counted;
 * `mutate` changes a random record and tells the hub, as a real handler would after its write.
 */
export async function startDashboardApi() {
  const hub = createHub({ metrics: false })
  const listVersions = new Map<string, number>()
  const recordVersions = new Map<string, number>()
  const mutations: Mutation[] = []
  let apiRequests = 0
  const app = new Hono()
  app.get('/events', hub.handler())
  app.get('/api/:resource', (c) => {
    apiRequests += 1
    return c.json({ version: listVersions.get(c.req.param('resource')) ?? 0 })
  })
  app.get('/api/:resource/:id', (c) => {
    apiRequests += 1
    return c.json({ version: recordVersions.get(`${c.req.param('resource')}.${c.req.param('id')}`) ?? 0 })
  })
  const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' })
  await new Promise<void>((resolve) => server.once('listening', resolve))
  const { port } = server.address() as { port: number }

  return {
    url: `http://127.0.0.1:${port}`,
    mutations,
    get apiRequests() {
      return apiRequests
    },
    /** Updates one random record (and so its resource's list), then publishes the invalidation with the new version as a hint. */
    async mutate(): Promise<void> {
      const resource = RESOURCES[Math.floor(Math.random() * RESOURCES.length)]!
      const id = `r${Math.floor(Math.random() * RECORDS_PER_RESOURCE)}`
      const listVersion = (listVersions.get(resource) ?? 0) + 1
      const recordVersion = (recordVersions.get(`${resource}.${id}`) ?? 0) + 1
      listVersions.set(resource, listVersion)
      recordVersions.set(`${resource}.${id}`, recordVersion)
      mutations.push({ resource, id, listVersion, recordVersion, atMs: performance.now() })
      await hub.invalidate(resource, { id, action: 'updated', hint: { version: recordVersion } })
    },
    async close() {
      await hub.close()
      ;(server as unknown as { closeAllConnections(): void }).closeAllConnections()
      await new Promise((resolve) => server.close(resolve))
    },
  }
}
