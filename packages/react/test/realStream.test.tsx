import { QueryClient, QueryClientProvider, useQuery } from '@tanstack/react-query'
import { render, waitFor } from '@testing-library/react'
import { StrictMode } from 'react'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { connectedFrame, createMockHub, eventFrame, streamUrl } from '../../client/test/support/mockHub'
import { EventStreamProvider, useInvalidationStream, useStreamStatus } from '../src/index'

const hub = createMockHub()
beforeAll(() => hub.server.listen({ onUnhandledRequest: 'error' }))
afterAll(() => hub.server.close())

describe('with a real createEventStream', () => {
  it('connects once under StrictMode, goes open, and an invalidate frame refetches the query', async () => {
    let fetches = 0
    function Orders() {
      useInvalidationStream()
      const { data } = useQuery({ queryKey: ['orders'], queryFn: async () => ++fetches, staleTime: Infinity })
      return <p>{`${useStreamStatus().status} orders#${data}`}</p>
    }
    const view = render(
      <StrictMode>
        <QueryClientProvider client={new QueryClient()}>
          <EventStreamProvider options={{ url: streamUrl, topics: ['orders'] }}>
            <Orders />
          </EventStreamProvider>
        </QueryClientProvider>
      </StrictMode>,
    )
    await waitFor(() => expect(hub.connections).toHaveLength(1))
    expect(hub.connections[0]?.url.searchParams.get('topics')).toBe('orders')
    hub.connections[0]?.send(connectedFrame('e-1'))
    await waitFor(() => expect(view.container.textContent).toBe('open orders#1'))

    hub.connections[0]?.send(eventFrame('e-2', 'invalidate', { resource: 'orders', id: 'ord_1' }))
    await waitFor(() => expect(view.container.textContent).toBe('open orders#2'))
    view.unmount()
    await waitFor(() => expect(hub.connections[0]?.aborted).toBe(true))
    expect(hub.connections).toHaveLength(1)
  })

  it('reads the latest render’s headers and getTicket at each reconnect, not those of the first render', async () => {
    const before = hub.connections.length
    function App({ token }: { token: string }) {
      return (
        <EventStreamProvider
          options={{
            url: streamUrl,
            topics: ['orders'],
            backoff: { initialMs: 10, maxMs: 10 },
            headers: () => ({ authorization: `Bearer ${token}` }),
            getTicket: async () => `ticket-of-${token}`,
          }}
        >
          <p />
        </EventStreamProvider>
      )
    }
    const view = render(<App token="old" />)
    await waitFor(() => expect(hub.connections).toHaveLength(before + 1))
    // The app refreshed its token; the next reconnect must use it, not the one captured at mount.
    view.rerender(<App token="new" />)
    hub.connections[before]?.end()
    await waitFor(() => expect(hub.connections).toHaveLength(before + 2))
    const second = hub.connections[before + 1]
    expect(second?.request.headers.get('authorization')).toBe('Bearer new')
    expect(second?.url.searchParams.get('ticket')).toBe('ticket-of-new')
    view.unmount()
  })
})
