import { hubRoute, hubStub } from '@ssehub/cloudflare'
import { HubError, jwtAuth } from '@ssehub/server'
import { Hono } from 'hono'
import { SignJWT } from 'jose'
import type { Env } from './Env'
import { page } from './page'

export { EventHub } from './EventHub'

type App = { Bindings: Env }

const app = new Hono<App>()

// The stream and its tickets are the object's: the Worker only routes them there.
const toHub = hubRoute<App>({ namespace: (c) => c.env.EVENT_HUB })
app.get('/events', toHub)
app.post('/events/ticket', toHub)

// An API that changes data publishes through the object's RPC, from this request.
app.post('/api/orders', async (c) => {
  const claims = await jwtAuth({ secret: c.env.JWT_SECRET })(c)
  const tenant = claims.metadata.tenant_id
  if (!tenant) throw new HubError('forbidden', 'No tenant in the token', { status: 403 })
  const id = `ord_${crypto.randomUUID().slice(0, 8)}`
  // … write the order to D1, KV or your database here …
  await hubStub(c.env.EVENT_HUB).invalidate('orders', { id, action: 'created', tenant })
  return c.json({ id }, 201)
})

// Demo only: a token for whoever asks. Real apps sign tokens where users log in.
app.post('/api/login', async (c) => {
  if (c.env.DEMO_LOGIN !== 'true') return c.notFound()
  const { name = 'guest', tenant = 'acme' } = await c.req.json<{ name?: string; tenant?: string }>()
  const token = await new SignJWT({ sub: name, tenant_id: tenant, topics: ['orders', 'orders.*'] })
    .setProtectedHeader({ alg: 'HS256' })
    .setExpirationTime('1h')
    .sign(new TextEncoder().encode(c.env.JWT_SECRET))
  return c.json({ token })
})

app.get('/', (c) => c.html(page))

app.onError((error) => {
  if (error instanceof HubError) return error.getResponse()
  throw error
})

export default app
