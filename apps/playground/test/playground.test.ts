import type { AddressInfo } from 'node:net'
import { serve } from '@hono/node-server'
import { afterEach, expect, it } from 'vitest'
import { createPlayground } from '../src/app'

const cleanups: Array<() => unknown> = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup()
})

async function start() {
  const { app, hub } = createPlayground()
  const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' })
  await new Promise<void>((resolve) => server.once('listening', resolve))
  cleanups.push(
    () => hub.close(),
    () => new Promise((r) => server.close(r)),
  )
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`
}

/** Reads a stream until `predicate` holds on the text so far. */
async function readUntil(response: Response, predicate: (text: string) => boolean): Promise<string> {
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader()
  let text = ''
  while (!predicate(text)) {
    const { value, done } = await reader.read()
    if (done) break
    text += value
  }
  await reader.cancel()
  return text
}

it('serves the page, and an order created by one tenant reaches only that tenant’s streams', async () => {
  const url = await start()
  expect(await (await fetch(url)).text()).toContain('<title>ssehub playground</title>')
  const t1 = await fetch(`${url}/events?topics=orders&tenant=t1`)
  const t2 = await fetch(`${url}/events?topics=orders&tenant=t2`)
  const created = await fetch(`${url}/api/orders?tenant=t1`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ customer: 'Ada', totalCents: 1999 }),
  })
  expect(created.status).toBe(201)
  const order = await created.json()
  const seen = await readUntil(t1, (text) => text.includes('event: invalidate'))
  expect(seen).toContain(`"resource":"orders","id":"${order.id}","action":"created"`)
  // t2 sees the order created for itself, and nothing of t1's before it.
  await fetch(`${url}/api/orders?tenant=t2`, {
    method: 'POST',
    body: JSON.stringify({ customer: 'Bo', totalCents: 5 }),
  })
  const other = await readUntil(t2, (text) => text.includes('event: invalidate'))
  expect(other).not.toContain(order.id)
  expect(
    (await (await fetch(`${url}/api/orders?tenant=t2`)).json()).map((o: { customer: string }) => o.customer),
  ).toEqual(['Bo'])
})

it('refuses a malformed order with a JSON 400', async () => {
  const url = await start()
  const response = await fetch(`${url}/api/orders`, { method: 'POST', body: '{"customer":""}' })
  expect(response.status).toBe(400)
  expect((await response.json()).error.code).toBe('bad_order')
})
