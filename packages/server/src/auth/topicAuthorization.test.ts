import { describe, expect, it } from 'vitest'
import { HubError } from '../HubError'
import { matchesPattern } from '../routing/topics'
import { authorizeTopics, isPatternAllowed, MAX_ALLOWED_TOPICS, patternCoverage } from './topicAuthorization'

describe('isPatternAllowed', () => {
  it.each<[string, string[], boolean]>([
    // literals
    ['orders', ['orders'], true],
    ['orders', ['invoices'], false],
    ['orders', [], false],
    ['orders.a', ['orders'], false],
    ['orders', ['orders.a'], false],
    // `*` in the allowed pattern
    ['orders.a', ['orders.*'], true],
    ['orders.*', ['orders.*'], true],
    ['orders', ['orders.*'], false],
    ['orders.>', ['orders.*'], false],
    ['orders.a.b', ['orders.*'], false],
    ['orders.a', ['*.a'], true],
    ['*.a', ['orders.*'], false],
    ['*.*', ['*.*'], true],
    ['a.*', ['*.*'], true],
    // `>` in the allowed pattern
    ['orders.a', ['orders.>'], true],
    ['orders.a.b.c', ['orders.>'], true],
    ['orders.*', ['orders.>'], true],
    ['orders.*.x', ['orders.>'], true],
    ['orders.>', ['orders.>'], true],
    ['orders', ['orders.>'], false],
    ['orders.>', ['orders.*.>'], false],
    ['orders.a.>', ['orders.*.>'], true],
    ['*.>', ['orders.>'], false],
    // the catch-alls
    ['anything.at.all', ['>'], true],
    ['*', ['>'], true],
    ['>', ['>'], true],
    ['>', ['*'], false],
    ['>', ['*.>'], false],
    ['*', ['*'], true],
    // a requested wildcard is never covered by finitely many literals
    ['*', ['a', 'b'], false],
    ['orders.*', ['orders.a', 'orders.b'], false],
    ['orders.>', ['orders.a', 'orders.a.b'], false],
    // unions of patterns
    ['a.*', ['a.x', 'a.*'], true],
    ['a.>', ['a.*', 'a.*.>'], true],
    ['>', ['*', '*.>'], true],
    ['>', ['*', '*.*', '*.*.>'], true],
    ['a.>', ['a.*', 'a.*.*'], false],
    ['*.*', ['a.*', '*.b'], false],
    ['*.b', ['a.*', '*.b'], true],
    ['x.*.z', ['x.y.z', 'x.*.w'], false],
    ['*.>', ['a.>', '*.*', '*.*.>'], true],
    ['a.*.c', ['a.b.*', 'a.*.c'], true],
    // a literal that merely looks like another pattern's token
    ['a.b', ['a.*', 'b.a'], true],
    ['b.a', ['a.*'], false],
  ])('%s within %j → %s', (requested, allowed, expected) => {
    expect(isPatternAllowed(requested, allowed)).toBe(expected)
  })

  it.each([
    ['', 'Pattern "" is empty'],
    ['a..b', 'Pattern "a..b" has an empty token'],
    ['a.>.b', 'Pattern "a.>.b" ">" may only be the last token'],
    ['a b', 'Pattern "a b" has a token with characters outside [A-Za-z0-9_:-]'],
  ])('refuses the malformed request %j with 400 bad_topic', (requested, message) => {
    expect(() => isPatternAllowed(requested, ['>'])).toThrow(new HubError('bad_topic', message))
  })

  it('refuses a malformed allowed pattern as a server error', () => {
    expect(() => isPatternAllowed('a', ['a.>.b'])).toThrow(
      new HubError('invalid_principal', 'allowedTopics: pattern "a.>.b" ">" may only be the last token', {
        status: 500,
      }),
    )
  })

  it('agrees with brute force on 2,000 random cases', () => {
    // Patterns of up to 3 tokens over {a, b, *, >}; topics over {a, b, c} (c standing for any other token)
    // up to 4 tokens: one longer than any pattern, which is as far as a difference can first show.
    const random = seededRandom(42)
    const randomPattern = () => {
      const length = 1 + random(3)
      return Array.from({ length }, (_, i) => {
        const token = ['a', 'b', '*', '>'][random(4)]!
        return token === '>' && i < length - 1 ? '*' : token
      }).join('.')
    }
    const topics: string[] = []
    const grow = (prefix: string[]) => {
      if (prefix.length > 0) topics.push(prefix.join('.'))
      if (prefix.length < 4) for (const token of ['a', 'b', 'c']) grow([...prefix, token])
    }
    grow([])
    for (let i = 0; i < 2_000; i++) {
      const requested = randomPattern()
      const allowed = Array.from({ length: random(4) }, randomPattern)
      const expected = topics
        .filter((topic) => matchesPattern(requested, topic))
        .every((topic) => allowed.some((pattern) => matchesPattern(pattern, topic)))
      expect([requested, allowed, isPatternAllowed(requested, allowed)]).toEqual([
        requested,
        allowed,
        expected,
      ])
    }
  })

  it('agrees with the exhaustive product-automaton search on 5,000 random cases, unions included', () => {
    // The reference explores every combination of the patterns' states: exact, but exponential. Most
    // allowed lists are variants of the request (a wildcard narrowed, `>` split into `*` and `*.>`), so
    // coverage by several patterns together, the hard case, comes up often.
    const random = seededRandom(7)
    const randomPattern = () => {
      const length = 1 + random(4)
      return Array.from({ length }, (_, i) => {
        const token = ['a', 'b', '*', '*', '>'][random(5)]!
        return token === '>' && i < length - 1 ? '*' : token
      }).join('.')
    }
    const variantOf = (pattern: string) =>
      pattern
        .split('.')
        .flatMap((token) => {
          const roll = random(6)
          if (token === '>') return [['*'], ['*'], ['*', '>'], ['*', '>'], ['*', '*', '>'], ['>']][roll]!
          if (token === '*') return [['a'], ['a'], ['b'], ['*'], ['*'], ['*']][roll]!
          return roll === 0 ? ['*'] : [token]
        })
        .join('.')
    const outcomes = { allowed: 0, refused: 0, byUnionOnly: 0 }
    for (let i = 0; i < 5_000; i++) {
      const requested = randomPattern()
      const allowed = Array.from({ length: random(6) }, () =>
        random(3) === 0 ? randomPattern() : variantOf(requested),
      )
      const expected = productSearch(requested, allowed).allowed
      expect([requested, allowed, isPatternAllowed(requested, allowed)]).toEqual([
        requested,
        allowed,
        expected,
      ])
      outcomes[expected ? 'allowed' : 'refused'] += 1
      if (expected && !allowed.some((pattern) => productSearch(requested, [pattern]).allowed)) {
        outcomes.byUnionOnly += 1
      }
    }
    expect(outcomes.allowed).toBeGreaterThan(1_000)
    expect(outcomes.refused).toBeGreaterThan(1_000)
    expect(outcomes.byUnionOnly).toBeGreaterThan(100)
  })

  it('stays within its work bound with many allowed patterns and deep requests', () => {
    const allowed = Array.from({ length: 200 }, (_, i) => `t${i}.*.>`)
    expect(isPatternAllowed('*.*.*.*.*.*.*.*.*.*.*.*.*.*.*.>', allowed)).toBe(false)
    expect(isPatternAllowed('t7.a.b.c.d.e.f.g.h.i.j.k.l.m.n.>', allowed)).toBe(true)
    const grants = allowed.map((pattern) => pattern.split('.'))
    const deep = patternCoverage('t7.a.b.c.d.e.f.g.h.i.j.k.l.m.n.>'.split('.'), grants)
    // One length only (the request is longer than every grant), tried against at most every grant.
    expect(deep).toEqual({ covered: true, matches: 8 })
  })

  it('decides the adversarial allow-list in linear work, where the product search explodes', () => {
    // Allowed pattern i has a literal at position i only, so every subset of them can be alive at once:
    // the product search visits 2^14 combinations per request (about 6 s for these 30 requests).
    const allowed = [
      ...Array.from({ length: 14 }, (_, i) => [...Array<string>(i).fill('*'), 'k', '>'].join('.')),
      '>',
    ]
    const requested = Array.from({ length: 30 }, (_, j) => {
      const tokens = Array<string>(15).fill('*')
      tokens[j % 15] = `k${j}`
      return [...tokens, '>'].join('.')
    })
    expect(productSearch(requested[0]!, allowed, 10_000).statesVisited).toBe(10_000)

    expect(() => authorizeTopics(requested, { metadata: {}, allowedTopics: allowed })).not.toThrow()
    const grants = allowed.map((pattern) => pattern.split('.'))
    const work = requested.map((pattern) => patternCoverage(pattern.split('.'), grants))
    expect(work.every(({ covered }) => covered)).toBe(true)
    // Lengths 16 and 17 only, each against at most the 15 grants.
    expect(Math.max(...work.map(({ matches }) => matches))).toBeLessThanOrEqual(2 * 15)
  })

  it(`bounds its work at ${MAX_ALLOWED_TOPICS} allowed patterns of 16 tokens`, () => {
    const allowed = Array.from({ length: MAX_ALLOWED_TOPICS }, (_, i) =>
      [...Array<string>(14).fill('*'), `n${i}`, '>'].join('.'),
    )
    expect(isPatternAllowed('*', allowed)).toBe(false)
    const grants = allowed.map((pattern) => pattern.split('.'))
    const { covered, matches } = patternCoverage(['>'], grants)
    // Lengths 1 to 17, but the first finds no match and stops there.
    expect([covered, matches]).toEqual([false, MAX_ALLOWED_TOPICS])
  })

  it(`refuses more than ${MAX_ALLOWED_TOPICS} allowed patterns as a server error, without checking them`, () => {
    const allowed = Array.from({ length: MAX_ALLOWED_TOPICS + 1 }, (_, i) => `t${i}`)
    expect(() => isPatternAllowed('t1', allowed)).toThrow(
      new HubError('invalid_principal', 'allowedTopics holds 1025 patterns, more than the 1024 allowed', {
        status: 500,
      }),
    )
    expect(isPatternAllowed('t1', allowed.slice(0, MAX_ALLOWED_TOPICS))).toBe(true)
  })

  it.each<[string, unknown]>([
    ['allowedTopics must be an array of topic patterns', 'orders.>'],
    ['allowedTopics: pattern "42" is not a string', ['orders', 42]],
  ])('refuses a malformed allow-list with 500 invalid_principal: %s', (message, allowed) => {
    let error: unknown
    try {
      authorizeTopics(['orders'], { metadata: {}, allowedTopics: allowed as string[] })
    } catch (caught) {
      error = caught
    }
    expect(error).toEqual(new HubError('invalid_principal', message, { status: 500 }))
    expect((error as HubError).status).toBe(500)
  })
})

