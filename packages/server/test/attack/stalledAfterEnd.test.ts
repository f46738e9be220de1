import type { AddressInfo } from 'node:net'
import { connect as netConnect } from 'node:net'
import { serve } from '@hono/node-server'
import { Hono } from 'hono'
import { expect, it } from 'vitest'
import { createHub } from '../../src/index'
import { onCleanup } from '../hubServer'
import { eventually } from '../sse'

/**
 * A stream the hub ends itself (drain, rotation, `close()`) ends its response with `res.end()`. When the
 * client has stopped reading and the socket's buffers are full, that end never completes; the socket
 * would stay open for good, uncounted (gone from `stats()` and the tenant's limit). The sink cuts a
 * response whose end is not taken within `heartbeatMs` (found under attack; this test failed before).
 */
it('closes the socket of a stalled client whose stream the hub ended (direct writes)', async () => {
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
