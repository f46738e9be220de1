import { describe, expect, it } from 'vitest'
import { HubError } from '../HubError'
import { matchesPattern } from '../routing/topics'
import { authorizeTopics, isPatternAllowed } from './topicAuthorization'

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
      new HubError('invalid_option', 'allowedTopics: pattern "a.>.b" ">" may only be the last token', {
        status: 500,
      }),
    )
  })

  it('agrees with brute force on 2,000 random cases', () => {
    // Patterns of up to 3 tokens over {a, b, *, >}; topics over {a, b, c} (c standing for any other token)
    // up to 4 tokens: one longer than any pattern, which is as far as a difference can first show.
    let seed = 42
    const random = (n: number) => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31
      return seed % n
    }
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

  it('stays quick with many allowed patterns and deep requests', () => {
    const allowed = Array.from({ length: 200 }, (_, i) => `t${i}.*.>`)
    const started = performance.now()
    expect(isPatternAllowed('*.*.*.*.*.*.*.*.*.*.*.*.*.*.*.>', allowed)).toBe(false)
    expect(isPatternAllowed('t7.a.b.c.d.e.f.g.h.i.j.k.l.m.n.>', allowed)).toBe(true)
    expect(performance.now() - started).toBeLessThan(500)
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
