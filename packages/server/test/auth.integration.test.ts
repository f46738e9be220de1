import { connect as netConnect } from 'node:net'
import { generateKeyPair, type JWTPayload, SignJWT } from 'jose'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createHub, type Hub, jwtAuth } from '../src/index'
import { connect, startServer, type TestStream } from './sse'

const secret = new TextEncoder().encode('a-test-secret-that-is-at-least-32-bytes-long')
const otherSecret = new TextEncoder().encode('another-secret-that-is-at-least-32-bytes-long!')
const now = () => Math.floor(Date.now() / 1000)
const claims = (extra: JWTPayload = {}): JWTPayload => ({
  iss: 'ssehub-test',
  aud: 'events',
  sub: 'u1',
  tenant_id: 't1',
  allowed_topics: ['orders', 'orders.*', 'dashboard.>'],
  exp: now() + 600,
  ...extra,
})
const sign = (extra?: JWTPayload, key: Uint8Array = secret, alg = 'HS256') =>
  new SignJWT(claims(extra)).setProtectedHeader({ alg }).sign(key)
const unsigned = (payload: JWTPayload) =>
  `${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${Buffer.from(JSON.stringify(payload)).toString('base64url')}.`

let hub: Hub
let url: string
let close: () => Promise<void>
let witness: TestStream
let good: string

beforeAll(async () => {
  hub = createHub({
    authenticate: jwtAuth({ secret, issuer: 'ssehub-test', audience: 'events', cookie: 'session' }),
    ticketTtlMs: 300,
  })
  const server = await startServer(hub, (app) => app.post('/events/ticket', hub.ticketHandler()))
  url = server.url
  close = server.close
  good = await sign()
  // A stream opened before the corpus: it must keep receiving throughout.
  witness = await connect(`${url}/events?topics=orders`, { authorization: `Bearer ${good}` })
})
afterAll(async () => {
  await hub.close()
  await close()
})

