import { QueryClient, useQuery, VueQueryPlugin } from '@tanstack/vue-query'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApp, defineComponent, h } from 'vue'
import { connectedFrame, createMockHub, eventFrame, streamUrl } from '../../client/test/support/mockHub'
import { EventStreamPlugin, useInvalidationStream, useStreamStatus } from '../src/index'

const hub = createMockHub()
beforeAll(() => hub.server.listen({ onUnhandledRequest: 'error' }))
afterAll(() => hub.server.close())

describe('the plugin with a real createEventStream', () => {
  it('connects once, goes open, refetches on an invalidate frame, and closes on app unmount', async () => {
    let fetches = 0
    const Orders = defineComponent({
      setup() {
        useInvalidationStream()
        const { status } = useStreamStatus()
        const { data } = useQuery({
          queryKey: ['orders'],
          queryFn: async () => ++fetches,
          staleTime: Infinity,
        })
        return () => h('p', `${status.value} orders#${data.value}`)
      },
    })
    const root = document.createElement('div')
    const app = createApp(Orders)
      .use(VueQueryPlugin, { queryClient: new QueryClient() })
      .use(EventStreamPlugin, { options: { url: streamUrl, topics: ['orders'] } })
    app.mount(root)
    await expect.poll(() => hub.connections.length).toBe(1)
    hub.connections[0]?.send(connectedFrame('e-1'))
    await expect.poll(() => root.textContent).toBe('open orders#1')
    hub.connections[0]?.send(eventFrame('e-2', 'invalidate', { resource: 'orders' }))
    await expect.poll(() => root.textContent).toBe('open orders#2')
    app.unmount()
    await expect.poll(() => hub.connections[0]?.aborted).toBe(true)
    expect(hub.connections).toHaveLength(1)
  })

  it('shares its connection with a composable on the same url and topics, as the React provider does', async () => {
    const before = hub.connections.length
    const options = { url: streamUrl, topics: ['orders', 'customers'] }
    const Orders = defineComponent({
      setup() {
        useInvalidationStream({ ...options, topics: ['customers', 'orders'] })
        return () => h('p')
      },
    })
    const app = createApp(Orders)
      .use(VueQueryPlugin, { queryClient: new QueryClient() })
      .use(EventStreamPlugin, { options })
    app.mount(document.createElement('div'))
    await expect.poll(() => hub.connections.length).toBe(before + 1)
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(hub.connections).toHaveLength(before + 1)
    app.unmount()
    await expect.poll(() => hub.connections[before]?.aborted).toBe(true)
  })
})
