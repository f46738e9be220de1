/**
 * The Worker the tests run in workerd: two hub objects (one hub-wide with jwtAuth and a per-tenant
 * limit, one per tenant), routed like an app would, and routes that publish from another request
 * through RPC, read stats, and restart an object.
 */
import { jwtAuth } from '@ssehub/server'
import { Hono } from 'hono'
import { HubObject, type HubObjectOptions, hubErrorFromRpc, hubRoute, hubStub } from '../../src/index'

export { ConformanceObject } from './ConformanceObject'

interface Env {
  JWT_SECRET: string
  CONFORMANCE: DurableObjectNamespace<import('./ConformanceObject').ConformanceObject>
  HUB: DurableObjectNamespace<TestHub>
  TENANT_HUB: DurableObjectNamespace<TenantHub>
}

const testOptions = (env: Env): HubObjectOptions => ({
  authenticate: jwtAuth({ secret: env.JWT_SECRET }),
  heartbeatMs: 1000,
  flushIntervalMs: 200,
  bufferBytes: 16 * 1024,
  limits: { maxConnectionsPerTenant: 20 },
  engine: { maxEvents: 50 },
})

export class TestHub extends HubObject<Env> {
  protected override hubOptions(): HubObjectOptions {
    return testOptions(this.env)
  }

  /** Resets the object as an eviction or a crash would: streams cut, memory gone, storage kept. */
  async restart(): Promise<void> {
    this.ctx.abort('restart requested by the test')
  }
}

export class TenantHub extends HubObject<Env> {
  protected override hubOptions(): HubObjectOptions {
    return { ...testOptions(this.env), tenantPerObject: true }
  }
}

const app = new Hono<{ Bindings: Env }>()
const toHub = hubRoute<{ Bindings: Env }>({ namespace: (c) => c.env.HUB })
app.get('/events', toHub)
app.post('/events/ticket', toHub)

const toTenantHub = hubRoute<{ Bindings: Env }>({
  namespace: (c) => c.env.TENANT_HUB,
  objectName: (c) => c.req.param('tenant') ?? '',
})
app.get('/t/:tenant/events', toTenantHub)
app.post('/t/:tenant/events/ticket', toTenantHub)

app.post('/publish', async (c) => {
  const { method, args } = await c.req.json<{ method: string; args: unknown[] }>()
  const stub = hubStub(c.env.HUB) as unknown as Record<string, (...args: unknown[]) => Promise<unknown>>
  return c.json({ result: await stub[method]!(...args) })
})
app.post('/t/:tenant/publish', async (c) => {
  const { method, args } = await c.req.json<{ method: string; args: unknown[] }>()
  const stub = hubStub(c.env.TENANT_HUB, c.req.param('tenant')) as unknown as Record<
    string,
    (...args: unknown[]) => Promise<unknown>
  >
  return c.json({ result: await stub[method]!(...args) })
})
// A HubError thrown in the object comes back through RPC as a plain Error: rebuilt, it answers as on Node.
app.onError((error) => {
  const refused = hubErrorFromRpc(error)
  if (refused) return refused.getResponse()
  throw error
})
app.post('/conformance', async (c) => c.json(await hubStub(c.env.CONFORMANCE, 'suite').run()))
app.get('/stats', async (c) => c.json(await hubStub(c.env.HUB).stats()))
app.post('/restart', async (c) => {
  await hubStub(c.env.HUB)
    .restart()
    .catch(() => {})
  return c.json({ restarted: true })
})

export default app
