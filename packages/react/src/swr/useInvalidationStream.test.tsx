import type { BinderReport } from '@ssehub/client/swr'
import { act, render, waitFor } from '@testing-library/react'
import { StrictMode } from 'react'
import useSWR, { SWRConfig } from 'swr'
import useSWRInfinite from 'swr/infinite'
import { describe, expect, it } from 'vitest'
import { createFakeStream } from '../../../client/test/support/createFakeStream'
import { countingFetch } from '../../test/support/countingFetch'
import { nextFrame } from '../../test/support/renderWithQueries'
import { EventStreamProvider } from '../EventStreamProvider'
import { useInvalidationStream } from './useInvalidationStream'

type Key = string | readonly unknown[]

/** A fetcher that counts its calls per key (by JSON). */
function countingFetcher() {
  const fetches = new Map<string, number>()
  const fetcher = async (key: unknown) => {
    const name = JSON.stringify(key)
    fetches.set(name, (fetches.get(name) ?? 0) + 1)
    return name
  }
  return { fetches, fetcher }
}

/** One `useSWR` of `swrKey`. */
function One({ swrKey, fetcher }: { swrKey: Key; fetcher: (key: unknown) => Promise<string> }) {
  useSWR(swrKey, fetcher)
  return null
}

/** Renders one `useSWR` per key, one `useSWRInfinite`, and the hook, under a fresh SWR cache. */
async function renderWithSWR(keys: Key[], stream: ReturnType<typeof createFakeStream>['stream']) {
  const { fetches, fetcher } = countingFetcher()
  function Pages() {
    useSWRInfinite((page) => `/api/orders?page=${page}`, fetcher)
    return null
  }
  function Binder() {
    useInvalidationStream()
    return null
  }
  const view = render(
    <SWRConfig value={{ provider: () => new Map(), dedupingInterval: 0 }}>
      <EventStreamProvider stream={stream}>
        {keys.map((key) => (
          <One key={JSON.stringify(key)} swrKey={key} fetcher={fetcher} />
        ))}
        <Pages />
        <Binder />
      </EventStreamProvider>
    </SWRConfig>,
  )
  const names = [...keys.map((key) => JSON.stringify(key)), '"/api/orders?page=0"']
  await waitFor(() => expect([...fetches.keys()].sort()).toEqual([...names].sort()))
  fetches.clear()
  const counts = () => Object.fromEntries(names.map((name) => [name, fetches.get(name) ?? 0]))
  const settled = async () => {
    await nextFrame()
    await nextFrame()
  }
  return { ...view, counts, settled }
}

describe('useInvalidationStream (SWR)', () => {
  it('revalidates exactly the matching keys, infinite ones included, once for 50 events', async () => {
    const fake = createFakeStream()
    const view = await renderWithSWR(
      ['/api/orders/ord_1', ['orders', 'ord_2'], '/api/customers'],
      fake.stream,
    )
    act(() => {
      for (let i = 0; i < 50; i++) fake.emit('invalidate', { resource: 'orders', id: `ord_${i}` })
    })
    await waitFor(() => expect(view.counts()['"/api/orders?page=0"']).toBe(1))
    await view.settled()
    expect(view.counts()).toEqual({
      '"/api/orders/ord_1"': 1,
      '["orders","ord_2"]': 1,
      '"/api/customers"': 0,
      '"/api/orders?page=0"': 1,
    })
  })

  it('on resync revalidates everything the topics cover', async () => {
    const fake = createFakeStream(['customers.*'])
    const view = await renderWithSWR(['/api/orders/ord_1', '/api/customers', '/api/invoices'], fake.stream)
    act(() => fake.emit('resync', { reason: 'epoch' }))
    await waitFor(() => expect(view.counts()['"/api/customers"']).toBe(1))
    await view.settled()
    expect(view.counts()).toEqual({
      '"/api/orders/ord_1"': 0,
      '"/api/customers"': 1,
      '"/api/invoices"': 0,
      '"/api/orders?page=0"': 0,
    })
  })

  it('revalidates mounted keys only: an unmounted one is skipped and revalidates when it mounts again', async () => {
    const fake = createFakeStream()
    const reports: BinderReport[] = []
    const { fetches, fetcher } = countingFetcher()
    function Page({ showRecord }: { showRecord: boolean }) {
      useInvalidationStream({ onDecisions: (report) => reports.push(report) })
      return (
        <>
          <One swrKey="/api/orders" fetcher={fetcher} />
          {showRecord ? <One swrKey={['orders', 5]} fetcher={fetcher} /> : null}
          <One swrKey="/api/orders/6" fetcher={fetcher} />
        </>
      )
    }
    const config = { provider: () => new Map(), dedupingInterval: 0 }
    const tree = (showRecord: boolean) => (
      <SWRConfig value={config}>
        <EventStreamProvider stream={fake.stream}>
          <Page showRecord={showRecord} />
        </EventStreamProvider>
      </SWRConfig>
    )
    const view = render(tree(true))
    await waitFor(() => expect(fetches.size).toBe(3))
    view.rerender(tree(false))
    act(() => fake.emit('invalidate', { resource: 'orders', id: '5' }))
    await waitFor(() => expect(reports).toHaveLength(1))
    expect(reports[0]?.decisions.map((d) => [d.key, d.outcome])).toEqual([
      ['/api/orders', 'refetched'],
      [['orders', 5], 'skipped-inactive'],
    ])
    await waitFor(() => expect(fetches.get('"/api/orders"')).toBe(2))
    expect(fetches.get('["orders",5]')).toBe(1)
    view.rerender(tree(true))
    await waitFor(() => expect(fetches.get('["orders",5]')).toBe(2))
    expect(fetches.get('"/api/orders/6"')).toBe(1)
  })

  it('leaves no listener on the stream after unmount', async () => {
    const fake = createFakeStream()
    const view = await renderWithSWR(['/api/orders'], fake.stream)
    expect(fake.listenerCount()).toBeGreaterThan(0)
    view.unmount()
    expect(fake.listenerCount()).toBe(0)
  })

  it('opens one connection under StrictMode from url and topics, and closes it on unmount', async () => {
    const server = countingFetch()
    function Binder() {
      useInvalidationStream({ url: 'http://127.0.0.1:4010/events', topics: ['orders'], fetch: server.fetch })
      return null
    }
    const view = render(
      <StrictMode>
        <SWRConfig value={{ provider: () => new Map() }}>
          <Binder />
        </SWRConfig>
      </StrictMode>,
    )
    await waitFor(() => expect(server.requests).toHaveLength(1))
    await Promise.resolve()
    expect(server.open()).toHaveLength(1)
    view.unmount()
    await waitFor(() => expect(server.open()).toHaveLength(0))
    expect(server.requests).toHaveLength(1)
  })
})
