// A server app as a user writes it: the hub on Hono, with every handler mounted.
import { createHub, type Hub, HubError, type HubOptions } from '@ssehub/server'
import { Hono } from 'hono'

export function createApp(options: HubOptions = {}): { app: Hono; hub: Hub } {
  const hub = createHub({
    ...options,
    onConnect(_c, connection) {
      if (connection.topics.includes('forbidden'))
        throw new HubError('topic_not_allowed', 'no', { status: 403 })
    },
  })
  const app = new Hono()
  app.get('/events', hub.handler())
  app.post('/events/ticket', hub.ticketHandler())
  app.get('/metrics', hub.metricsHandler())
  return { app, hub }
}
