import type { Server } from 'node:net'
import { serve } from '@hono/node-server'

/** Listens on 127.0.0.1 at a free port, with room for thousands of pending connects; resolves to the port. */
export function listenOnLoopback(server: Server): Promise<number> {
  return new Promise((resolve) =>
    server.listen({ port: 0, host: '127.0.0.1', backlog: 4096 }, () => {
      resolve((server.address() as { port: number }).port)
    }),
  )
}

/** Serves a Hono app on `@hono/node-server` at 127.0.0.1, Nagle off on every socket; resolves to the port. */
export function serveOnLoopback(fetch: Parameters<typeof serve>[0]['fetch']): Promise<number> {
  return new Promise((resolve) => {
    const server = serve({ fetch, port: 0, hostname: '127.0.0.1' }, (info) => resolve(info.port))
    server.on('connection', (socket) => socket.setNoDelay(true))
  })
}
