import { createRequire } from 'node:module'
import type { AddressInfo } from 'node:net'
import { dirname, join } from 'node:path'
import { serve } from '@hono/node-server'
import { serveStatic } from '@hono/node-server/serve-static'
import { createHub, type Hub, HubError } from '@ssehub/server'
import { Hono } from 'hono'

/** The bearer token the hub accepts (for the `eventsource` package's headers and for tickets). */
export const TOKEN = 'Bearer third-party'

/** A stream request as the hub saw it. */
export interface SeenConnect {
  lastEventId: string | undefined
  withTicket: boolean
}

/** A hub on a real socket, with what a third-party client test needs to drive it. */
export interface TestHub {
  origin: string
  hub: Hub
  /** Every stream request that got past authentication, in order. */
  connects: SeenConnect[]
  /** Closes every open connection from the server's side, as a network drop would. */
  dropConnections(): void
  /** Holds every new stream before it opens until the returned function is called. */
  holdConnects(): () => void
  close(): Promise<void>
}

const require = createRequire(import.meta.url)
/** @microsoft/fetch-event-source's ES modules, served to the browser page as they are. */
const fetchEventSourceDir = join(
  dirname(require.resolve('@microsoft/fetch-event-source/package.json')),
  'lib/esm',
)

/**
 * Starts a hub on @hono/node-server at 127.0.0.1 with a short `retryMs` (so clients come back quickly).
 * `maxLifetimeMs` ends streams cleanly (a rotation). With `auth`, a stream needs the bearer token `TOKEN` or a ticket (`POST /events/ticket` with the token).
 * It also serves `page` at `/` and fetch-event-source's modules at `/fetch-event-source/`.
 */
export async function startHub(
  options: { auth?: boolean; page?: string; maxLifetimeMs?: number } = {},
): Promise<TestHub> {
  const connects: SeenConnect[] = []
  let gate: Promise<void> | undefined
  const hub = createHub({
    retryMs: 200,
    ...(options.maxLifetimeMs ? { maxLifetimeMs: options.maxLifetimeMs } : {}),
    authenticate: options.auth
      ? (c) => {
          if (c.req.header('authorization') !== TOKEN)
            throw new HubError('unauthorized', 'no token', { status: 401 })
          return { id: 'user_1', metadata: {} }
        }
      : undefined,
    async onConnect(c) {
      connects.push({
        lastEventId: c.req.header('last-event-id') ?? c.req.query('lastEventId'),
        withTicket: c.req.query('ticket') !== undefined,
      })
      await gate
    },
  })
  const app = new Hono()
  app.get('/events', hub.handler())
  app.post('/events/ticket', hub.ticketHandler())
  app.get('/', (c) => c.html(options.page ?? '<!doctype html><title>hub</title>'))
  app.use(
    '/fetch-event-source/*',
    serveStatic({
      root: fetchEventSourceDir,
      // Its modules import each other without extensions ('./fetch'), as a bundler would resolve them.
      rewriteRequestPath: (path) => path.replace(/^\/fetch-event-source(.*?)(\.js)?$/, '$1.js'),
    }),
  )
  const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' })
  await new Promise<void>((resolve) => server.once('listening', () => resolve()))
  const { port } = server.address() as AddressInfo
  const http = server as unknown as { closeAllConnections(): void; close(done: () => void): void }
  return {
    origin: `http://127.0.0.1:${port}`,
    hub,
    connects,
    dropConnections: () => http.closeAllConnections(),
    holdConnects() {
      let release = () => {}
      gate = new Promise<void>((resolve) => (release = resolve))
      return () => {
        gate = undefined
        release()
      }
    },
    async close() {
      await hub.close()
      http.closeAllConnections()
      await new Promise<void>((resolve) => http.close(() => resolve()))
    },
  }
}
