import { describe, expect, it } from 'vitest'
import { TopicIndex } from './TopicIndex'
import { assertPattern, assertTopic, matchesPattern, topicProblem } from './topics'

// [pattern, topic, matches]
const CASES: Array<[string, string, boolean]> = [
  ['orders', 'orders', true],
  ['orders', 'order', false],
  ['orders', 'orders.a', false],
  ['orders.a', 'orders', false],
  ['orders.a', 'orders.a', true],
  ['orders.a', 'orders.b', false],
  ['orders.*', 'orders.ord_1', true],
  ['orders.*', 'orders', false],
  ['orders.*', 'orders.a.b', false],
  ['orders.*', 'customers.a', false],
  ['*', 'orders', true],
  ['*', 'orders.a', false],
  ['*.a', 'orders.a', true],
  ['*.a', 'orders.b', false],
  ['*.*', 'a.b', true],
  ['*.*', 'a', false],
  ['*.*', 'a.b.c', false],
  ['a.*.c', 'a.b.c', true],
  ['a.*.c', 'a.b.d', false],
  ['a.*.c', 'a.c', false],
  ['orders.>', 'orders.a', true],
  ['orders.>', 'orders.a.b', true],
  ['orders.>', 'orders.a.b.c.d.e', true],
  ['orders.>', 'orders', false],
  ['orders.>', 'customers.a', false],
  ['>', 'orders', true],
  ['>', 'a.b.c', true],
  ['*.>', 'a', false],
  ['*.>', 'a.b', true],
  ['*.>', 'a.b.c', true],
  ['a.*.>', 'a.b', false],
  ['a.*.>', 'a.b.c', true],
  ['a.b.>', 'a.b', false],
  ['a.b.>', 'a.b.c', true],
  ['a.b.>', 'a.c.d', false],
  ['Orders', 'orders', false],
  ['imports.imp_9.rows', 'imports.imp_9.rows', true],
  ['imports.*.rows', 'imports.imp_9.rows', true],
  ['imports.*.rows', 'imports.imp_9.cols', false],
  ['t:1.orders', 't:1.orders', true],
  ['a-b.*', 'a-b.c_d', true],
  ['a.b.c.d.e.f.g.h.i.j.k.l.m.n.o.>', 'a.b.c.d.e.f.g.h.i.j.k.l.m.n.o.p', true],
  ['*.*.*', 'x.y.z', true],
  ['x.*.*', 'x.y', false],
]

describe('pattern matching', () => {
  it.each(CASES)('%s ~ %s → %s', (pattern, topic, expected) => {
    expect(matchesPattern(pattern, topic)).toBe(expected)
    const index = new TopicIndex<string>()
    index.add(pattern, 'subscriber')
    const matched: string[] = []
    index.match(topic, (subscriber) => matched.push(subscriber))
    expect(matched.length > 0).toBe(expected)
  })

  it('visits exactly the matching subscribers of a crowded index', () => {
    const index = new TopicIndex<string>()
    const patterns = [...new Set(CASES.map(([pattern]) => pattern))]
    for (const pattern of patterns) index.add(pattern, pattern)
    for (const topic of new Set(CASES.map(([, topic]) => topic))) {
      const visited: string[] = []
      index.match(topic, (pattern) => visited.push(pattern))
      expect(visited.sort()).toEqual(patterns.filter((p) => matchesPattern(p, topic)).sort())
    }
  })

  it('prunes branches on remove, and removing an absent pair is a no-op', () => {
    const index = new TopicIndex<number>()
    index.add('a.b.c', 1)
    index.add('a.*', 2)
    index.add('a.>', 3)
    index.remove('a.b.x', 1)
    index.remove('a.b.c', 1)
    index.remove('a.*', 2)
    expect(index.isEmpty).toBe(false)
    index.remove('a.>', 3)
    expect(index.isEmpty).toBe(true)
  })

  it('keeps matching wildcards right after duplicate adds and removes', () => {
    const index = new TopicIndex<number>()
    index.add('a.*', 1)
    index.add('a.*', 1)
    index.add('a.b', 2)
    index.remove('a.*', 1)
    index.add('x.>', 3)
    const visited: number[] = []
    index.match('x.y', (n) => visited.push(n))
    index.match('a.b', (n) => visited.push(n))
    expect(visited).toEqual([3, 2])
  })
})

describe('topic and pattern validation', () => {
  it.each([
    ['', 'is empty'],
    ['orders..x', 'has an empty token'],
    ['.orders', 'has an empty token'],
    ['orders.', 'has an empty token'],
    ['>.orders', '">" may only be the last token'],
    ['a.>.b', '">" may only be the last token'],
    ['a b', 'has a token with characters outside [A-Za-z0-9_:-]'],
    ['ordérs', 'has a token with characters outside [A-Za-z0-9_:-]'],
    ['a\nb', 'has a token with characters outside [A-Za-z0-9_:-]'],
    ['a'.repeat(65), 'has a token longer than 64 characters'],
    [Array(17).fill('a').join('.'), 'has more than 16 tokens'],
    ['a*', 'has a token with characters outside [A-Za-z0-9_:-]'],
  ])('pattern %j %s', (pattern, problem) => {
    expect(topicProblem(pattern, true)).toBe(problem)
    expect(() => assertPattern(pattern)).toThrow(problem)
  })

  it('accepts the longest legal topic and refuses wildcards in concrete topics', () => {
    expect(topicProblem(Array(16).fill('a'.repeat(64)).join('.'), false)).toBeUndefined()
    expect(() => assertTopic('orders.*')).toThrow('may not contain the wildcard "*"')
    expect(() => assertTopic('>')).toThrow('may not contain the wildcard ">"')
  })
})
