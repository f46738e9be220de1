import { afterEach, describe, expect, it, vi } from 'vitest'
import { createEventStream, type EventStream, fetchTicket } from '../src/index'
import { startHub, ticketFetcher } from './support/startHub'

type AppEvents = { 'order.shipped': { orderId: string } }
const cleanup: (() => unknown)[] = []
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step()
})

/** Generous bounds: real sockets on a busy 2-core machine. */
const waitOptions = { timeout: 10_000, interval: 20 }
const testTimeoutMs = 30_000

function record(stream: EventStream<AppEvents>) {
  const received: { type: string; id: string | undefined; data: unknown }[] = []
  for (const type of ['invalidate', 'resync', 'order.shipped'] as const) {
    stream.on(type, (data, meta) => received.push({ type, id: meta.id, data }))
  }
  return received
}

describe('against the real hub', () => {
  it(
    'receives invalidations and typed app events',
    async () => {
      const server = await startHub()
      cleanup.push(server.stop)
      const stream = createEventStream<AppEvents>({ url: server.url, topics: ['orders', 'orders.*'] })
      cleanup.push(stream.close)
      const received = record(stream)
      await vi.waitFor(() => expect(stream.status).toBe('open'), waitOptions)

      await server.hub.invalidate('orders', { id: 'ord_1' })
      await server.hub.publish({
        type: 'order.shipped',
        topics: ['orders.ord_1'],
        data: { orderId: 'ord_1' },
      })
      await vi.waitFor(() => expect(received).toHaveLength(2), waitOptions)
      expect(received.map(({ type, data }) => ({ type, data }))).toEqual([
        { type: 'invalidate', data: { resource: 'orders', id: 'ord_1' } },
        { type: 'order.shipped', data: { orderId: 'ord_1' } },
      ])
      expect(stream.lastEventId).toBe(received[1]?.id)
    },
    testTimeoutMs,
  )

  it(
    'reconnects after a server restart and gets resync, then live events again',
    async () => {
      let server = await startHub()
      const port = server.port
      const stream = createEventStream<AppEvents>({
        url: server.url,
        topics: ['orders'],
        backoff: { initialMs: 50, maxMs: 200 },
      })
      cleanup.push(stream.close)
      const received = record(stream)
      const statuses: string[] = []
      // Listeners also hear a new error under the same status; the sequence of states is what counts.
      stream.subscribe((status) => statuses.at(-1) !== status && statuses.push(status))
      await vi.waitFor(() => expect(stream.status).toBe('open'), waitOptions)
      await server.hub.invalidate('orders', { id: 'before' })
      await vi.waitFor(() => expect(received).toHaveLength(1), waitOptions)

      await server.stop()
      await vi.waitFor(() => expect(stream.status).toBe('reconnecting'), waitOptions)
      server = await startHub({ port })
      cleanup.push(server.stop)
      await vi.waitFor(() => expect(stream.status).toBe('open'), waitOptions)
      // A new hub is a new epoch: the old last id means nothing to it, so the client must hear resync.
      await vi.waitFor(() => expect(received.map((event) => event.type)).toContain('resync'), waitOptions)
      expect(received.find((event) => event.type === 'resync')?.data).toEqual({ reason: 'epoch' })

      await server.hub.invalidate('orders', { id: 'after' })
      await vi.waitFor(
        () => expect(received.at(-1)).toMatchObject({ type: 'invalidate', data: { id: 'after' } }),
        waitOptions,
      )
      expect(statuses).toEqual(['open', 'reconnecting', 'open'])
    },
    testTimeoutMs,
  )

  it(
    'follows a drain without reporting an error, and resumes on the next server',
    async () => {
      let server = await startHub()
      const port = server.port
      const stream = createEventStream<AppEvents>({
        url: server.url,
        topics: ['orders'],
        backoff: { initialMs: 50, maxMs: 200 },
      })
      cleanup.push(stream.close)
      const received = record(stream)
      const drains: unknown[] = []
      stream.on('drain', (data) => drains.push(data))
      // The first state change after the drain frame: how the app sees the server leaving.
      let afterDrain: { status: string; error: unknown } | undefined
      stream.subscribe((status) => {
        if (drains.length > 0 && !afterDrain && status !== 'open')
          afterDrain = { status, error: stream.error }
      })
      await vi.waitFor(() => expect(stream.status).toBe('open'), waitOptions)

      // The server goes away the graceful way; the next one takes its place on the same port.
      await server.hub.drain({ graceMs: 100 })
      await vi.waitFor(() => expect(drains).toEqual([{ reconnectInMs: expect.any(Number) }]), waitOptions)
      await server.stop()
      server = await startHub({ port })
      cleanup.push(server.stop)
      await vi.waitFor(() => expect(stream.status).toBe('open'), waitOptions)
      await server.hub.invalidate('orders', { id: 'after-drain' })
      await vi.waitFor(
        () => expect(received.at(-1)).toMatchObject({ type: 'invalidate', data: { id: 'after-drain' } }),
        waitOptions,
      )
      // A drain is not a failure: the stream waits to reconnect with no error to show.
      expect(afterDrain).toEqual({ status: 'reconnecting', error: undefined })
    },
    testTimeoutMs,
  )

  it(
    'fetches a fresh ticket for every connection and resumes without losing an event',
    async () => {
      const server = await startHub({ tickets: true })
      cleanup.push(server.stop)
      const { getTicket, tickets } = ticketFetcher(server.origin)
      const stream = createEventStream({
        url: server.url,
        topics: ['orders'],
        getTicket,
        backoff: { initialMs: 50, maxMs: 200 },
      })
      cleanup.push(stream.close)
      const received = record(stream)
      const statuses: string[] = []
      stream.subscribe((status) => statuses.at(-1) !== status && statuses.push(status))
      await vi.waitFor(() => expect(stream.status).toBe('open'), waitOptions)
      for (const id of ['1', '2', '3']) await server.hub.invalidate('orders', { id })
      await vi.waitFor(() => expect(received).toHaveLength(3), waitOptions)

      server.dropConnections()
      // The reconnect can be quicker than a poll of `status`: watch the transitions instead.
      await vi.waitFor(() => expect(statuses).toContain('reconnecting'), waitOptions)
      // Published while the client is away: the resume must replay them.
      for (const id of ['4', '5', '6']) await server.hub.invalidate('orders', { id })
      await vi.waitFor(() => expect(stream.status).toBe('open'), waitOptions)
      for (const id of ['7']) await server.hub.invalidate('orders', { id })

      await vi.waitFor(() => expect(received).toHaveLength(7), waitOptions)
      expect(received.map((event) => (event.data as { id: string }).id)).toEqual([
        '1',
        '2',
        '3',
        '4',
        '5',
        '6',
        '7',
      ])
      expect(received.some((event) => event.type === 'resync')).toBe(false)
      expect(tickets.length).toBeGreaterThanOrEqual(2)
      expect(new Set(tickets).size).toBe(tickets.length)
    },
    testTimeoutMs,
  )

  it(
    'reports network_error, not auth_failed, while the ticket endpoint cannot be reached, then connects',
    async () => {
      const server = await startHub({ tickets: true })
      const { origin, url } = server
      await server.stop()
      const { getTicket } = ticketFetcher(origin)
      const stream = createEventStream({
        url,
        topics: ['orders'],
        getTicket,
        backoff: { initialMs: 50, maxMs: 100 },
      })
      cleanup.push(stream.close)
      await vi.waitFor(() => expect(stream.error?.code).toBe('network_error'), waitOptions)
      expect(stream.error?.cause).toBeInstanceOf(TypeError)
      const port = Number(new URL(origin).port)
      const back = await startHub({ tickets: true, port })
      cleanup.push(back.stop)
      await vi.waitFor(() => expect(stream.status).toBe('open'), waitOptions)
    },
    testTimeoutMs,
  )

  it(
    'reports auth_failed with the status when the ticket endpoint refuses the user',
    async () => {
      const server = await startHub({ tickets: true })
      cleanup.push(server.stop)
      const stream = createEventStream({
        url: server.url,
        topics: ['orders'],
        getTicket: ({ signal }) => fetchTicket(`${server.origin}/events/ticket`, { signal }),
      })
      cleanup.push(stream.close)
      await vi.waitFor(() => expect(stream.error?.code).toBe('auth_failed'), waitOptions)
      expect(stream.error?.status).toBe(401)
    },
    testTimeoutMs,
  )

  it(
    'stops with the hub’s typed error when the ticket is refused',
    async () => {
      const server = await startHub({ tickets: true })
      cleanup.push(server.stop)
      const stream = createEventStream({
        url: server.url,
        topics: ['orders'],
        getTicket: async () => 'forged',
        maxAuthRetries: 1,
        backoff: { initialMs: 10, maxMs: 20 },
      })
      cleanup.push(stream.close)
      await vi.waitFor(() => expect(stream.status).toBe('closed'), waitOptions)
      expect(stream.error).toMatchObject({ status: 401, code: 'invalid_ticket' })
    },
    testTimeoutMs,
  )
})
