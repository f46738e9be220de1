import { generateKeyPairSync } from 'node:crypto'
import type { AddressInfo } from 'node:net'
import { serve } from '@hono/node-server'
import { Hono } from 'hono'
import { type CryptoKey, exportJWK, exportSPKI, generateKeyPair, type JWK, SignJWT } from 'jose'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { HubError } from '../HubError'
import { type JwtAuthOptions, jwtAuth } from './jwtAuth'
import type { JwtAlgorithm } from './jwtKey'
import type { Authenticate } from './Principal'

const exp = () => Math.floor(Date.now() / 1000) + 60

async function status(authenticate: Authenticate, token: string) {
  const app = new Hono()
  app.get('/', async (c) => c.json(await authenticate(c)))
  app.onError((error) =>
    error instanceof HubError ? error.getResponse() : new Response('boom', { status: 500 }),
  )
  const res = await app.request('/', { headers: { authorization: `Bearer ${token}` } })
  const body = (await res.json()) as { error?: { code: string; message: string }; metadata?: object }
  return { status: res.status, code: body.error?.code, message: body.error?.message, body }
}

function sign(privateKey: CryptoKey, alg: string, kid?: string) {
  return new SignJWT({ sub: 'u1', exp: exp() }).setProtectedHeader({ alg, kid }).sign(privateKey)
}

describe.each<JwtAlgorithm>(['RS256', 'ES256', 'EdDSA'])('jwtAuth with a %s public key', (alg) => {
  let pair: { publicKey: CryptoKey; privateKey: CryptoKey }
  let other: { publicKey: CryptoKey; privateKey: CryptoKey }
  beforeAll(async () => {
    pair = await generateKeyPair(alg, { extractable: true })
    other = await generateKeyPair(alg)
  })

  it('accepts a token signed by the key (CryptoKey, algorithm inferred)', async () => {
    expect(
      (await status(jwtAuth({ publicKey: pair.publicKey }), await sign(pair.privateKey, alg))).status,
    ).toBe(200)
  })

  it('accepts a token signed by the key (PEM with its algorithm)', async () => {
    const auth = jwtAuth({ publicKey: await exportSPKI(pair.publicKey), algorithms: [alg] })
    expect((await status(auth, await sign(pair.privateKey, alg))).status).toBe(200)
  })

  it('refuses a token signed by another key', async () => {
    const result = await status(jwtAuth({ publicKey: pair.publicKey }), await sign(other.privateKey, alg))
    expect([result.status, result.code, result.message]).toEqual([
      401,
      'invalid_token',
      'Token signature is invalid',
    ])
  })

  it('refuses an HS256 token signed with the public key bytes (algorithm confusion)', async () => {
    const spki = new TextEncoder().encode(await exportSPKI(pair.publicKey))
    const forged = await new SignJWT({ sub: 'u1', exp: exp() })
      .setProtectedHeader({ alg: 'HS256' })
      .sign(spki)
    const result = await status(jwtAuth({ publicKey: pair.publicKey }), forged)
    expect([result.status, result.message]).toEqual([401, 'Token algorithm is not allowed'])
  })
})

it('accepts a Node KeyObject public key', async () => {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519')
  const token = await new SignJWT({ exp: exp() }).setProtectedHeader({ alg: 'EdDSA' }).sign(privateKey)
  expect((await status(jwtAuth({ publicKey }), token)).status).toBe(200)
})

it('fails every request with a 500, not a 401, when a PEM does not import', async () => {
  const auth = jwtAuth({
    publicKey: '-----BEGIN PUBLIC KEY-----\nnope\n-----END PUBLIC KEY-----',
    algorithms: ['RS256'],
  })
  const pair = await generateKeyPair('RS256')
  const result = await status(auth, await sign(pair.privateKey, 'RS256'))
  expect([result.status, result.code]).toEqual([500, 'invalid_option'])
})

