import type { TestHub } from './startHub'
import { waitFor } from './waitFor'

/**
 * The resume every client is put through, once connected: `ord_1` is invalidated and received; the server
 * drops the connection; `ord_2` is invalidated while the client is away (its reconnect is held until
 * then, so the event can only reach it by replay); resolves once the client has received `ord_2` too.
 * `received()` counts the invalidations the client has received.
 */
export async function resumeAcrossDrop(
  hub: TestHub,
  received: () => number | Promise<number>,
): Promise<void> {
  await hub.hub.invalidate('orders', { id: 'ord_1' })
  await waitFor('the first invalidation', async () => (await received()) === 1)
  const release = hub.holdConnects()
  const connects = hub.connects.length
  hub.dropConnections()
  await hub.hub.invalidate('orders', { id: 'ord_2' })
  await waitFor('the reconnect', () => hub.connects.length === connects + 1)
  release()
  await waitFor('the missed invalidation', async () => (await received()) === 2)
}
