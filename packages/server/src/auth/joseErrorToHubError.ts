import { errors } from 'jose'
import { HubError } from '../HubError'

/**
 * Turns what `jwtVerify` threw into the 401 the client sees: a precise code and a short message, never
 * jose's own text (it can echo token contents) and never a stack. A `HubError` passes through unchanged
 * (`jwksKeyResolver` throws a 503 one when the JWKS endpoint is down); anything else unexpected is a 500.
 */
export function joseErrorToHubError(error: unknown): HubError {
  if (error instanceof HubError) return error
  if (error instanceof errors.JWTExpired) return invalid('token_expired', 'Token expired', error)
  if (error instanceof errors.JWTClaimValidationFailed) return claimError(error)
  if (error instanceof errors.JWSSignatureVerificationFailed) {
    return invalid('invalid_token', 'Token signature is invalid', error)
  }
  if (error instanceof errors.JOSEAlgNotAllowed || error instanceof errors.JOSENotSupported) {
    return invalid('invalid_token', 'Token algorithm is not allowed', error)
  }
  if (error instanceof errors.JWKSNoMatchingKey)
    return invalid('invalid_token', 'Token signing key is unknown', error)
  if (error instanceof errors.JWKSMultipleMatchingKeys) {
    return invalid('invalid_token', 'Token signing key is ambiguous', error)
  }
  if (error instanceof errors.JWSInvalid || error instanceof errors.JWTInvalid) {
    return invalid('invalid_token', 'Token is malformed', error)
  }
  return new HubError('internal', 'Token verification failed unexpectedly', { status: 500, cause: error })
}

function claimError(error: errors.JWTClaimValidationFailed): HubError {
  const { claim, reason } = error
  if (claim === 'nbf') return invalid('token_not_yet_valid', 'Token is not valid yet', error)
  if (reason === 'missing') return invalid('invalid_token', `Token has no "${claim}" claim`, error)
  if (claim === 'iss') return invalid('invalid_token', 'Token issuer is not accepted', error)
  if (claim === 'aud') return invalid('invalid_token', 'Token audience is not accepted', error)
  return invalid('invalid_token', `Token claim "${claim}" is invalid`, error)
}

function invalid(code: string, message: string, cause: unknown): HubError {
  return new HubError(code, message, { status: 401, cause })
}
