import { createRemoteJWKSet, errors, type JWTVerifyGetKey } from 'jose'
import { HubError } from '../HubError'

/** Tuning of the remote key set behind `jwtAuth({ jwksUrl })`. */
export interface JwksOptions {
  /** Least time between two fetches, so a flood of unknown `kid`s cannot hammer the endpoint. @default 30_000 */
  cooldownMs?: number
  /** How long a fetched key set is trusted before the next use refetches it. @default 600_000 */
  cacheMaxAgeMs?: number
  /** Abort a fetch after this long. @default 5_000 */
  timeoutMs?: number
}

/**
 * A key resolver over `createRemoteJWKSet` whose fetch failures are the server's problem (503, retry), not
 * the token's: only "no key for this kid/alg" stays a 401.
 */
export function jwksKeyResolver(jwksUrl: string | URL, options: JwksOptions = {}): JWTVerifyGetKey {
  const remote = createRemoteJWKSet(parseJwksUrl(jwksUrl), {
    cooldownDuration: options.cooldownMs ?? 30_000,
    cacheMaxAge: options.cacheMaxAgeMs ?? 600_000,
    timeoutDuration: options.timeoutMs ?? 5_000,
  })
  return async function jwksKey(header, token) {
    try {
      return await remote(header, token)
    } catch (error) {
      if (isTokenFault(error)) throw error
      throw new HubError('auth_unavailable', 'Signing keys are unavailable, retry shortly', {
        status: 503,
        retryAfterSec: 5,
        cause: error,
      })
    }
  }
}

function isTokenFault(error: unknown): boolean {
  return (
    error instanceof errors.JWKSNoMatchingKey ||
    error instanceof errors.JWKSMultipleMatchingKeys ||
    error instanceof errors.JOSEAlgNotAllowed ||
    error instanceof errors.JOSENotSupported
  )
}

function parseJwksUrl(value: string | URL): URL {
  let url: URL
  try {
    url = new URL(value)
  } catch {
    throw misuse('is not a valid URL')
  }
  const loopback = ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname)
  // Over plain http anyone on the path could hand us their own keys.
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) {
    throw misuse('must use https (http is accepted on loopback only)')
  }
  return url
}

function misuse(message: string): HubError {
  return new HubError('invalid_option', `jwtAuth: jwksUrl ${message}`, { status: 500 })
}
