import { HubError } from '../HubError'
import { assertPattern, printable, topicProblem } from '../routing/topics'
import type { Principal } from './Principal'

/** Stands for every token no allowed pattern names: tokens are never empty, so it collides with none. */
const ANY_OTHER_TOKEN = ''
const DEAD = -1

/**
 * Whether a principal allowed `allowed` may subscribe to `requested`: true exactly when every topic
 * `requested` can match is matched by at least one allowed pattern (NATS semantics: `*` one token, `>`
 * one or more trailing tokens). So `orders.*` allows `orders.*` and `orders.a` but not `orders.>` or
 * `orders`; `>` allows everything; and coverage may come from several patterns together — `a.>` is
 * allowed by [`a.*`, `a.*.>`], though by neither alone.
 *
 * Decided exactly: the patterns are walked together as automata over the tokens the allowed patterns name
 * plus one stand-in for all others (which all behave alike), looking for a topic `requested` matches and
 * no allowed pattern does.
 *
 * Throws a 400 `HubError` (`bad_topic`) for a malformed `requested`, a 500 one for a malformed `allowed`.
 */
export function isPatternAllowed(requested: string, allowed: readonly string[]): boolean {
  assertPattern(requested)
  const wanted = requested.split('.')
  const grants = allowed.map((pattern) => {
    const problem = topicProblem(pattern, true)
    if (problem) {
      throw new HubError('invalid_option', `allowedTopics: pattern "${printable(pattern)}" ${problem}`, {
        status: 500,
      })
    }
    return pattern.split('.')
  })
  const alphabet = [
    ...new Set(grants.flat().filter((token) => token !== '*' && token !== '>')),
    ANY_OTHER_TOKEN,
  ]

  const pending: [number, number[]][] = [[0, grants.map(() => 0)]]
  const seen = new Set<string>()
  while (pending.length > 0) {
    const [wantedState, grantStates] = pending.pop()!
    const key = `${wantedState}|${grantStates.join(',')}`
    if (seen.has(key)) continue
    seen.add(key)
    if (wantedState === wanted.length && !grantStates.some((state, i) => state === grants[i]!.length)) {
      return false
    }
    const token = wanted[wantedState]
    const symbols = token !== undefined && token !== '*' && token !== '>' ? [token] : alphabet
    for (const symbol of symbols) {
      const next = step(wanted, wantedState, symbol)
      if (next === DEAD) continue
      pending.push([
        next,
        grantStates.map((state, i) => (state === DEAD ? DEAD : step(grants[i]!, state, symbol))),
      ])
    }
  }
  return true
}

/**
 * Throws a 403 `HubError` (`topic_not_allowed`) naming the first of `requested` the principal may not
 * subscribe to. A principal without `allowedTopics` may subscribe to anything; one with `[]`, to nothing.
 */
export function authorizeTopics(requested: readonly string[], principal: Principal): void {
  const allowed = principal.allowedTopics
  if (allowed === undefined) return
  for (const pattern of requested) {
    if (!isPatternAllowed(pattern, allowed)) {
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
 * One token through a pattern's automaton. The state is how many pattern tokens are consumed; at
 * `pattern.length` the pattern has matched, and only a trailing `>` goes on matching more tokens.
 */
function step(pattern: readonly string[], state: number, symbol: string): number {
  const token = pattern[state]
  if (token === undefined) return pattern[pattern.length - 1] === '>' ? state : DEAD
  if (token === '>') return pattern.length
  return token === '*' || token === symbol ? state + 1 : DEAD
}
