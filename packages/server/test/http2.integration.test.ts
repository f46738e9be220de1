import { once } from 'node:events'
import { createServer, connect as http2Connect } from 'node:http2'
import type { AddressInfo } from 'node:net'
import { serve } from '@hono/node-server'
import { Hono } from 'hono'
import { expect, it } from 'vitest'
import { createHub } from '../src/index'
import { onCleanup } from './hubServer'
import { eventually } from './sse'

/** A hub on `@hono/node-server` over HTTP/2 (h2c), a client session to it, and the warnings Node emits. */
async function setupHttp2(directWrite = true) {
  const warnings: string[] = []
  const onWarning = (warning: Error) => warnings.push(warning.message)
  process.on('warning', onWarning)
  onCleanup(() => void process.off('warning', onWarning))
  const hub = createHub({ directWrite })
  const app = new Hono()
  app.get('/events', hub.handler())
  const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1', createServer })
  await once(server, 'listening')
  onCleanup(() => new Promise<void>((resolve) => server.close(() => resolve())))
  onCleanup(() => hub.close())
  const client = http2Connect(`http://127.0.0.1:${(server.address() as AddressInfo).port}`)
  onCleanup(() => void client.close())
  return { hub, client, warnings }
}

it.each([
  ['direct writes', true],
  ['web stream', false],
])(
  'streams over HTTP/2 on @hono/node-server (%s): no Connection header, a reset stream is seen',
  async (_name, directWrite) => {
    const { hub, client, warnings } = await setupHttp2(directWrite)
    const request = client.request({ ':path': '/events?topics=orders', accept: 'text/event-stream' })
    let text = ''
    request.setEncoding('utf8')
    request.on('data', (chunk: string) => {
      text += chunk
    })
    const [headers] = (await once(request, 'response')) as [Record<string, string | number>]
    expect(headers[':status']).toBe(200)
    expect(headers['content-type']).toBe('text/event-stream; charset=utf-8')
    expect(headers).not.toHaveProperty('connection')
    await eventually(() => text.includes('event: connected'))

    const invalidations = () => text.split('event: invalidate\n').length - 1
    await hub.invalidate('orders', { id: 'ord_1' })
    await eventually(() => invalidations() === 1)
    // Still open a while later, and nothing HTTP/1-specific leaked into the data.
    await new Promise((resolve) => setTimeout(resolve, 50))
    await hub.invalidate('orders', { id: 'ord_2' })
    await eventually(() => invalidations() === 2)
    expect(text).not.toMatch(/^[0-9a-f]+\r$/m)
    expect(hub.stats().connections).toBe(1)

    request.close() // RST_STREAM: the client is gone, the session stays
    await eventually(() => hub.stats().connections === 0)
    expect(hub.stats().scheduledTasks).toBe(0)
    // Node warns when a handler sets a connection-specific header on an HTTP/2 response.
    expect(warnings.filter((message) => /connection/i.test(message))).toEqual([])
  },
)

it('answers HEAD over HTTP/2 with the stream headers and no Connection header', async () => {
  const { hub, client, warnings } = await setupHttp2()
  const request = client.request({ ':path': '/events?topics=orders', ':method': 'HEAD' })
  const [headers] = (await once(request, 'response')) as [Record<string, string | number>]
  request.close()
  expect(headers[':status']).toBe(200)
  expect(headers['content-type']).toBe('text/event-stream; charset=utf-8')
  expect(hub.stats().connections).toBe(0)
  await new Promise((resolve) => setTimeout(resolve, 50))
  // Node warns when a handler sets a connection-specific header on an HTTP/2 response.
  expect(warnings.filter((message) => /connection/i.test(message))).toEqual([])
})
