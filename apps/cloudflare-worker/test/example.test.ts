import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { startWorkerd } from '../../../packages/cloudflare/test/workerd'
import { connectSse, type SseClient } from '../../../testing/sseClient'

/** The example Worker, as `wrangler dev` runs it, in workerd through Miniflare (no network, no wrangler). */
let workerd: Awaited<ReturnType<typeof startWorkerd>>
const clients: SseClient[] = []
beforeAll(async () => {
  workerd = await startWorkerd({
    entry: fileURLToPath(new URL('../src/worker.ts', import.meta.url)),
    durableObjects: { EVENT_HUB: 'EventHub' },
    bindings: { JWT_SECRET: 'example-test-secret-0123456789abcdef', DEMO_LOGIN: 'true' },
  })
}, 60_000)
afterAll(async () => {
  for (const client of clients) client.abort()
  await workerd?.dispose()
})

async function login(tenant: string): Promise<Record<string, string>> {
  const response = await fetch(`${workerd.url}/api/login`, {
    method: 'POST',
    body: JSON.stringify({ name: 'ada', tenant }),
  })
  const { token } = (await response.json()) as { token: string }
  return { authorization: `Bearer ${token}` }
}

async function subscribe(auth: Record<string, string>): Promise<SseClient> {
  const response = await fetch(`${workerd.url}/events/ticket`, { method: 'POST', headers: auth })
  const { ticket } = (await response.json()) as { ticket: string }
  const client = await connectSse(`${workerd.url}/events?topics=orders&ticket=${ticket}`)
  clients.push(client)
  return client
}

it('serves the page', async () => {
  const response = await fetch(workerd.url)
  expect(response.status).toBe(200)
  expect(await response.text()).toContain('new EventSource(')
})

it('an order created through the API reaches every tab of its tenant, and no other tenant', async () => {
  const acme = await login('acme')
  const tabs = [await subscribe(acme), await subscribe(acme)]
  const other = await subscribe(await login('globex'))
  const created = await fetch(`${workerd.url}/api/orders`, { method: 'POST', headers: acme })
  expect(created.status).toBe(201)
  const { id } = (await created.json()) as { id: string }
  for (const tab of tabs) {
    await tab.untilEvent('invalidate')
    expect(tab.events.find((e) => e.event === 'invalidate')?.data).toEqual({
      resource: 'orders',
      id,
      action: 'created',
    })
  }
  await other.untilEvent('connected')
  expect(other.events.some((e) => e.event === 'invalidate')).toBe(false)
})

it('refuses an API call without a token', async () => {
  const response = await fetch(`${workerd.url}/api/orders`, { method: 'POST' })
  expect(response.status).toBe(401)
})
