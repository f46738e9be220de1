import { HubError } from '../HubError'
import { assertPattern, printable, tokensMatch, topicProblem } from '../routing/topics'
import type { Principal } from './Principal'

/**
 * Most patterns a principal's `allowedTopics` may hold. Checking one requested pattern costs at most
 * (17 lengths × this many patterns × 16 tokens) comparisons; a longer list is refused as a server error
 * (500 `invalid_principal`, logged) rather than checked.
 */
export const MAX_ALLOWED_TOPICS = 1024

/** Stands for a token no allowed pattern names: tokens are never empty, so it equals none of theirs. */
const FRESH_TOKEN = ''

/**
 * Whether a principal allowed `allowed` may subscribe to `requested`: true exactly when every topic
 * `requested` can match is matched by at least one allowed pattern (NATS semantics: `*` one token, `>`
 * one or more trailing tokens). So `orders.*` allows `orders.*` and `orders.a` but not `orders.>` or
 * `orders`; `>` allows everything; and coverage may come from several patterns together — `a.>` is
 * allowed by [`a.*`, `a.*.>`], though by neither alone.
 *
 * Decided in time linear in the sizes of both (see `patternCoverage`).
 *
 * Throws a 400 `HubError` (`bad_topic`) for a malformed `requested`, a 500 one (`invalid_principal`) for
 * a malformed `allowed` or one longer than `MAX_ALLOWED_TOPICS`.
 */
export function isPatternAllowed(requested: string, allowed: readonly string[]): boolean {
  assertPattern(requested)
  return patternCoverage(requested.split('.'), parseAllowedTopics(allowed)).covered
}

/**
 * Throws a 403 `HubError` (`topic_not_allowed`) naming the first of `requested` the principal may not
 * subscribe to. A principal without `allowedTopics` may subscribe to anything; one with `[]`, to nothing.
 */
export function authorizeTopics(requested: readonly string[], principal: Principal): void {
  if (principal.allowedTopics === undefined) return
  const grants = parseAllowedTopics(principal.allowedTopics)
  for (const pattern of requested) {
    assertPattern(pattern)
    if (!patternCoverage(pattern.split('.'), grants).covered) {
      throw new HubError(
        'topic_not_allowed',
        `Topic "${printable(pattern)}" is not allowed for this principal`,
        {
          status: 403,
        },
      )
    }
  }
}

/**
 * Whether the allowed patterns `grants` (as tokens) together match every topic `wanted` matches, and how
 * many pattern-against-topic matches that took (at most `grants.length` × 17).
 *
 * Why it is exact: the topics of one length L that `wanted` matches are its literal tokens with any
 * tokens at its wildcard positions. Put a *fresh* token (one no grant names) at each of those positions:
 * a grant that matches this topic has a wildcard wherever it is fresh, and at the literal positions
 * either a wildcard or that literal, so it matches every length-L topic of `wanted`; and if no grant
 * matches it, that topic is a witness that `wanted` is not covered. Past the longest grant, only
 * grants ending in `>` can match, on tokens that no longer change with L, so the lengths up to one
 * past the longest grant are the only ones to try.
 */
export function patternCoverage(
  wanted: readonly string[],
  grants: readonly (readonly string[])[],
): { covered: boolean; matches: number } {
  const open = wanted[wanted.length - 1] === '>'
  const headLength = open ? wanted.length - 1 : wanted.length
  const topic = wanted.slice(0, headLength).map((token) => (token === '*' ? FRESH_TOKEN : token))
  const longestGrant = grants.reduce((longest, grant) => Math.max(longest, grant.length), 0)
  const lastLength = open ? Math.max(wanted.length, longestGrant + 1) : wanted.length
  let matches = 0
  for (let length = wanted.length; length <= lastLength; length++) {
    while (topic.length < length) topic.push(FRESH_TOKEN)
    const matched = grants.some((grant) => {
      matches += 1
      return tokensMatch(grant, topic)
    })
    if (!matched) return { covered: false, matches }
  }
  return { covered: true, matches }
}

/** A principal's allow-list as tokens, checked once; a bad one is the server's fault, not the client's. */
function parseAllowedTopics(allowed: unknown): string[][] {
  if (!Array.isArray(allowed)) throw invalidPrincipal('allowedTopics must be an array of topic patterns')
  if (allowed.length > MAX_ALLOWED_TOPICS) {
    throw invalidPrincipal(
      `allowedTopics holds ${allowed.length} patterns, more than the ${MAX_ALLOWED_TOPICS} allowed`,
    )
  }
  return allowed.map((pattern: unknown) => {
    const problem = typeof pattern === 'string' ? topicProblem(pattern, true) : 'is not a string'
    if (problem) throw invalidPrincipal(`allowedTopics: pattern "${printable(pattern)}" ${problem}`)
    return (pattern as string).split('.')
  })
}

function invalidPrincipal(message: string): HubError {
  return new HubError('invalid_principal', message, { status: 500 })
}
