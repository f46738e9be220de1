import { EventStreamError } from '@ssehub/client'
import type { BinderReport } from '@ssehub/client/query'
import { QueryClient, QueryClientProvider } from '@tanstack/react-query'
import { act, render, waitFor } from '@testing-library/react'
import { StrictMode } from 'react'
import { afterEach, describe, expect, it } from 'vitest'
import { createFakeStream } from '../../client/test/support/createFakeStream'
import { catchError } from '../test/support/catchError'
import { countingFetch } from '../test/support/countingFetch'
import { renderWithQueries } from '../test/support/renderWithQueries'
import { EventStreamProvider } from './EventStreamProvider'
import { type UseInvalidationStreamOptions, useInvalidationStream } from './useInvalidationStream'

const orders = ['orders']
const order1 = ['orders', 'ord_1']
const customers = ['customers']
const invoices = ['invoices']

function Binder(props: UseInvalidationStreamOptions) {
  const { status, lastEventId } = useInvalidationStream(props)
  return (
    <output>
      {status} {lastEventId ?? '-'}
    </output>
  )
}

afterEach(async () => {
  // Shared streams close a microtask after their last holder lets go.
  await Promise.resolve()
})

describe('useInvalidationStream (TanStack Query)', () => {
  it('refetches exactly the queries mapped from an invalidate, and reports the last event id', async () => {
    const fake = createFakeStream()
    const view = await renderWithQueries([orders, order1, customers], <Binder />, fake.stream)
    act(() => fake.emit('invalidate', { resource: 'orders', id: 'ord_1' }, 'e-7'))
    await view.settled()
    expect(view.counts()).toEqual({ '["orders"]': 1, '["orders","ord_1"]': 1, '["customers"]': 0 })
    expect(view.getByRole('status').textContent).toBe('connecting e-7')
  })

  it('refetches what is on screen and marks the rest stale, reporting each decision', async () => {
    const fake = createFakeStream()
    const reports: BinderReport[] = []
    const view = await renderWithQueries(
      [orders, ['orders', 5], ['orders', 6]],
      <Binder onDecisions={(report) => reports.push(report)} />,
      fake.stream,
    )
    // A record the user looked at before: cached, no observer.
    await view.queryClient.prefetchQuery({ queryKey: ['orders', '7'], queryFn: async () => 'seen before' })
    act(() => {
      fake.emit('invalidate', { resource: 'orders', id: 5 })
      fake.emit('invalidate', { resource: 'orders', id: '7' })
    })
    await view.settled()
    expect(view.counts()).toEqual({ '["orders"]': 1, '["orders",5]': 1, '["orders",6]': 0 })
    expect(reports.flatMap((r) => r.decisions.map((d) => `${JSON.stringify(d.key)} ${d.outcome}`))).toEqual([
      '["orders"] refetched',
      '["orders",5] refetched',
      '["orders","7"] marked-stale',
    ])
    expect(view.queryClient.getQueryState(['orders', '7'])?.isInvalidated).toBe(true)
  })

  it('turns 50 invalidations of one key in one frame into one refetch', async () => {
    const fake = createFakeStream()
    const view = await renderWithQueries([orders, customers], <Binder />, fake.stream)
    act(() => {
      for (let i = 0; i < 50; i++) fake.emit('invalidate', { resource: 'orders', id: `ord_${i}` })
    })
    await view.settled()
    expect(view.counts()).toEqual({ '["orders"]': 1, '["customers"]': 0 })
  })

  it('on resync refetches everything the topics cover', async () => {
    const fake = createFakeStream(['orders.*', 'customers'])
    const view = await renderWithQueries([orders, order1, customers, invoices], <Binder />, fake.stream)
    act(() => fake.emit('resync', { reason: 'replay-gap' }))
    await view.settled()
    expect(view.counts()).toEqual({
      '["orders"]': 1,
      '["orders","ord_1"]': 1,
      '["customers"]': 1,
      '["invoices"]': 0,
    })
  })

  it('applies a hint to the cached record without fetching it when enabled', async () => {
    const fake = createFakeStream()
    const view = await renderWithQueries([orders, order1], <Binder applyHint />, fake.stream)
    act(() => fake.emit('invalidate', { resource: 'orders', id: 'ord_1', hint: { status: 'paid' } }))
    await view.settled()
    expect(view.queryClient.getQueryData(order1)).toEqual({ id: 'ord_1', status: 'paid' })
    expect(view.counts()).toEqual({ '["orders"]': 1, '["orders","ord_1"]': 0 })
    expect(view.getByText('{"id":"ord_1","status":"paid"}')).toBeTruthy()
  })

  it('leaves no listener on the stream after unmount', async () => {
    const fake = createFakeStream()
    const view = await renderWithQueries([orders], <Binder />, fake.stream)
    expect(fake.listenerCount()).toBeGreaterThan(0)
    view.unmount()
    expect(fake.listenerCount()).toBe(0)
  })

  it('opens one connection under StrictMode and closes it on unmount', async () => {
    const server = countingFetch()
    const options = { url: 'http://127.0.0.1:4010/events', topics: ['orders'], fetch: server.fetch }
    const view = render(
      <StrictMode>
        <QueryClientProvider client={new QueryClient()}>
          <Binder {...options} />
          <EventStreamProvider options={options}>
            <Binder />
          </EventStreamProvider>
        </QueryClientProvider>
      </StrictMode>,
    )
    await waitFor(() => expect(server.requests).toHaveLength(1))
    await Promise.resolve()
    expect(server.open()).toHaveLength(1)
    view.unmount()
    await waitFor(() => expect(server.open()).toHaveLength(0))
    expect(server.requests).toHaveLength(1)
  })

  it('fails loudly, saying how to fix it, without a provider or url and topics', () => {
    const quiet = console.error
    console.error = () => {}
    try {
      const error = catchError(() =>
        render(
          <QueryClientProvider client={new QueryClient()}>
            <Binder />
          </QueryClientProvider>,
        ),
      )
      expect(error).toBeInstanceOf(EventStreamError)
      expect(error).toMatchObject({
        code: 'no_provider',
        message:
          'No event stream found: wrap your app in <EventStreamProvider> or pass url and topics to useInvalidationStream.',
      })
    } finally {
      console.error = quiet
    }
  })
})
