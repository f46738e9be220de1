// One invalidation end to end: a client opens a stream, the hub invalidates, the client hears it.
import type { Hub } from '@ssehub/server'
import { openOrders } from './stream.js'

export async function receiveOneInvalidation(hub: Hub, url: string, fetchImpl?: typeof fetch): Promise<void> {
  const stream = openOrders(url, fetchImpl)
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`no connection: ${stream.status} ${stream.error?.code}`)),
        10_000,
      )
      const off = stream.subscribe((status) => {
        if (status !== 'open') return
        clearTimeout(timer)
        off()
        resolve()
      })
    })
    const received = new Promise<unknown>((resolve) => stream.on('invalidate', (data) => resolve(data)))
    await hub.invalidate('orders', { id: 'ord_1', action: 'created' })
    const data = await received
    if (JSON.stringify(data) !== JSON.stringify({ resource: 'orders', id: 'ord_1', action: 'created' }))
      throw new Error(`unexpected invalidation ${JSON.stringify(data)}`)
  } finally {
    stream.close()
  }
}
