import { Hono } from 'hono'
import { base64url, SignJWT } from 'jose'
import { describe, expect, it } from 'vitest'
import { HubError } from '../HubError'
import { type JwtAuthOptions, jwtAuth } from './jwtAuth'
import type { Authenticate } from './Principal'

const SECRET = 'a-test-secret-that-is-at-least-32-bytes-long'
const OTHER_SECRET = 'another-secret-that-is-at-least-32-bytes-long'
const now = () => Math.floor(Date.now() / 1000)

function appFor(authenticate: Authenticate) {
  const app = new Hono()
  app.get('/events', async (c) => c.json(await authenticate(c)))
  app.onError((error) =>
    error instanceof HubError ? error.getResponse() : new Response('boom', { status: 500 }),
  )
  return app
}

async function call(
  authenticate: Authenticate,
  init: { token?: string; path?: string; headers?: HeadersInit } = {},
) {
  const headers = new Headers(init.headers)
  if (init.token !== undefined) headers.set('authorization', `Bearer ${init.token}`)
  const res = await appFor(authenticate).request(init.path ?? '/events', { headers })
  return {
    status: res.status,
    body: (await res.json()) as Record<string, unknown> & { error?: { code: string } },
  }
}

function hs256(claims: Record<string, unknown>, secret = SECRET, alg = 'HS256') {
  return new SignJWT(claims).setProtectedHeader({ alg }).sign(new TextEncoder().encode(secret))
}

const valid = () => ({ sub: 'u1', tenant_id: 't1', exp: now() + 60 })

describe('jwtAuth with a secret', () => {
  const auth = jwtAuth({ secret: SECRET, issuer: 'https://issuer', audience: 'ssehub' })
  const good = () => ({ ...valid(), iss: 'https://issuer', aud: 'ssehub' })
  const unsigned = (claims: object) =>
    `${base64url.encode(JSON.stringify({ alg: 'none', typ: 'JWT' }))}.${base64url.encode(JSON.stringify(claims))}.`

  it.each([
    ['a valid token', async () => hs256(good()), 200, undefined],
    [
      'exp 3 s ago (inside the 5 s tolerance)',
      async () => hs256({ ...good(), exp: now() - 3 }),
      200,
      undefined,
    ],
    ['a forged signature', async () => hs256(good(), OTHER_SECRET), 401, 'invalid_token'],
    [
      'a payload edited after signing',
      async () => {
        const [header, , signature] = (await hs256(good())).split('.')
        return `${header}.${base64url.encode(JSON.stringify({ ...good(), tenant_id: 't2' }))}.${signature}`
      },
      401,
      'invalid_token',
    ],
    ['alg: none', async () => unsigned(good()), 401, 'invalid_token'],
    ['an HS512 token (alg not allowed)', async () => hs256(good(), SECRET, 'HS512'), 401, 'invalid_token'],
    ['an expired token', async () => hs256({ ...good(), exp: now() - 60 }), 401, 'token_expired'],
    ['a token not yet valid', async () => hs256({ ...good(), nbf: now() + 60 }), 401, 'token_not_yet_valid'],
    [
      'nbf 3 s ahead (inside the tolerance)',
      async () => hs256({ ...good(), nbf: now() + 3 }),
      200,
      undefined,
    ],
    ['a wrong issuer', async () => hs256({ ...good(), iss: 'https://evil' }), 401, 'invalid_token'],
    ['a wrong audience', async () => hs256({ ...good(), aud: 'other' }), 401, 'invalid_token'],
    ['no exp', async () => hs256({ iss: 'https://issuer', aud: 'ssehub' }), 401, 'invalid_token'],
    ['garbage', async () => 'not-a-token', 401, 'invalid_token'],
    ['three segments of junk', async () => 'abc.def.ghi', 401, 'invalid_token'],
    ['a bad topics claim', async () => hs256({ ...good(), topics: 'orders' }), 401, 'invalid_token'],
  ])('%s → %i %s', async (_name, makeToken, status, code) => {
    const { status: actual, body } = await call(auth, { token: await makeToken() })
    expect(actual).toBe(status)
    expect(body.error?.code).toBe(code)
  })

  it('gives precise messages and no stack or jose text', async () => {
    const cases: [string, string][] = [
      [await hs256({ ...good(), iss: 'https://evil' }), 'Token issuer is not accepted'],
      [await hs256({ ...good(), aud: 'other' }), 'Token audience is not accepted'],
      [await hs256({ iss: 'https://issuer', aud: 'ssehub' }), 'Token has no "exp" claim'],
      [await hs256(good(), OTHER_SECRET), 'Token signature is invalid'],
      [unsigned(good()), 'Token algorithm is not allowed'],
      [await hs256({ ...good(), exp: now() - 60 }), 'Token expired'],
      ['abc.def.ghi', 'Token is malformed'],
    ]
    for (const [token, message] of cases) {
      const res = await appFor(auth).request('/events', { headers: { authorization: `Bearer ${token}` } })
      const text = await res.text()
      expect(JSON.parse(text).error.message).toBe(message)
      expect(text).not.toMatch(/ at |jose|JWS|claim timestamp/)
    }
  })

  it('maps claims to the principal, with expiresAt = exp in ms', async () => {
    const exp = now() + 60
    const { body } = await call(auth, {
      token: await hs256({ ...good(), exp, plan: 'pro', topics: ['orders.>'] }),
    })
    expect(body).toEqual({
      id: 'u1',
      metadata: { user_id: 'u1', tenant_id: 't1', plan: 'pro' },
      allowedTopics: ['orders.>'],
      expiresAt: exp * 1000,
    })
  })

  it('uses a custom claimsToPrincipal', async () => {
    const custom = jwtAuth({
      secret: SECRET,
      claimsToPrincipal: (claims) => ({ metadata: { org: String(claims.org) } }),
    })
    const { body } = await call(custom, { token: await hs256({ ...valid(), org: 'acme' }) })
    expect(body.metadata).toEqual({ org: 'acme' })
  })

  it('names the principal by sub, unless claimsToPrincipal named it or there is no sub', async () => {
    const { body } = await call(auth, { token: await hs256({ ...good(), sub: 'user-42' }) })
    expect(body.id).toBe('user-42')
    const named = jwtAuth({
      secret: SECRET,
      claimsToPrincipal: (claims) => ({ id: `acme:${claims.sub}`, metadata: {} }),
    })
    expect((await call(named, { token: await hs256(valid()) })).body.id).toBe('acme:u1')
    const { sub: _, ...anonymous } = good()
    expect((await call(auth, { token: await hs256(anonymous) })).body).not.toHaveProperty('id')
  })

  it('accepts tokens without exp when requireExp is false', async () => {
    const lax = jwtAuth({ secret: SECRET, requireExp: false })
    const { status, body } = await call(lax, { token: await hs256({ sub: 'u1' }) })
    expect(status).toBe(200)
    expect(body.expiresAt).toBeUndefined()
  })
})

