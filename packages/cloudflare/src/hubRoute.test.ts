import { HubError } from '@ssehub/server'
import { Hono } from 'hono'
import { describe, expect, it } from 'vitest'
import { type HubNamespace, hubRoute } from './hubRoute'

/** A namespace whose objects answer with the name they were reached by and the header they saw. */
function fakeNamespace(): HubNamespace & { reached: string[] } {
  const reached: string[] = []
  return {
    reached,
    idFromName: (name) => ({ name, toString: () => name, equals: () => false }) as DurableObjectId,
    get: (id) => ({
      async fetch(request: Request) {
        reached.push(String(id.name))
        return Response.json({ name: id.name, header: request.headers.get('x-ssehub-object') })
      },
    }),
  }
}

function appWith(objectName?: (c: { req: { query(name: string): string | undefined } }) => string) {
  const namespace = fakeNamespace()
  const app = new Hono()
  app.get('/events', hubRoute({ namespace: () => namespace, objectName }))
  return { app, namespace }
}

describe('hubRoute', () => {
  it('forwards to the default object, naming it in a header that overrides the client’s', async () => {
    const { app } = appWith()
    const response = await app.request('/events?topics=a', { headers: { 'x-ssehub-object': 'forged' } })
    expect(await response.json()).toEqual({ name: 'default', header: 'default' })
  })

  it('routes by objectName', async () => {
    const { app, namespace } = appWith((c) => c.req.query('tenant') ?? '')
    await app.request('/events?topics=a&tenant=t1')
    await app.request('/events?topics=a&tenant=t2')
    expect(namespace.reached).toEqual(['t1', 't2'])
  })

  it('refuses an empty or oversized name with 400 before any object is reached', async () => {
    const { app, namespace } = appWith((c) => c.req.query('tenant') ?? '')
    for (const tenant of ['', 'x'.repeat(257)]) {
      const response = await app.request(`/events?topics=a&tenant=${tenant}`)
      expect(response.status).toBe(400)
      expect(await response.json()).toMatchObject({ error: { code: 'bad_request' } })
    }
    expect(namespace.reached).toEqual([])
  })

  it('answers a HubError thrown by objectName with its response', async () => {
    const { app } = appWith(() => {
      throw new HubError('unauthorized', 'Who are you?', { status: 401 })
    })
    const response = await app.request('/events?topics=a')
    expect(response.status).toBe(401)
  })
})
