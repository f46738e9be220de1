import type { BinderReport } from '@ssehub/client/query'
import { QueryClient, VueQueryPlugin } from '@tanstack/vue-query'
import { mount } from '@vue/test-utils'
import { describe, expect, it } from 'vitest'
import { defineComponent, effectScope, h, nextTick } from 'vue'
import { createFakeStream } from '../../client/test/support/createFakeStream'
import { mountWithQueries } from '../test/support/mountWithQueries'
import { type UseInvalidationStreamOptions, useInvalidationStream } from './useInvalidationStream'

const orders = ['orders']
const order1 = ['orders', 'ord_1']
const customers = ['customers']
const invoices = ['invoices']

describe('useInvalidationStream (vue-query)', () => {
  it('refetches exactly the queries mapped from an invalidate, and exposes the last event id', async () => {
    const fake = createFakeStream()
    let lastEventId: { value: string | undefined } | undefined
    const view = await mountWithQueries(
      [orders, order1, customers],
      () => {
        lastEventId = useInvalidationStream().lastEventId
      },
      fake.stream,
    )
    fake.emit('invalidate', { resource: 'orders', id: 'ord_1' }, 'e-7')
    await view.settled()
    expect(view.counts()).toEqual({ '["orders"]': 1, '["orders","ord_1"]': 1, '["customers"]': 0 })
    expect(lastEventId?.value).toBe('e-7')
  })

  it('refetches only the record named (ids as numbers too), with the lists, and reports each decision', async () => {
    const fake = createFakeStream()
    const reports: BinderReport[] = []
    const view = await mountWithQueries(
      [orders, ['orders', 5], ['orders', 6]],
      () => useInvalidationStream({ onDecisions: (report) => reports.push(report), stormGuard: false }),
      fake.stream,
    )
    fake.emit('invalidate', { resource: 'orders', id: '5' })
    await view.settled()
    expect(view.counts()).toEqual({ '["orders"]': 1, '["orders",5]': 1, '["orders",6]': 0 })
    expect(reports[0]?.decisions.map((d) => d.outcome)).toEqual(['refetched', 'refetched'])
  })

  it('turns 50 invalidations of one key in one frame into one refetch', async () => {
    const fake = createFakeStream()
    const view = await mountWithQueries([orders, customers], () => useInvalidationStream(), fake.stream)
    for (let i = 0; i < 50; i++) fake.emit('invalidate', { resource: 'orders', id: `ord_${i}` })
    await view.settled()
    expect(view.counts()).toEqual({ '["orders"]': 1, '["customers"]': 0 })
  })

  it('on resync refetches everything the topics cover', async () => {
    const fake = createFakeStream(['orders.*', 'customers'])
    const view = await mountWithQueries(
      [orders, order1, customers, invoices],
      () => useInvalidationStream(),
      fake.stream,
    )
    fake.emit('resync', { reason: 'replay-gap' })
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
    const options: UseInvalidationStreamOptions = { applyHint: true }
    const view = await mountWithQueries([orders, order1], () => useInvalidationStream(options), fake.stream)
    fake.emit('invalidate', { resource: 'orders', id: 'ord_1', hint: { status: 'paid' } })
    await view.settled()
    expect(view.queryClient.getQueryData(order1)).toEqual({ id: 'ord_1', status: 'paid' })
    expect(view.counts()).toEqual({ '["orders"]': 1, '["orders","ord_1"]': 0 })
    await nextTick()
    expect(view.wrapper.text()).toContain('"status":"paid"')
  })

  it('leaves no listener on the stream after unmount, and follows the status meanwhile', async () => {
    const fake = createFakeStream()
    let status: { value: string } | undefined
    const view = await mountWithQueries(
      [orders],
      () => {
        status = useInvalidationStream().status
      },
      fake.stream,
    )
    fake.setStatus('open')
    expect(status?.value).toBe('open')
    expect(fake.listenerCount()).toBeGreaterThan(0)
    view.wrapper.unmount()
    expect(fake.listenerCount()).toBe(0)
  })

  it('opens its own stream from url and topics once, and closes it with the scope', async () => {
    const { requests, fetch } = recordingFetch()
    const queryClient = new QueryClient()
    const scope = effectScope()
    scope.run(() =>
      useInvalidationStream({
        url: 'http://127.0.0.1:4010/events',
        topics: ['orders'],
        fetch,
        queryClient,
      }),
    )
    await expect.poll(() => requests.length).toBe(1)
    scope.stop()
    await expect.poll(() => requests[0]?.aborted).toBe(true)
  })

  it('shares one connection between every composable on the same url and topics, as React does', async () => {
    const { requests, fetch } = recordingFetch()
    const options = {
      url: 'http://127.0.0.1:4010/events',
      topics: ['orders', 'customers'],
      fetch,
      queryClient: new QueryClient(),
    }
    const first = effectScope()
    const second = effectScope()
    first.run(() => useInvalidationStream(options))
    second.run(() => useInvalidationStream({ ...options, topics: ['customers', 'orders'] }))
    await expect.poll(() => requests.length).toBe(1)
    first.stop()
    await new Promise((resolve) => setTimeout(resolve, 20))
    expect(requests[0]?.aborted).toBe(false)
    second.stop()
    await expect.poll(() => requests[0]?.aborted).toBe(true)
    expect(requests).toHaveLength(1)
  })

  it('refuses to open a stream outside an effect scope, where nothing would ever close it', async () => {
    const { requests, fetch } = recordingFetch()
    const options = {
      url: 'http://127.0.0.1:4010/events',
      topics: ['orders'],
      fetch,
      queryClient: new QueryClient(),
    }
    expect(() => useInvalidationStream(options)).toThrow(
      expect.objectContaining({
        name: 'EventStreamError',
        code: 'no_provider',
        message:
          'useInvalidationStream opens a stream that closes with its scope: call it in setup() or inside effectScope().run().',
      }),
    )
    await new Promise((resolve) => setTimeout(resolve, 20))
    expect(requests).toHaveLength(0)
  })

  it('fails loudly, saying how to fix it, without the plugin or url and topics', () => {
    const Binder = defineComponent({
      setup() {
        useInvalidationStream()
        return () => h('p')
      },
    })
    expect(() =>
      mount(Binder, { global: { plugins: [[VueQueryPlugin, { queryClient: new QueryClient() }]] } }),
    ).toThrow(
      expect.objectContaining({
        name: 'EventStreamError',
        code: 'no_provider',
        message:
          'No event stream found: install the plugin with app.use(EventStreamPlugin, { options }) or pass url and topics to useInvalidationStream.',
      }),
    )
  })
})

/** A fetch that answers every request with an empty open stream, keeping each request's signal. */
function recordingFetch() {
  const requests: AbortSignal[] = []
  const fetch: typeof globalThis.fetch = async (_, init) => {
    requests.push(init?.signal as AbortSignal)
    return new Response(new ReadableStream(), { headers: { 'content-type': 'text/event-stream' } })
  }
  return { requests, fetch }
}