describe('jwtAuth token sources', () => {
  it.each<
    [
      string,
      Partial<JwtAuthOptions>,
      (token: string) => { path?: string; headers?: HeadersInit },
      number,
      string?,
    ]
  >([
    ['no credentials', {}, () => ({}), 401, 'unauthorized'],
    [
      'a Basic Authorization header',
      {},
      () => ({ headers: { authorization: 'Basic dTpw' } }),
      401,
      'unauthorized',
    ],
    ['lowercase bearer', {}, (t) => ({ headers: { authorization: `bearer ${t}` } }), 200],
    [
      'a cookie when cookie is set',
      { cookie: 'session' },
      (t) => ({ headers: { cookie: `a=b; session=${t}` } }),
      200,
    ],
    [
      'a cookie when cookie is not set',
      {},
      (t) => ({ headers: { cookie: `session=${t}` } }),
      401,
      'unauthorized',
    ],
    ['a query token by default', {}, (t) => ({ path: `/events?access_token=${t}` }), 401, 'unauthorized'],
    [
      'a query token when enabled',
      { queryToken: 'access_token' },
      (t) => ({ path: `/events?access_token=${t}` }),
      200,
    ],
    [
      'a query token under another name',
      { queryToken: 'jwt' },
      (t) => ({ path: `/events?access_token=${t}` }),
      401,
      'unauthorized',
    ],
  ])('%s → %i', async (_name, options, request, status, code) => {
    const auth = jwtAuth({ secret: SECRET, ...options })
    const { status: actual, body } = await call(auth, request(await hs256(valid())))
    expect(actual).toBe(status)
    expect(body.error?.code).toBe(code)
  })

  it('prefers the header over the cookie', async () => {
    const auth = jwtAuth({ secret: SECRET, cookie: 'session' })
    const { status } = await call(auth, {
      token: 'bad',
      headers: { cookie: `session=${await hs256(valid())}` },
    })
    expect(status).toBe(401)
  })

  it('names the places it looked when there is no token', async () => {
    const res = await appFor(jwtAuth({ secret: SECRET, cookie: 'session' })).request('/events')
    expect(await res.json()).toEqual({
      error: {
        code: 'unauthorized',
        message: 'No token: send it in an Authorization: Bearer header or the "session" cookie',
      },
    })
  })
})
