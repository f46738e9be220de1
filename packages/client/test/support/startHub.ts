import { once } from 'node:events'
import type { AddressInfo } from 'node:net'
import { serve } from '@hono/node-server'
import { createHub, HubError } from '@ssehub/server'
import { Hono } from 'hono'
import { fetchTicket } from '../../src/fetchTicket'

/** How {@link startHub} sets up the real hub. */
export interface StartHubOptions {
  /** Listen on this port (to play a restarted server); 0 picks a free one. */
  port?: number
  /** Require auth: the test bearer token, or a single-use `?ticket=` from `POST /events/ticket`. */
  tickets?: boolean
  /** Adds routes beside `/events` (no middleware around it: see the note in the client's report). */
  routes?: (app: Hono) => void
  /** Sees every request before the app does. */
  onRequest?: (request: Request) => void
}

/**
 * Serves the real `@ssehub/server` hub on 127.0.0.1 with `@hono/node-server`, with its ticket route
 * (`POST /events/ticket`) and, when asked, a bearer token required from requests without a ticket.
 */
export async function startHub({ port = 0, tickets = false, routes, onRequest }: StartHubOptions = {}) {
  const hub = createHub({
    retryMs: 100,
    heartbeatMs: 1_000,
    // With tickets on, a request without one must carry the test token; the ticket route checks it too.
    authenticate: tickets
      ? (c) => {
          if (c.req.header('authorization') !== `Bearer ${testToken}`) {
            throw new HubError('unauthorized', 'Missing or wrong token', { status: 401 })
          }
          return { metadata: {} }
        }
      : undefined,
  })
  const app = new Hono()
  app.post('/events/ticket', hub.ticketHandler())
  routes?.(app)
  app.get('/events', hub.handler())
  const server = serve({
    fetch: (request, env) => {
      onRequest?.(request)
      return app.fetch(request, env)
    },
    port,
    hostname: '127.0.0.1',
  })
  if (!server.listening) await once(server, 'listening')
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  const nodeServer = server as unknown as import('node:http').Server
  return {
    hub,
    origin,
    url: `${origin}/events`,
    port: (server.address() as AddressInfo).port,
    /** Cuts every open socket, as a network failure does, while the hub (and its replay) lives on. */
    dropConnections: () => nodeServer.closeAllConnections(),
    async stop() {
      await hub.close()
      nodeServer.closeAllConnections()
      await new Promise((resolve) => server.close(resolve))
    },
  }
}

/** The bearer token {@link startHub} accepts when tickets are on. */
export const testToken = 'test-token'

/** A `getTicket` for the hub's `POST /events/ticket` that records every ticket it got. */
export function ticketFetcher(origin: string) {
  const tickets: string[] = []
  const getTicket = async ({ signal }: { signal: AbortSignal }) => {
    const ticket = await fetchTicket(`${origin}/events/ticket`, {
      headers: { authorization: `Bearer ${testToken}` },
      signal,
    })
    tickets.push(ticket)
    return ticket
  }
  return { getTicket, tickets }
}
