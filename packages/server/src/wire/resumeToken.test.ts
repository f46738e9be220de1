import { describe, expect, it } from 'vitest'
import { formatResumeToken, newestSeen, parseResumeToken } from './resumeToken'

describe('resume tokens', () => {
  it('round-trips a two-part token and reads a plain id as it is', () => {
    expect(parseResumeToken(formatResumeToken('k3j9x0a1b2-4', 'k3j9x0a1b2-9'))).toEqual({
      after: 'k3j9x0a1b2-4',
      instantThrough: 'k3j9x0a1b2-9',
    })
    expect(parseResumeToken('1700000000000-0')).toEqual({ after: '1700000000000-0' })
  })

  it.each(['~', 'a~', '~b', 'a~b~c', 'garbage'])(
    'never throws on %j: an unknown after, which replay answers',
    (value) => {
      expect(parseResumeToken(value)).toEqual({ after: value })
    },
  )

  it('names the newest id the client has seen', () => {
    expect(newestSeen({ after: 'a', instantThrough: 'b' })).toBe('b')
    expect(newestSeen({ after: 'a' })).toBe('a')
  })
})
