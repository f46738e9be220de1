import { Hono } from 'hono'
import { cors } from 'hono/cors'
import { SignJWT } from 'jose'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { HubError } from '../HubError'
import type { LogFields, Logger } from '../Logger'
import { jwtAuth } from './jwtAuth'
import { memoryTicketStore } from './memoryTicketStore'
import type { Authenticate, Principal } from './Principal'
import { resolvePrincipal } from './resolvePrincipal'
import type { TicketStore } from './TicketStore'
import { createTicketHandler, type TicketHandlerOptions } from './ticketHandler'

const SECRET = 'a-test-secret-that-is-at-least-32-bytes-long'

function hubApp(options: Omit<Partial<TicketHandlerOptions>, 'logger'> & { logger?: Logger } = {}) {
  const store = options.store ?? memoryTicketStore()
  const app = new Hono()
  app.post('/events/ticket', createTicketHandler({ ...options, store }))
  app.get('/events', async (c) =>
    c.json(await resolvePrincipal(c, { authenticate: options.authenticate, store })),
  )
  app.onError((error) =>
    error instanceof HubError ? error.getResponse() : new Response('boom', { status: 500 }),
  )
  return app
}

async function token(claims: Record<string, unknown>) {
  return new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).sign(new TextEncoder().encode(SECRET))
}

async function getTicket(app: Hono, headers: HeadersInit = {}) {
  const res = await app.request('/events/ticket', { method: 'POST', headers })
  return { res, body: (await res.json()) as { ticket: string; expiresAt: number } }
}

afterEach(() => {
  vi.useRealTimers()
})

describe('createTicketHandler + resolvePrincipal', () => {
  const authenticate = jwtAuth({ secret: SECRET })

  it('trades a bearer token for a single-use ticket bound to the principal', async () => {
    const app = hubApp({ authenticate })
    const exp = Math.floor(Date.now() / 1000) + 600
    const { res, body } = await getTicket(app, { authorization: `Bearer ${await token({ sub: 'u1', exp })}` })
    expect(res.status).toBe(200)
    expect(res.headers.get('cache-control')).toBe('no-store')
    expect(res.headers.get('content-type')).toMatch(/^application\/json/)
    expect(Object.keys(body).sort()).toEqual(['expiresAt', 'ticket'])
    expect(body.expiresAt - Date.now()).toBeGreaterThan(29_000)

    const first = await app.request(`/events?ticket=${body.ticket}`)
    expect(await first.json()).toEqual({ id: 'u1', metadata: { user_id: 'u1' }, expiresAt: exp * 1000 })
    const second = await app.request(`/events?ticket=${body.ticket}`)
    expect(second.status).toBe(401)
    expect(await second.json()).toEqual({
      error: {
        code: 'invalid_ticket',
        message: 'Ticket is not valid (unknown, used or expired): fetch a new one',
      },
    })
  })

  it('refuses to issue without credentials, as JSON', async () => {
    const { res, body } = await getTicket(hubApp({ authenticate }))
    expect(res.status).toBe(401)
    expect(body).toMatchObject({ error: { code: 'unauthorized' } })
  })

  it('never lets a ticket outlive the token it was issued for', async () => {
    vi.useFakeTimers({ now: 7_000_000_000, toFake: ['Date'] })
    const exp = 7_000_010
    const { body } = await getTicket(hubApp({ authenticate }), {
      authorization: `Bearer ${await token({ exp })}`,
    })
    expect(body.expiresAt).toBe(exp * 1000)
  })

  it('refuses a principal whose credential has already expired', async () => {
    const expired: Authenticate = () => ({ metadata: {}, expiresAt: Date.now() - 1 })
    const { res, body } = await getTicket(hubApp({ authenticate: expired }))
    expect([res.status, body]).toEqual([401, { error: { code: 'token_expired', message: 'Token expired' } }])
  })

  it('issues anonymous tickets when no authenticate is configured', async () => {
    const app = hubApp()
    const { body } = await getTicket(app)
    expect(await (await app.request(`/events?ticket=${body.ticket}`)).json()).toEqual({ metadata: {} })
  })

  it('refuses an expired ticket with the same 401', async () => {
    vi.useFakeTimers({ now: 5_000_000 })
    const app = hubApp({ ttlMs: 1_000 })
    const { body } = await getTicket(app)
    expect(body.expiresAt).toBe(5_001_000)
    vi.setSystemTime(5_001_000)
    const res = await app.request(`/events?ticket=${body.ticket}`)
    expect([res.status, ((await res.json()) as { error: { code: string } }).error.code]).toEqual([
      401,
      'invalid_ticket',
    ])
  })

  it('answers 503 with Retry-After when the store is full', async () => {
    const app = hubApp({ store: memoryTicketStore({ maxTickets: 1 }) })
    await getTicket(app)
    const { res, body } = await getTicket(app)
    expect([res.status, res.headers.get('retry-after')]).toEqual([503, '1'])
    expect(body).toMatchObject({ error: { code: 'ticket_store_full' } })
  })

  it('lets bugs through to onError instead of hiding them', async () => {
    const broken: Authenticate = () => {
      throw new Error('bug')
    }
    const res = await hubApp({ authenticate: broken }).request('/events/ticket', { method: 'POST' })
    expect([res.status, await res.text()]).toEqual([500, 'boom'])
  })

  it.each([0, -1, 2.5])('rejects ttlMs %s', (ttlMs) => {
    expect(() => createTicketHandler({ store: memoryTicketStore(), ttlMs })).toThrow(
      'createTicketHandler: ttlMs must be a positive integer',
    )
  })

  it('is a named function, for readable stack traces', () => {
    expect(createTicketHandler({ store: memoryTicketStore() }).name).toBe('ticketHandler')
  })
})