describe('jwtAuth options', () => {
  const secret = 'x'.repeat(32)
  it.each<[string, () => JwtAuthOptions, string]>([
    ['no key source', () => ({}), 'give exactly one of secret, publicKey or jwksUrl (got 0)'],
    [
      'two key sources',
      () => ({ secret, jwksUrl: 'https://a/jwks' }),
      'give exactly one of secret, publicKey or jwksUrl (got 2)',
    ],
    ['a short secret', () => ({ secret: 'short' }), 'secret must be at least 32 bytes'],
    [
      'alg none',
      () => ({ secret, algorithms: ['none' as JwtAlgorithm] }),
      'the "none" algorithm is never allowed',
    ],
    [
      'an unknown alg',
      () => ({ secret, algorithms: ['HS384' as JwtAlgorithm] }),
      'unsupported algorithm "HS384" (use HS256, RS256, ES256 or EdDSA)',
    ],
    ['no algorithms', () => ({ secret, algorithms: [] }), 'algorithms must be a non-empty array'],
    [
      'RS256 with a secret',
      () => ({ secret, algorithms: ['RS256'] }),
      'algorithm RS256 cannot be used with secret',
    ],
    [
      'HS256 with a JWKS',
      () => ({ jwksUrl: 'https://a/jwks', algorithms: ['HS256'] }),
      'algorithm HS256 cannot be used with jwksUrl',
    ],
    [
      'a PEM without algorithm',
      () => ({ publicKey: '-----BEGIN PUBLIC KEY-----' }),
      'publicKey as a PEM needs algorithms: [one of RS256, ES256, EdDSA]',
    ],
    [
      'a string that is no PEM',
      () => ({ publicKey: 'abc', algorithms: ['RS256'] }),
      'publicKey as a string must be an SPKI PEM',
    ],
    [
      'a plain-http JWKS',
      () => ({ jwksUrl: 'http://auth.example.com/jwks' }),
      'jwksUrl must use https (http is accepted on loopback only)',
    ],
    ['a bad JWKS URL', () => ({ jwksUrl: 'not a url' }), 'jwksUrl is not a valid URL'],
    [
      'a negative tolerance',
      () => ({ secret, clockToleranceSec: -1 }),
      'clockToleranceSec must be a non-negative number',
    ],
  ])('%s', (_name, options, message) => {
    expect(() => jwtAuth(options())).toThrow(
      new HubError('invalid_option', `jwtAuth: ${message}`, { status: 500 }),
    )
  })

  it('refuses an EdDSA algorithm for an ES256 CryptoKey', async () => {
    const { publicKey } = await generateKeyPair('ES256')
    expect(() => jwtAuth({ publicKey, algorithms: ['EdDSA'] })).toThrow(
      'algorithm EdDSA cannot be used with this publicKey',
    )
  })
})

describe('jwtAuth with a JWKS URL', () => {
  const keys: JWK[] = []
  let fetches = 0
  let server: ReturnType<typeof serve>
  let url: string
  const pairs: Record<string, { publicKey: CryptoKey; privateKey: CryptoKey }> = {}

  async function addKey(kid: string, alg: JwtAlgorithm) {
    pairs[kid] = await generateKeyPair(alg, { extractable: true })
    keys.push({ ...(await exportJWK(pairs[kid].publicKey)), kid, alg, use: 'sig' })
  }

  beforeAll(async () => {
    await addKey('k1', 'RS256')
    const app = new Hono().get('/jwks', (c) => {
      fetches++
      return c.json({ keys })
    })
    await new Promise<void>((resolve) => {
      server = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 }, () => resolve())
    })
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/jwks`
  })
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())))

  it('verifies, caches, and refetches once on an unknown kid (key rotation)', async () => {
    const auth = jwtAuth({ jwksUrl: url, jwks: { cooldownMs: 0 } })
    const before = fetches
    expect((await status(auth, await sign(pairs.k1!.privateKey, 'RS256', 'k1'))).status).toBe(200)
    expect((await status(auth, await sign(pairs.k1!.privateKey, 'RS256', 'k1'))).status).toBe(200)
    expect(fetches - before).toBe(1)

    await addKey('k2', 'ES256')
    expect((await status(auth, await sign(pairs.k2!.privateKey, 'ES256', 'k2'))).status).toBe(200)
    expect(fetches - before).toBe(2)
  })

  it('refuses an unknown kid with invalid_token', async () => {
    const stranger = await generateKeyPair('RS256')
    const result = await status(
      jwtAuth({ jwksUrl: url, jwks: { cooldownMs: 0 } }),
      await sign(stranger.privateKey, 'RS256', 'nope'),
    )
    expect([result.status, result.code, result.message]).toEqual([
      401,
      'invalid_token',
      'Token signing key is unknown',
    ])
  })

  it('does not refetch during the cooldown, however many unknown kids arrive', async () => {
    const auth = jwtAuth({ jwksUrl: url, jwks: { cooldownMs: 60_000 } })
    const stranger = await generateKeyPair('RS256')
    const before = fetches
    for (let i = 0; i < 5; i++) {
      expect((await status(auth, await sign(stranger.privateKey, 'RS256', `x${i}`))).code).toBe(
        'invalid_token',
      )
    }
    expect(fetches - before).toBe(1)
  })

  it('answers 503 auth_unavailable when the endpoint is down', async () => {
    const down = jwtAuth({ jwksUrl: 'http://127.0.0.1:1/jwks', jwks: { timeoutMs: 1000 } })
    const result = await status(down, await sign(pairs.k1!.privateKey, 'RS256', 'k1'))
    expect([result.status, result.code]).toEqual([503, 'auth_unavailable'])
  })
})
