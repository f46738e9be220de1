import type { Context } from 'hono'
import { jwtVerify } from 'jose'
import { HubError } from '../HubError'
import { type ClaimsToPrincipal, defaultClaimsToPrincipal } from './claimsToPrincipal'
import { joseErrorToHubError } from './joseErrorToHubError'
import { type JwtKeyOptions, resolveJwtKey } from './jwtKey'
import type { Authenticate, Principal } from './Principal'
import { readToken, type TokenSources } from './readToken'

/** Options of `jwtAuth`: a key source (exactly one of `secret`, `publicKey`, `jwksUrl`), claims and token sources. */
export interface JwtAuthOptions extends JwtKeyOptions, TokenSources {
  /** Accepted `iss` value(s); when set, the claim is required. @default undefined (not checked) */
  issuer?: string | readonly string[]
  /** Accepted `aud` value(s); when set, the claim is required. @default undefined (not checked) */
  audience?: string | readonly string[]
  /** Seconds of clock skew tolerated on `exp` and `nbf`. @default 5 */
  clockToleranceSec?: number
  /**
   * Refuse tokens without `exp`. The stream is rotated at `exp`; a token without one would hold a stream
   * open forever.
   * @default true
   */
  requireExp?: boolean
  /** Maps verified claims to `{ metadata, allowedTopics }`. @default defaultClaimsToPrincipal */
  claimsToPrincipal?: ClaimsToPrincipal
}

/** Longest token we hand to jose; anything longer is refused before any parsing. */
const MAX_TOKEN_LENGTH = 16 * 1024
const COMPACT_JWS = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/

/**
 * An `Authenticate` that verifies a JWT (HS256, RS256, ES256 or EdDSA) from `Authorization: Bearer`, a
 * cookie, or — only when `queryToken` names it — a query parameter. The principal's `expiresAt` is the
 * token's `exp`, so the hub rotates the stream then; its `id` is the token's `sub` (unless
 * `claimsToPrincipal` set one), so per-principal bounds follow the user. Refusals are 401 `HubError`s: `unauthorized`,
 * `invalid_token`, `token_expired`, `token_not_yet_valid`; an unreachable JWKS endpoint is a 503.
 *
 * @example
 * const hub = createHub({
 *   authenticate: jwtAuth({ jwksUrl: 'https://auth.example.com/.well-known/jwks.json', issuer, audience }),
 * })
 */
export function jwtAuth(options: JwtAuthOptions): Authenticate {
  const { key, algorithms } = resolveJwtKey(options)
  const clockToleranceSec = options.clockToleranceSec ?? 5
  if (!Number.isFinite(clockToleranceSec) || clockToleranceSec < 0) {
    throw new HubError('invalid_option', 'jwtAuth: clockToleranceSec must be a non-negative number', {
      status: 500,
    })
  }
  const claimsToPrincipal = options.claimsToPrincipal ?? defaultClaimsToPrincipal
  const verifyOptions = {
    algorithms,
    clockTolerance: clockToleranceSec,
    issuer: options.issuer as string | string[] | undefined,
    audience: options.audience as string | string[] | undefined,
    requiredClaims: options.requireExp === false ? [] : ['exp'],
  }
  const sources: TokenSources = { cookie: options.cookie, queryToken: options.queryToken }

  return async function jwtAuthenticate(c: Context): Promise<Principal> {
    const token = readToken(c, sources)
    if (token.length > MAX_TOKEN_LENGTH || !COMPACT_JWS.test(token)) {
      throw new HubError('invalid_token', 'Token is malformed', { status: 401 })
    }
    let claims: Awaited<ReturnType<typeof jwtVerify>>['payload']
    try {
      // jose's overloads do not accept the key-or-resolver union, though it handles both at runtime.
      ;({ payload: claims } = await jwtVerify(token, key as Parameters<typeof jwtVerify>[1], verifyOptions))
    } catch (error) {
      throw joseErrorToHubError(error)
    }
    const principal: Principal = { ...claimsToPrincipal(claims) }
    if (principal.id === undefined && typeof claims.sub === 'string' && claims.sub !== '') {
      principal.id = claims.sub
    }
    if (typeof claims.exp === 'number') principal.expiresAt = claims.exp * 1000
    return principal
  }
}
