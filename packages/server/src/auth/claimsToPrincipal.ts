import type { JWTPayload } from 'jose'
import { HubError } from '../HubError'
import { topicProblem } from '../routing/topics'
import type { Principal } from './Principal'

/** Maps verified JWT claims to who is connecting; throw a `HubError` to refuse the token. */
export type ClaimsToPrincipal = (claims: JWTPayload) => Omit<Principal, 'expiresAt'>

/** String claims copied onto the connection's metadata, under the name on the right. */
const METADATA_CLAIMS: Readonly<Record<string, string>> = {
  sub: 'user_id',
  tenant_id: 'tenant_id',
  plan: 'plan',
}

/**
 * The default claims mapping:
 * - metadata: `sub` → `user_id`, `tenant_id` → `tenant_id`, `plan` → `plan`, each only when it is a string
 *   (other claims are ignored: metadata is what groups select on, so it stays small and deliberate);
 * - allowedTopics: the `allowed_topics` claim, else the `topics` claim, an array of topic patterns; when
 *   neither is present every topic is allowed. A present but malformed claim refuses the token (401).
 */
export function defaultClaimsToPrincipal(claims: JWTPayload): Omit<Principal, 'expiresAt'> {
  const metadata: Record<string, string> = {}
  for (const [claim, key] of Object.entries(METADATA_CLAIMS)) {
    const value = claims[claim]
    if (typeof value === 'string' && value !== '') metadata[key] = value
  }
  const name = claims.allowed_topics !== undefined ? 'allowed_topics' : 'topics'
  const allowedTopics = readPatterns(claims[name], name)
  return allowedTopics === undefined ? { metadata } : { metadata, allowedTopics }
}

function readPatterns(value: unknown, claim: string): string[] | undefined {
  if (value === undefined) return undefined
  if (!Array.isArray(value)) throw badClaim(`Token claim "${claim}" must be an array of topic patterns`)
  for (const pattern of value) {
    // Checked here so a bad token is a 401 for its bearer, not a 500 at every authorization.
    if (typeof pattern !== 'string' || topicProblem(pattern, true) !== undefined) {
      throw badClaim(`Token claim "${claim}" holds an invalid topic pattern`)
    }
  }
  return [...value]
}

function badClaim(message: string): HubError {
  return new HubError('invalid_token', message, { status: 401 })
}
