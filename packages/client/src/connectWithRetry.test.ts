import { HttpResponse } from 'msw'
import { describe, expect, it, vi } from 'vitest'
import { connectedFrame, errorResponse, eventFrame, settle } from '../test/support/mockHub'
import { useFakeTimeHub } from '../test/support/useFakeTimeHub'
import { EventStreamError } from './EventStreamError'

const { hub, open, advance } = useFakeTimeHub()

describe('status-aware answers', () => {
  it.each([
    [400, 'bad_topics'],
    [403, 'topic_forbidden'],
    [404, 'http_error'],
  ])('stops on %i with a typed error carrying status and code', async (status, code) => {
    hub.respondWith(() =>
      code === 'http_error' ? new HttpResponse('not here', { status }) : errorResponse(status, code),
    )
    const stream = open()
    await settle()
    expect(stream.status).toBe('closed')
    expect(stream.error).toBeInstanceOf(EventStreamError)
    expect(stream.error).toMatchObject({ status, code })
    await advance(120_000)
    expect(hub.connections).toHaveLength(1)
  })

  it('stops on 204 without retrying', async () => {
    hub.respondWith(() => new HttpResponse(null, { status: 204 }))
    const stream = open()
    await settle()
    expect(stream.status).toBe('closed')
    expect(stream.error).toMatchObject({ status: 204, code: 'no_content' })
    await advance(120_000)
    expect(hub.connections).toHaveLength(1)
  })

  it.each([429, 503])(
    'waits exactly Retry-After on %i, and coming online does not cut it short',
    async (status) => {
      const target = new EventTarget()
      vi.stubGlobal('addEventListener', target.addEventListener.bind(target))
      vi.stubGlobal('removeEventListener', target.removeEventListener.bind(target))
      hub.respondWith(() => errorResponse(status, 'busy', { 'retry-after': '7' }))
      const stream = open()
      await settle()
      expect(stream.status).toBe('connecting')
      expect(stream.error).toMatchObject({ status, code: 'busy' })
      target.dispatchEvent(new Event('online'))
      await advance(6_999)
      expect(hub.connections).toHaveLength(1)
      await advance(1)
      expect(hub.connections).toHaveLength(2)
      stream.close()
    },
  )

  it('backs off on a 503 without Retry-After', async () => {
    hub.respondWith(() => errorResponse(503, 'draining'))
    const stream = open()
    await advance(499)
    expect(hub.connections).toHaveLength(1)
    await advance(1)
    expect(hub.connections).toHaveLength(2)
    stream.close()
  })

  it('treats a 200 that is not text/event-stream as an error, with backoff', async () => {
    hub.respondWith(
      () => new HttpResponse('<html>login</html>', { headers: { 'content-type': 'text/html' } }),
    )
    const stream = open()
    await settle()
    expect(stream.status).toBe('connecting')
    expect(stream.error).toMatchObject({ status: 200, code: 'bad_content_type' })
    await advance(499)
    expect(hub.connections).toHaveLength(1)
    await advance(1)
    expect(hub.connections).toHaveLength(2)
    stream.close()
  })

  it('retries a network failure with backoff', async () => {
    hub.respondWith(() => HttpResponse.error())
    const stream = open()
    await settle()
    expect(stream.error).toMatchObject({ code: 'network_error', status: undefined })
    await advance(500)
    expect(hub.connections).toHaveLength(2)
    stream.close()
  })

  it('answers 401 with a fresh ticket at once, then with backoff, and stops after maxAuthRetries', async () => {
    let issued = 0
    const getTicket = vi.fn(async () => `t${++issued}`)
    hub.respondWith(
      () => errorResponse(401, 'ticket_invalid'),
      () => errorResponse(401, 'ticket_invalid'),
      () => errorResponse(401, 'ticket_invalid'),
    )
    const stream = open({ getTicket, maxAuthRetries: 2 })
    await settle()
    expect(hub.connections.map((c) => c.url.searchParams.get('ticket'))).toEqual(['t1', 't2'])
    await advance(499)
    expect(hub.connections).toHaveLength(2)
    await advance(1)
    expect(hub.connections).toHaveLength(3)
    expect(stream.status).toBe('closed')
    expect(stream.error).toMatchObject({ status: 401, code: 'ticket_invalid' })
    await advance(120_000)
    expect(getTicket).toHaveBeenCalledTimes(3)
  })

  it('calls a headers function before every attempt, so a refreshed token is used after a 401', async () => {
    let token = 'old'
    hub.respondWith(() => {
      token = 'new'
      return errorResponse(401, 'token_expired')
    })
    const stream = open({ headers: () => ({ authorization: `Bearer ${token}` }) })
    await settle()
    expect(hub.connections.map((c) => c.request.headers.get('authorization'))).toEqual([
      'Bearer old',
      'Bearer new',
    ])
    stream.close()
  })

  it('retries with backoff when getTicket fails', async () => {
    const getTicket = vi.fn().mockRejectedValueOnce(new Error('offline')).mockResolvedValue('t')
    const stream = open({ getTicket })
    await settle()
    expect(hub.connections).toHaveLength(0)
    expect(stream.error).toMatchObject({ code: 'auth_failed', cause: new Error('offline') })
    await advance(500)
    expect(hub.connections).toHaveLength(1)
    stream.close()
  })
})

