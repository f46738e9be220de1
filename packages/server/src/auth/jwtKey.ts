import { type CryptoKey, importSPKI, type JWTVerifyGetKey, type KeyObject } from 'jose'
import { HubError } from '../HubError'
import { type JwksOptions, jwksKeyResolver } from './jwksKeyResolver'

/** The signature algorithms `jwtAuth` verifies. `none` is not one of them, and never will be. */
export type JwtAlgorithm = 'HS256' | 'RS256' | 'ES256' | 'EdDSA'

const ASYMMETRIC: readonly JwtAlgorithm[] = ['RS256', 'ES256', 'EdDSA']
const MIN_SECRET_BYTES = 32

/** Where the verification key comes from: exactly one of `secret`, `publicKey` or `jwksUrl`. */
export interface JwtKeyOptions {
  /** Shared HS256 secret, at least 32 bytes (RFC 7518 §3.2). */
  secret?: string | Uint8Array
  /** An RS256, ES256 or EdDSA public key: a `CryptoKey`, a Node `KeyObject`, or an SPKI PEM string. */
  publicKey?: CryptoKey | KeyObject | string
  /** A JWKS endpoint (https, or http on loopback), fetched lazily, cached, and refetched on an unknown `kid`. */
  jwksUrl?: string | URL
  /** Tuning for `jwksUrl`. */
  jwks?: JwksOptions
  /**
   * Algorithms a token may use. A `CryptoKey`/`KeyObject` allows its own algorithm only; a PEM string needs
   * exactly one here, since PEM does not say which algorithm it is for.
   * @default ['HS256'] for `secret`, the key's algorithm for `publicKey`, ['RS256', 'ES256', 'EdDSA'] for `jwksUrl`
   */
  algorithms?: readonly JwtAlgorithm[]
}

/** What `jwtVerify` needs: a key (or key resolver) and the allow-list that goes with it. */
export interface ResolvedJwtKey {
  key: Uint8Array | CryptoKey | KeyObject | JWTVerifyGetKey | (() => Promise<CryptoKey>)
  algorithms: JwtAlgorithm[]
}

/** Checks the key options and turns them into a key and its algorithms; throws `invalid_option` on misuse. */
export function resolveJwtKey(options: JwtKeyOptions): ResolvedJwtKey {
  const sources = (['secret', 'publicKey', 'jwksUrl'] as const).filter((name) => options[name] !== undefined)
  if (sources.length !== 1)
    throw misuse(`give exactly one of secret, publicKey or jwksUrl (got ${sources.length})`)
  if (options.algorithms !== undefined) checkAlgorithms(options.algorithms)

  if (options.secret !== undefined) {
    const secret =
      typeof options.secret === 'string' ? new TextEncoder().encode(options.secret) : options.secret
    if (!(secret instanceof Uint8Array)) throw misuse('secret must be a string or a Uint8Array')
    if (secret.byteLength < MIN_SECRET_BYTES)
      throw misuse(`secret must be at least ${MIN_SECRET_BYTES} bytes`)
    return { key: secret, algorithms: only(options.algorithms ?? ['HS256'], ['HS256'], 'secret') }
  }
  if (options.jwksUrl !== undefined) {
    const algorithms = only(options.algorithms ?? ASYMMETRIC, ASYMMETRIC, 'jwksUrl')
    return { key: jwksKeyResolver(options.jwksUrl, options.jwks), algorithms }
  }
  const publicKey = options.publicKey!
  if (typeof publicKey === 'string') return pemKey(publicKey, options.algorithms)
  const own = algorithmOf(publicKey)
  if (!own)
    throw misuse('publicKey must be an RS256 (RSASSA-PKCS1-v1_5 SHA-256), ES256 (P-256) or Ed25519 key')
  return { key: publicKey, algorithms: only(options.algorithms ?? [own], [own], 'this publicKey') }
}

function pemKey(pem: string, algorithms: readonly JwtAlgorithm[] | undefined): ResolvedJwtKey {
  if (!pem.includes('-----BEGIN PUBLIC KEY-----')) throw misuse('publicKey as a string must be an SPKI PEM')
  if (algorithms?.length !== 1 || !ASYMMETRIC.includes(algorithms[0]!)) {
    throw misuse('publicKey as a PEM needs algorithms: [one of RS256, ES256, EdDSA]')
  }
  const algorithm = algorithms[0]!
  let imported: Promise<CryptoKey> | undefined
  // Imported on first use (import is async, jwtAuth is not); a bad PEM then fails every request with a 500.
  const key = function pemPublicKey() {
    imported ??= importSPKI(pem, algorithm).catch((cause: unknown) => {
      throw new HubError('invalid_option', `jwtAuth: publicKey is not a valid ${algorithm} PEM`, {
        status: 500,
        cause,
      })
    })
    return imported
  }
  return { key, algorithms: [algorithm] }
}

function algorithmOf(key: CryptoKey | KeyObject): JwtAlgorithm | undefined {
  if (typeof key !== 'object' || key === null) return undefined
  if ('algorithm' in key && typeof key.algorithm === 'object') {
    const algorithm = key.algorithm as { name: string; namedCurve?: string; hash?: { name: string } }
    if (algorithm.name === 'RSASSA-PKCS1-v1_5' && algorithm.hash?.name === 'SHA-256') return 'RS256'
    if (algorithm.name === 'ECDSA' && algorithm.namedCurve === 'P-256') return 'ES256'
    if (algorithm.name === 'Ed25519') return 'EdDSA'
    return undefined
  }
  const { asymmetricKeyType, asymmetricKeyDetails } = key as {
    asymmetricKeyType?: string
    asymmetricKeyDetails?: { namedCurve?: string }
  }
  if (asymmetricKeyType === 'rsa') return 'RS256'
  if (asymmetricKeyType === 'ec' && asymmetricKeyDetails?.namedCurve === 'prime256v1') return 'ES256'
  if (asymmetricKeyType === 'ed25519') return 'EdDSA'
  return undefined
}

function checkAlgorithms(algorithms: readonly string[]): void {
  if (!Array.isArray(algorithms) || algorithms.length === 0)
    throw misuse('algorithms must be a non-empty array')
  for (const algorithm of algorithms) {
    if (String(algorithm).toLowerCase() === 'none') throw misuse('the "none" algorithm is never allowed')
    if (!(['HS256', ...ASYMMETRIC] as string[]).includes(algorithm)) {
      throw misuse(`unsupported algorithm "${algorithm}" (use HS256, RS256, ES256 or EdDSA)`)
    }
  }
}

function only(
  requested: readonly JwtAlgorithm[],
  usable: readonly JwtAlgorithm[],
  source: string,
): JwtAlgorithm[] {
  const unusable = requested.filter((algorithm) => !usable.includes(algorithm))
  // Mixing HMAC with public keys is the classic algorithm-confusion hole; refuse it outright.
  if (unusable.length > 0) throw misuse(`algorithm ${unusable.join(', ')} cannot be used with ${source}`)
  return [...requested]
}

function misuse(message: string): HubError {
  return new HubError('invalid_option', `jwtAuth: ${message}`, { status: 500 })
}
