import type { Hub } from '@ssehub/server'
import { Hono } from 'hono'
import { wallClockMs } from './payload'
import { serveBench } from './serveBench'

/**
 * Serves `hub` as every ssehub row does, whatever the runtime: `GET /events` on a Hono app that `listen`
 * serves, and one `hub.invalidate` per event, routed to every connection subscribed to `orders`.
 */
export function serveHub(hub: Hub, listen: (fetch: Hono['fetch']) => Promise<number>): Promise<void> {
  const app = new Hono()
  app.get('/events', hub.handler())
  return serveBench({
    listen: () => listen(app.fetch),
    async publish(seq) {
      await hub.invalidate('orders', { id: `ord_${seq}`, action: 'updated', hint: { t: wallClockMs() } })
    },
    connections: () => hub.stats().connections,
  })
}
