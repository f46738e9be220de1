import type { AddressInfo } from 'node:net'
import { connect as netConnect } from 'node:net'
import { serve } from '@hono/node-server'
import { Hono } from 'hono'
import { expect, it } from 'vitest'
import { createHub } from '../../src/index'
import { onCleanup } from '../hubServer'
import { eventually } from '../sse'

/**
 * KNOWN DEFECT (left failing for the lead): a stream the hub ends itself — drain, rotation
 * (`maxLifetimeMs`, token expiry), `close()` — ends its response with `res.end()`. When the client has
 * stopped reading and the socket's buffers are full, that end never completes: the socket stays open,
 * holding up to `bufferBytes` in Node and the kernel's send buffer, for as long as the peer keeps TCP
 * alive. Nothing counts it any more (it is gone from `stats()` and the tenant's limit), so a client that
 * stalls every stream it opens keeps one more socket after every rotation, without bound, and
 * `server.close()` after `hub.drain()` never returns. On the web-stream path the runtime holds it the
 * same way (seen on Bun 1.x: the request stays in `server.pendingRequests` after the drain; node-server's
 * web path happened to finish here because its queue was the stream's, not the socket's).
 *
 * A fix needs a policy (how long a goodbye may take before the socket is destroyed: a multiple of
 * `heartbeatMs`, or an option), e.g. `NodeResponseSink.end()` arming an unref'd timer that destroys a
 * response not finished by then, cleared on its `close` (tried: this test then passes), and on the web
 * path erroring the body (`controller.error`) instead of closing it when it is not read out by then.
 */
it.fails('closes the socket of a stalled client whose stream the hub ended (direct writes)', async () => {
  const hub = createHub({ bufferBytes: 64 * 1024, heartbeatMs: 1000 })
  const app = new Hono()
  app.get('/events', hub.handler())
  const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' })
  await new Promise<void>((resolve) => server.once('listening', () => resolve()))
  onCleanup(
    () =>
      new Promise<void>((resolve) => {
        ;(server as unknown as { closeAllConnections(): void }).closeAllConnections()
        server.close(() => resolve())
      }),
  )
  onCleanup(() => hub.close())
  const socket = netConnect((server.address() as AddressInfo).port, '127.0.0.1')
  onCleanup(() => void socket.destroy())
  socket.on('error', () => {})
  let opened = false
  socket.once('data', () => {
    opened = true
    socket.pause() // reads nothing more: a stalled client
  })
  socket.write('GET /events?topics=orders HTTP/1.1\r\nHost: hub\r\n\r\n')
  await eventually(() => opened)

  // Until the budget drops a frame: Node holds a backlog, so every buffer on the way is full.
  const hint = 'x'.repeat(8000)
  for (let i = 0; i < 20_000 && hub.stats().dropped.instant === 0; i++) {
    await hub.invalidate('orders', { hint })
  }
  expect(hub.stats().dropped.instant).toBeGreaterThan(0)
  await hub.drain({ graceMs: 10 })
  expect(hub.stats().connections).toBe(0)

  const sockets = () =>
    new Promise<number>((resolve) => server.getConnections((_error, count) => resolve(count)))
  const deadline = Date.now() + 10_000
  while ((await sockets()) > 0 && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  expect(await sockets()).toBe(0)
}, 40_000)