describe('createTicketHandler: origin, quota and server errors', () => {
  const authenticate = jwtAuth({ secret: SECRET })
  const bearer = async (sub: string) => ({
    authorization: `Bearer ${await token({ sub, exp: Math.floor(Date.now() / 1000) + 600 })}`,
  })

  function recordingLogger() {
    const lines: [string, LogFields, string][] = []
    const log = (level: string) => (fields: LogFields, message: string) =>
      lines.push([level, fields, message])
    const logger: Logger = { error: log('error'), warn: log('warn'), info: log('info'), debug: log('debug') }
    return { logger, lines }
  }

  it('refuses a cross-origin browser request with 403 origin_not_allowed, before authenticating', async () => {
    const spy = vi.fn(authenticate)
    const store = memoryTicketStore()
    const issue = vi.spyOn(store, 'issue')
    const app = hubApp({ authenticate: spy, store })
    const { res, body } = await getTicket(app, { ...(await bearer('u1')), origin: 'https://evil.example' })
    expect([res.status, body]).toEqual([
      403,
      {
        error: {
          code: 'origin_not_allowed',
          message: 'Origin "https://evil.example" may not request tickets',
        },
      },
    ])
    expect(spy).not.toHaveBeenCalled()
    expect(issue).not.toHaveBeenCalled()
  })

  it('issues to its own origin, to a listed one, and to a request without Origin', async () => {
    const app = hubApp({ authenticate, allowedOrigins: ['https://app.example.com'] })
    const headers = await bearer('u1')
    for (const origin of [undefined, 'http://localhost', 'https://app.example.com']) {
      const { res } = await getTicket(app, origin === undefined ? headers : { ...headers, origin })
      expect([origin, res.status]).toEqual([origin, 200])
    }
  })

  it('serves another origin the README way: hono/cors in front, the origin on the allow-list', async () => {
    const app = new Hono()
    app.use(
      '/events/*',
      cors({ origin: 'https://app.example.com', allowHeaders: ['Authorization', 'Last-Event-ID'] }),
    )
    app.post(
      '/events/ticket',
      createTicketHandler({
        authenticate,
        store: memoryTicketStore(),
        allowedOrigins: ['https://app.example.com'],
      }),
    )
    const url = 'https://api.example.com/events/ticket'
    const preflight = await app.request(url, {
      method: 'OPTIONS',
      headers: {
        origin: 'https://app.example.com',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization',
      },
    })
    expect([preflight.status, preflight.headers.get('access-control-allow-origin')]).toEqual([
      204,
      'https://app.example.com',
    ])
    const headers = { ...(await bearer('u1')), 'sec-fetch-site': 'same-site' }
    const ok = await app.request(url, {
      method: 'POST',
      headers: { ...headers, origin: 'https://app.example.com' },
    })
    expect([ok.status, ok.headers.get('access-control-allow-origin')]).toEqual([
      200,
      'https://app.example.com',
    ])
    const other = await app.request(url, {
      method: 'POST',
      headers: { ...headers, origin: 'https://blog.example.com' },
    })
    expect([other.status, other.headers.get('access-control-allow-origin')]).toEqual([403, null])
  })

  it('answers 429 ticket_quota_exceeded with Retry-After once a principal holds its quota; others still get tickets', async () => {
    const app = hubApp({
      authenticate,
      store: memoryTicketStore({ maxTickets: 5, maxTicketsPerPrincipal: 2 }),
    })
    const mallory = await bearer('mallory')
    const answers = []
    for (let i = 0; i < 6; i++) {
      const { res, body } = await getTicket(app, mallory)
      answers.push([
        res.status,
        res.headers.get('retry-after'),
        (body as { error?: { code: string } }).error?.code,
      ])
    }
    expect(answers).toEqual([
      [200, null, undefined],
      [200, null, undefined],
      ...Array(4).fill([429, '30', 'ticket_quota_exceeded']),
    ])
    const { res } = await getTicket(app, await bearer('bob'))
    expect(res.status).toBe(200)
  })

  it('masks and logs a server error that is not a 503, whatever its code', async () => {
    const { logger, lines } = recordingLogger()
    const error = new HubError('invalid_option', 'claims mapping: LDAP bind as cn=admin failed', {
      status: 500,
    })
    const broken: Authenticate = () => {
      throw error
    }
    const res = await hubApp({ authenticate: broken, logger }).request('/events/ticket', { method: 'POST' })
    const text = await res.text()
    expect([res.status, JSON.parse(text)]).toEqual([
      500,
      { error: { code: 'internal', message: 'Internal error' } },
    ])
    expect(text).not.toContain('LDAP')
    expect(lines).toEqual([
      ['error', { err: error, code: 'invalid_option' }, '[ssehub] unexpected error while issuing a ticket'],
    ])
  })

  it('passes a 503 through, logged as a warning', async () => {
    const { logger, lines } = recordingLogger()
    const app = hubApp({ store: memoryTicketStore({ maxTickets: 1 }), logger })
    await getTicket(app)
    const { res } = await getTicket(app, { 'x-tenant': 'other' })
    expect([res.status, res.headers.get('retry-after')]).toEqual([503, '1'])
    expect(lines.map(([level, fields]) => [level, fields.code])).toEqual([['warn', 'ticket_store_full']])
  })
})