describe('a getTicket or headers that fails', () => {
  const fetchFailure = () => new TypeError('Failed to fetch')

  it.each([
    ['a fetch TypeError', fetchFailure()],
    ['an AbortError', new DOMException('The operation was aborted.', 'AbortError')],
    ['a TimeoutError', new DOMException('The operation timed out.', 'TimeoutError')],
    ['an app error wrapping a fetch failure', new Error('ticket failed', { cause: fetchFailure() })],
  ])('reports %s from getTicket as network_error, not auth_failed, and retries', async (_, thrown) => {
    const getTicket = vi.fn().mockRejectedValueOnce(thrown).mockResolvedValue('t')
    const stream = open({ getTicket })
    await settle()
    expect(stream.error).toBeInstanceOf(EventStreamError)
    expect(stream.error).toMatchObject({ code: 'network_error', status: undefined, cause: thrown })
    await advance(500)
    expect(hub.connections).toHaveLength(1)
    stream.close()
  })

  it('reports a headers function that cannot reach the network as network_error', async () => {
    const stream = open({ headers: vi.fn().mockRejectedValueOnce(fetchFailure()).mockResolvedValue({}) })
    await settle()
    expect(stream.error).toMatchObject({ code: 'network_error' })
    stream.close()
  })

  it('reports any failure as network_error while the browser is offline', async () => {
    vi.stubGlobal('navigator', { onLine: false })
    const stream = open({ getTicket: vi.fn().mockRejectedValue(new Error('ticket endpoint: 502')) })
    await settle()
    expect(stream.error).toMatchObject({ code: 'network_error' })
    stream.close()
  })

  it('keeps the code and status of an EventStreamError that getTicket throws', async () => {
    const refused = new EventStreamError('auth_failed', 'Signed out', { status: 401 })
    const stream = open({ getTicket: vi.fn().mockRejectedValue(refused) })
    await settle()
    expect(stream.error).toBe(refused)
    // The app's ticket endpoint is not the hub: its refusal is retried with backoff, not counted as a 401.
    expect(stream.status).toBe('connecting')
    stream.close()
  })

  it('hands getTicket a signal that close() aborts', async () => {
    let seen: AbortSignal | undefined
    const stream = open({
      getTicket: ({ signal }) => {
        seen = signal
        return new Promise<string>(() => {})
      },
    })
    await settle()
    expect(seen?.aborted).toBe(false)
    stream.close()
    expect(seen?.aborted).toBe(true)
  })

  it.each([
    ['the ticket endpoint’s whole JSON', { ticket: 'tk_1', expiresAt: 1 }],
    ['undefined', undefined],
    ['an empty string', ''],
  ])('never connects with %s from getTicket: invalid_option, retried', async (_, ticket) => {
    const getTicket = vi.fn().mockResolvedValueOnce(ticket).mockResolvedValue('t')
    const stream = open({ getTicket })
    await settle()
    // Not `?ticket=[object Object]` (or no ticket), answered 401 and read as "sign in again".
    expect(hub.connections).toHaveLength(0)
    expect(stream.error).toBeInstanceOf(EventStreamError)
    expect(stream.error).toMatchObject({ code: 'invalid_option' })
    expect(stream.error?.message).toMatch(/getTicket must resolve to a non-empty string/)
    await advance(500)
    expect(hub.connections.map((c) => c.url.searchParams.get('ticket'))).toEqual(['t'])
    stream.close()
  })

  it('does nothing more for a closed stream whose getTicket resolves late, ignoring the signal', async () => {
    let resolveTicket = (_ticket: string) => {}
    const headers = vi.fn(() => ({}))
    const fetch = vi.fn(globalThis.fetch)
    const stream = open({
      getTicket: () => new Promise<string>((resolve) => (resolveTicket = resolve)),
      headers,
      fetch,
    })
    await settle()
    stream.close()
    resolveTicket('t')
    await settle()
    // Neither the app's headers function (which may refresh a token) nor its fetch runs for a closed stream.
    expect(headers).not.toHaveBeenCalled()
    expect(fetch).not.toHaveBeenCalled()
    expect(stream.status).toBe('closed')
  })
})

describe('resume', () => {
  it('sends Last-Event-ID on every reconnect, and ?lastEventId= beside a fresh ticket', async () => {
    let issued = 0
    const stream = open({ getTicket: async () => `t${++issued}` })
    await settle()
    hub.connections[0]?.send(connectedFrame('e-1') + eventFrame('e-2', 'invalidate', { resource: 'orders' }))
    hub.connections[0]?.end()
    await advance(500)
    const second = hub.connections[1]
    expect(second?.request.headers.get('last-event-id')).toBe('e-2')
    expect(second?.url.searchParams.get('lastEventId')).toBe('e-2')
    expect(second?.url.searchParams.get('ticket')).toBe('t2')
    expect(stream.status).toBe('reconnecting')
    stream.close()
  })

  it('puts the last id only in the header when there is no ticket', async () => {
    const stream = open()
    await settle()
    hub.connections[0]?.send(connectedFrame('e-1'))
    hub.connections[0]?.fail()
    await advance(500)
    expect(hub.connections[1]?.request.headers.get('last-event-id')).toBe('e-1')
    expect(hub.connections[1]?.url.searchParams.has('lastEventId')).toBe(false)
    stream.close()
  })
})