describe('authorizeTopics', () => {
  it('allows everything when the principal has no allowedTopics', () => {
    expect(() => authorizeTopics(['>', 'a.b'], { metadata: {} })).not.toThrow()
  })

  it('allows nothing when allowedTopics is empty', () => {
    expect(() => authorizeTopics(['a'], { metadata: {}, allowedTopics: [] })).toThrow(HubError)
  })

  it('names the first refused pattern, with 403 topic_not_allowed', () => {
    const principal = { metadata: {}, allowedTopics: ['orders.>', 'dashboard'] }
    let error: unknown
    try {
      authorizeTopics(['orders.a', 'invoices.*', 'secrets'], principal)
    } catch (caught) {
      error = caught
    }
    expect(error).toEqual(
      new HubError('topic_not_allowed', 'Topic "invoices.*" is not allowed for this principal', {
        status: 403,
      }),
    )
    expect((error as HubError).status).toBe(403)
  })

  it('passes when every requested pattern is covered', () => {
    expect(() =>
      authorizeTopics(['orders.a', 'orders.*', 'dashboard'], {
        metadata: {},
        allowedTopics: ['orders.>', 'dashboard'],
      }),
    ).not.toThrow()
  })
})

function seededRandom(seed: number): (n: number) => number {
  return (n) => {
    seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31
    return seed % n
  }
}