describe('resolvePrincipal', () => {
  const looksValid = 'A'.repeat(43)
  it.each([
    ['an unknown but well-formed ticket', looksValid],
    ['an empty ticket', ''],
    ['a too-short ticket', 'abc'],
    ['a too-long ticket', 'A'.repeat(44)],
    ['a ticket with bad characters', `${'A'.repeat(42)}%2B`],
  ])('refuses %s with 401 invalid_ticket, without asking the store about junk', async (_name, ticket) => {
    const consume = vi.fn(async (): Promise<Principal | undefined> => undefined)
    const store: TicketStore = { issue: vi.fn(), consume }
    const res = await hubApp({ store }).request(`/events?ticket=${ticket}`)
    expect(res.status).toBe(401)
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('invalid_ticket')
    expect(consume).toHaveBeenCalledTimes(ticket === looksValid ? 1 : 0)
  })

  it('prefers the ticket over an Authorization header', async () => {
    const authenticate = vi.fn(() => ({ metadata: { via: 'header' } }))
    const res = await hubApp({ authenticate }).request(`/events?ticket=${'A'.repeat(43)}`, {
      headers: { authorization: 'Bearer x' },
    })
    expect(res.status).toBe(401)
    expect(authenticate).not.toHaveBeenCalled()
  })

  it('calls authenticate when there is no ticket, and is anonymous without one', async () => {
    const authenticate = () => ({ metadata: { via: 'header' } })
    expect(await (await hubApp({ authenticate }).request('/events')).json()).toEqual({
      metadata: { via: 'header' },
    })
    expect(await (await hubApp().request('/events')).json()).toEqual({ metadata: {} })
  })
})