async function ticket(token = good): Promise<string> {
  const response = await fetch(`${url}/events/ticket`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}` },
  })
  expect(response.status).toBe(200)
  return (await response.json()).ticket
}

type Row = [
  name: string,
  request: () => Promise<{ path: string; headers?: Record<string, string> }>,
  status: number,
  code: string,
]
const bearer = async (token: string | Promise<string>) => ({ authorization: `Bearer ${await token}` })
const withToken = (path: string) => async () => ({ path, headers: await bearer(good) })

const CORPUS: Row[] = [
  ['no credentials', async () => ({ path: '/events?topics=orders' }), 401, 'unauthorized'],
  [
    'an empty bearer',
    async () => ({ path: '/events?topics=orders', headers: { authorization: 'Bearer ' } }),
    401,
    'unauthorized',
  ],
  [
    'a Basic scheme',
    async () => ({ path: '/events?topics=orders', headers: { authorization: 'Basic dTpw' } }),
    401,
    'unauthorized',
  ],
  [
    'a malformed token',
    async () => ({ path: '/events?topics=orders', headers: await bearer('abc') }),
    401,
    'invalid_token',
  ],
  [
    'two dots of garbage',
    async () => ({ path: '/events?topics=orders', headers: await bearer('a.b.c') }),
    401,
    'invalid_token',
  ],
  [
    'a forged signature',
    async () => ({ path: '/events?topics=orders', headers: await bearer(sign({}, otherSecret)) }),
    401,
    'invalid_token',
  ],
  [
    'alg: none',
    async () => ({ path: '/events?topics=orders', headers: await bearer(unsigned(claims())) }),
    401,
    'invalid_token',
  ],
  [
    'HS512 where HS256 is expected',
    async () => ({ path: '/events?topics=orders', headers: await bearer(sign({}, secret, 'HS512')) }),
    401,
    'invalid_token',
  ],
  [
    'an expired token',
    async () => ({ path: '/events?topics=orders', headers: await bearer(sign({ exp: now() - 60 })) }),
    401,
    'token_expired',
  ],
  [
    'a token not yet valid',
    async () => ({ path: '/events?topics=orders', headers: await bearer(sign({ nbf: now() + 600 })) }),
    401,
    'token_not_yet_valid',
  ],
  [
    'a wrong audience',
    async () => ({ path: '/events?topics=orders', headers: await bearer(sign({ aud: 'billing' })) }),
    401,
    'invalid_token',
  ],
  [
    'a wrong issuer',
    async () => ({ path: '/events?topics=orders', headers: await bearer(sign({ iss: 'evil' })) }),
    401,
    'invalid_token',
  ],
  [
    'a token without exp',
    async () => ({ path: '/events?topics=orders', headers: await bearer(sign({ exp: undefined })) }),
    401,
    'invalid_token',
  ],
  [
    'an RS256 token with an unknown kid',
    async () => {
      const { privateKey } = await generateKeyPair('RS256')
      const token = await new SignJWT(claims())
        .setProtectedHeader({ alg: 'RS256', kid: 'nope' })
        .sign(privateKey)
      return { path: '/events?topics=orders', headers: await bearer(token) }
    },
    401,
    'invalid_token',
  ],
  [
    'a 15,000-character token',
    async () => ({ path: '/events?topics=orders', headers: await bearer(`${'a'.repeat(15_000)}.b.c`) }),
    401,
    'invalid_token',
  ],
  [
    'a token in the query string (off by default)',
    async () => ({ path: `/events?topics=orders&access_token=${good}` }),
    401,
    'unauthorized',
  ],
  [
    'a bad token in the cookie',
    async () => ({ path: '/events?topics=orders', headers: { cookie: 'session=abc.def.ghi' } }),
    401,
    'invalid_token',
  ],
  [
    'allowed_topics that is not an array',
    async () => ({
      path: '/events?topics=orders',
      headers: await bearer(sign({ allowed_topics: 'orders' })),
    }),
    401,
    'invalid_token',
  ],
  [
    'a spent ticket',
    async () => {
      const spent = await ticket()
      const first = await connect(`${url}/events?topics=orders&ticket=${spent}`)
      first.destroy()
      return { path: `/events?topics=orders&ticket=${spent}` }
    },
    401,
    'invalid_ticket',
  ],
  [
    'an unknown ticket',
    async () => ({ path: `/events?topics=orders&ticket=${'A'.repeat(43)}` }),
    401,
    'invalid_ticket',
  ],
  [
    'a malformed ticket',
    async () => ({ path: '/events?topics=orders&ticket=%3Cscript%3E' }),
    401,
    'invalid_ticket',
  ],
  [
    'an expired ticket',
    async () => {
      const expired = await ticket()
      await new Promise((r) => setTimeout(r, 400))
      return { path: `/events?topics=orders&ticket=${expired}` }
    },
    401,
    'invalid_ticket',
  ],
  ['a topic outside allowedTopics', withToken('/events?topics=customers'), 403, 'topic_not_allowed'],
  ['a wildcard wider than allowed', withToken('/events?topics=orders.>'), 403, 'topic_not_allowed'],
  ['everything (>)', withToken('/events?topics=%3E'), 403, 'topic_not_allowed'],
  ['a leading *', withToken('/events?topics=*.x'), 403, 'topic_not_allowed'],
  ['one allowed and one not', withToken('/events?topics=orders,billing'), 403, 'topic_not_allowed'],
  ['orders..x', withToken('/events?topics=orders..x'), 400, 'bad_topic'],
  ['>.orders', withToken('/events?topics=%3E.orders'), 400, 'bad_topic'],
  ['a.>.b', withToken('/events?topics=a.%3E.b'), 400, 'bad_topic'],
  ['17 tokens', withToken(`/events?topics=${Array(17).fill('a').join('.')}`), 400, 'bad_topic'],
  ['a 65-character token', withToken(`/events?topics=${'o'.repeat(65)}`), 400, 'bad_topic'],
  ['a control character in a topic', withToken('/events?topics=ord%01ers'), 400, 'bad_topic'],
  ['a space in a topic', withToken('/events?topics=or%20ders'), 400, 'bad_topic'],
  ['a non-ASCII topic', withToken('/events?topics=ord%C3%A9rs'), 400, 'bad_topic'],
  ['a trailing comma', withToken('/events?topics=orders,'), 400, 'bad_topic'],
  ['an empty topics parameter', withToken('/events?topics='), 400, 'bad_topic'],
  ['no topics parameter', withToken('/events'), 400, 'bad_topic'],
  [
    '33 topics',
    withToken(`/events?topics=${Array.from({ length: 33 }, (_, i) => `orders.o${i}`).join(',')}`),
    400,
    'too_many_topics',
  ],
  [
    'a 10 KB Last-Event-ID',
    async () => ({
      path: '/events?topics=orders',
      headers: { ...(await bearer(good)), 'last-event-id': 'x'.repeat(10_240) },
    }),
    400,
    'bad_last_event_id',
  ],
  [
    'a tab in Last-Event-ID',
    async () => ({
      path: '/events?topics=orders',
      headers: { ...(await bearer(good)), 'last-event-id': 'a\tb' },
    }),
    400,
    'bad_last_event_id',
  ],
  [
    'a 300-byte ?lastEventId',
    withToken(`/events?topics=orders&lastEventId=${'1'.repeat(300)}`),
    400,
    'bad_last_event_id',
  ],
  ['a NUL in ?lastEventId', withToken('/events?topics=orders&lastEventId=a%00b'), 400, 'bad_last_event_id'],
]

describe('a corpus of malformed requests against a running server', () => {
  it('has at least 40 distinct cases', () => {
    expect(new Set(CORPUS.map(([name]) => name)).size).toBeGreaterThanOrEqual(40)
  })

  it.each(CORPUS.map(([name, build, status, code]) => [name, status, code, build] as const))(
    '%s → %i %s',
    async (_name, status, code, build) => {
      const { path, headers } = await build()
      const response = await fetch(`${url}${path}`, { headers })
      expect(response.status).toBe(status)
      const text = await response.text()
      expect(JSON.parse(text)).toEqual({ error: { code, message: expect.any(String) } })
      expect(text).not.toMatch(/at .+\(.+:\d+:\d+\)/) // never a stack trace
      // The stream opened before the corpus is undisturbed.
      const before = witness.events.filter((e) => e.event === 'invalidate').length
      await hub.invalidate('orders')
      await witness.untilEvent('invalidate', before + 1)
    },
  )

  it('answers CR/LF smuggled into a header with a 400 from the HTTP layer, and stays up', async () => {
    const { port } = new URL(url)
    const reply = await new Promise<string>((resolve) => {
      const socket = netConnect(Number(port), '127.0.0.1', () => {
        socket.write(`GET /events?topics=orders HTTP/1.1\r\nHost: x\r\nLast-Event-ID: a\rb: c\r\n\r\n`)
      })
      let data = ''
      socket.on('data', (chunk) => {
        data += chunk
      })
      socket.on('close', () => resolve(data))
      socket.setTimeout(2000, () => socket.destroy())
    })
    expect(reply).toMatch(/^HTTP\/1\.1 400/)
    await hub.invalidate('orders', { id: 'after-smuggling' })
    await witness.until((frames) => frames.some((f) => f.data?.includes('after-smuggling')))
  })
})

describe('tickets', () => {
  it('issue, connect, reuse refused, a fresh ticket resumes from Last-Event-ID without loss', async () => {
    const first = await ticket()
    const stream = await connect(`${url}/events?topics=orders.*&ticket=${first}`)
    expect(stream.status).toBe(200)
    await hub.invalidate('orders', { id: 'a' })
    await stream.untilEvent('invalidate')
    const lastId = stream.events.at(-1)!.id!
    stream.destroy()
    const reuse = await fetch(`${url}/events?topics=orders.*&ticket=${first}`)
    expect(reuse.status).toBe(401)
    const missed = [await hub.invalidate('orders', { id: 'b' }), await hub.invalidate('orders', { id: 'c' })]
    const again = await connect(
      `${url}/events?topics=orders.*&ticket=${await ticket()}&lastEventId=${lastId}`,
    )
    expect(again.events.slice(0, 2).map((e) => e.id)).toEqual(missed)
    expect(again.events[2]).toMatchObject({ event: 'connected', data: { resumed: true } })
  })

  it('issues tickets of at least 128 random bits, only to authenticated callers', async () => {
    const response = await fetch(`${url}/events/ticket`, { method: 'POST' })
    expect(response.status).toBe(401)
    const body = await (
      await fetch(`${url}/events/ticket`, { method: 'POST', headers: await bearer(good) })
    ).json()
    expect(body.ticket).toMatch(/^[A-Za-z0-9_-]{22,}$/)
    expect(body.expiresAt).toBeGreaterThan(Date.now())
  })

  it('binds the ticket to its principal: the tenant and topic rules of the token apply', async () => {
    const t2 = await sign({ tenant_id: 't2', allowed_topics: ['orders'] })
    const refused = await fetch(`${url}/events?topics=dashboard.x&ticket=${await ticket(t2)}`)
    expect(refused.status).toBe(403)
    const stream = await connect(`${url}/events?topics=orders&ticket=${await ticket(t2)}`)
    await hub.invalidate('orders', { id: 'for-t1', tenant: 't1' })
    await hub.invalidate('orders', { id: 'for-t2', tenant: 't2' })
    await stream.until((frames) => frames.some((f) => f.data?.includes('for-t2')))
    expect(stream.body).not.toContain('for-t1')
  })
})
