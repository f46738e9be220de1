// A Cloudflare Worker with its hub in a Durable Object, as the package's README wires it.
import { HubObject, hubRoute, hubStub } from '@ssehub/cloudflare'
import { Hono } from 'hono'

interface Env {
  EVENT_HUB: DurableObjectNamespace<EventHub>
}

export class EventHub extends HubObject<Env> {}

const app = new Hono<{ Bindings: Env }>()
const toHub = hubRoute<{ Bindings: Env }>({ namespace: (c) => c.env.EVENT_HUB })
app.get('/events', toHub)
app.post('/events/ticket', toHub)
app.post('/api/orders', async (c) => {
  await hubStub(c.env.EVENT_HUB).invalidate('orders', { id: 'ord_1', action: 'created' })
  return c.json({ id: 'ord_1' }, 201)
})

export default app
