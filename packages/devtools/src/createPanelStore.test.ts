import { bindQueryClient } from '@ssehub/client/query'
import { QueryClient, QueryObserver } from '@tanstack/query-core'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { connected, frame, openTestStream, settle } from '../test/openTestStream'
import { createPanelStore } from './createPanelStore'

afterEach(() => {
  vi.useRealTimers()
})

describe('createPanelStore', () => {
  it('puts on each frame what the binder did with it, per key, and counts the refetches it caused', async () => {
    const { stream, send } = openTestStream()
    const queryClient = new QueryClient()
    const fetched: string[] = []
    const observer = new QueryObserver(queryClient, {
      queryKey: ['orders'],
      queryFn: async () => {
        fetched.push('orders')
        return []
      },
      staleTime: Number.POSITIVE_INFINITY,
    })
    const stopObserving = observer.subscribe(() => {})
    queryClient.setQueryData(['orders', 'ord_1'], { id: 'ord_1' })
    queryClient.setQueryData(['orders', 'ord_2'], { id: 'ord_2' })
    const unbind = bindQueryClient(stream, queryClient)
    const store = createPanelStore(stream, { queryClient })
    send(connected + frame('invalidate', { resource: 'orders', id: 'ord_1', action: 'updated' }, 'e-1'))
    await settle()
    const [, invalidate] = store.getState().events
    expect(invalidate).toMatchObject({
      type: 'invalidate',
      id: 'e-1',
      description: { topics: ['orders', 'orders.ord_1'], lane: 'instant' },
    })
    expect(invalidate?.decisions).toEqual([
      expect.objectContaining({ key: ['orders'], outcome: 'refetched', cause: 'event', kind: 'list' }),
      expect.objectContaining({ key: ['orders', 'ord_1'], outcome: 'marked-stale', kind: 'record' }),
    ])
    expect(store.getState().counts).toMatchObject({ events: 1, refetches: 1, markedStale: 1 })
    expect(store.getState().statuses.map((change) => change.status)).toEqual(['connecting', 'open'])
    stopObserving()
    unbind()
    store.dispose()
    stream.close()
  })

  it('stays bounded under a flood: 10,000 events and twenty 1 MB payloads keep at most maxEvents rows of maxDataChars', async () => {
    const { stream, send } = openTestStream()
    const store = createPanelStore(stream, { maxEvents: 200, maxDataChars: 1024 })
    let changes = 0
    store.subscribe(() => changes++)
    send(connected)
    const megabyte = JSON.stringify({ resource: 'orders', blob: 'x'.repeat(1024 * 1024) })
    for (let chunk = 0; chunk < 100; chunk++) {
      let text = ''
      for (let index = 0; index < 100; index++)
        text += frame('invalidate', { resource: 'orders', id: `o${chunk}_${index}` })
      if (chunk % 5 === 4) text += frame('invalidate', megabyte)
      send(text)
    }
    await settle(40)
    const state = store.getState()
    expect(state.counts.events).toBe(10_020)
    expect(state.events.length).toBeLessThanOrEqual(240)
    expect(state.counts.dropped).toBe(10_021 - state.events.length)
    expect(Math.max(...state.events.map((event) => event.data.length))).toBeLessThanOrEqual(1024)
    const big = state.events.find((event) => event.truncated)
    expect(big?.description).toMatchObject({ bytes: megabyte.length, approximate: true })
    expect(changes).toBeGreaterThan(10_000)
    store.dispose()
    stream.close()
  })

  it('drops new rows while paused but keeps counting, and clear starts the list and counts over', async () => {
    const { stream, send } = openTestStream()
    const store = createPanelStore(stream)
    send(connected + frame('invalidate', { resource: 'orders' }, 'e-1'))
    await settle()
    store.setPaused(true)
    send(frame('invalidate', { resource: 'orders' }, 'e-2') + frame('signal', { topic: 'orders.x' }))
    await settle()
    expect(store.getState().events.map((event) => event.id)).toEqual(['e-0', 'e-1'])
    expect(store.getState().counts).toMatchObject({ events: 3, dropped: 2 })
    store.setPaused(false)
    store.clear()
    expect(store.getState().events).toEqual([])
    expect(store.getState().counts.events).toBe(0)
    expect(store.getState().statuses.map((change) => change.status)).toEqual(['open'])
    store.dispose()
    stream.close()
  })

  it('tells what polling the keys on screen would have cost, from one read a second, and lets go on dispose', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'Date'] })
    const { stream } = openTestStream()
    const store = createPanelStore(stream, { keysOnScreen: () => 2, pollingIntervalMs: 30_000 })
    expect(store.getState().counts.pollingRequests).toBe(0)
    await vi.advanceTimersByTimeAsync(60_000)
    expect(store.getState().counts.pollingRequests).toBeCloseTo(4)
    store.dispose()
    expect(vi.getTimerCount()).toBe(0)
    stream.close()
    expect(createPanelStore(openTestStream().stream).getState().counts.pollingRequests).toBeUndefined()
  })

  it('refuses bad options with a typed error', () => {
    const { stream } = openTestStream()
    expect(() => createPanelStore(stream, { maxEvents: 0 })).toThrow(/positive numbers/)
    expect(() => createPanelStore(stream, { pollingIntervalMs: Number.NaN })).toThrow(/positive numbers/)
    stream.close()
  })
})