/**
 * The previous algorithm, kept as the reference: it walks `requested` and every allowed pattern together
 * as automata over the tokens the allowed patterns name plus one stand-in for all others, looking for a
 * topic `requested` matches and no allowed pattern does. Exact, but its states are combinations of the
 * allowed patterns' states: it stops after `maxStates`.
 */
function productSearch(
  requested: string,
  allowed: readonly string[],
  maxStates = Number.POSITIVE_INFINITY,
): { allowed: boolean; statesVisited: number } {
  const DEAD = -1
  const step = (pattern: readonly string[], state: number, symbol: string): number => {
    const token = pattern[state]
    if (token === undefined) return pattern[pattern.length - 1] === '>' ? state : DEAD
    if (token === '>') return pattern.length
    return token === '*' || token === symbol ? state + 1 : DEAD
  }
  const wanted = requested.split('.')
  const grants = allowed.map((pattern) => pattern.split('.'))
  const alphabet = [...new Set(grants.flat().filter((token) => token !== '*' && token !== '>')), '']
  const pending: [number, number[]][] = [[0, grants.map(() => 0)]]
  const seen = new Set<string>()
  while (pending.length > 0 && seen.size < maxStates) {
    const [wantedState, grantStates] = pending.pop()!
    const key = `${wantedState}|${grantStates.join(',')}`
    if (seen.has(key)) continue
    seen.add(key)
    if (wantedState === wanted.length && !grantStates.some((state, i) => state === grants[i]!.length)) {
      return { allowed: false, statesVisited: seen.size }
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
  return { allowed: true, statesVisited: seen.size }
}
