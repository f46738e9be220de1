import { describe, expect, it, vi } from 'vitest'
import { EventStreamError } from './EventStreamError'
import { fetchTicket } from './fetchTicket'

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } })

/** `fetchTicket` against a `fetch` that answers `answer`, or rejects with it. */
async function ticketFrom(answer: Response | Error): Promise<unknown> {
  const fetch = vi.fn(async () => {
    if (answer instanceof Error) throw answer
    return answer
  })
  try {
    return await fetchTicket('https://hub.test/events/ticket', { fetch, credentials: 'include' })
  } catch (error) {
    return error
  }
}

describe('fetchTicket', () => {
  it('POSTs with the given init and returns the ticket', async () => {
    const fetch = vi.fn(async () => json(200, { ticket: 'tk_1', expiresAt: 1 }))
    const headers = { authorization: 'Bearer x' }
    await expect(fetchTicket('/events/ticket', { fetch, headers })).resolves.toBe('tk_1')
    expect(fetch).toHaveBeenCalledWith('/events/ticket', { headers, method: 'POST' })
  })

  it('says network_error when the request gets no answer', async () => {
    const failure = new TypeError('Failed to fetch')
    const error = await ticketFrom(failure)
    expect(error).toBeInstanceOf(EventStreamError)
    expect(error).toMatchObject({ code: 'network_error', status: undefined, cause: failure })
  })

  it('says auth_failed, not network_error, when a wrapped fetch throws for an answer it got', async () => {
    // ofetch, ky and app wrappers throw on a 401 themselves: the network was fine, the user is signed out.
    const refused = Object.assign(new Error('401 Unauthorized'), { name: 'FetchError', status: 401 })
    const error = await ticketFrom(refused)
    expect(error).toBeInstanceOf(EventStreamError)
    expect(error).toMatchObject({ code: 'auth_failed', cause: refused })
    const dropped = Object.assign(new Error('fetch failed'), {
      name: 'FetchError',
      cause: new TypeError('x'),
    })
    expect(await ticketFrom(dropped)).toMatchObject({ code: 'network_error', cause: dropped })
  })

  it.each([401, 403])('says auth_failed with the status for a %i, keeping the hub’s code', async (status) => {
    const error = await ticketFrom(json(status, { error: { code: 'unauthorized', message: 'No token' } }))
    expect(error).toMatchObject({ code: 'auth_failed', status, message: 'No token (unauthorized)' })
    expect((error as EventStreamError).cause).toMatchObject({ code: 'unauthorized', status })
  })

  it('keeps the hub’s code for another error answer', async () => {
    const error = await ticketFrom(
      json(429, { error: { code: 'ticket_quota_exceeded', message: 'Slow down' } }),
    )
    expect(error).toMatchObject({ code: 'ticket_quota_exceeded', status: 429 })
  })

  it('says http_error for an error answer that is not the hub’s', async () => {
    expect(await ticketFrom(new Response('Bad gateway', { status: 502 }))).toMatchObject({
      code: 'http_error',
      status: 502,
    })
  })

  it.each([
    ['an HTML page', new Response('<html>app</html>', { status: 200 })],
    ['JSON without a ticket', json(200, { token: 'x' })],
    ['an empty ticket', json(200, { ticket: '' })],
  ])('says http_error for a 200 with %s', async (_, response) => {
    expect(await ticketFrom(response)).toMatchObject({ code: 'http_error', status: 200 })
  })
})
