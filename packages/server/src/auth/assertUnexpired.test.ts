import { describe, expect, it } from 'vitest'
import { HubError } from '../HubError'
import { assertUnexpired } from './assertUnexpired'

describe('assertUnexpired', () => {
  const now = 1_000_000
  it('passes a principal without expiresAt, or one that expires later (or never)', () => {
    expect(() => assertUnexpired({ metadata: {} }, now)).not.toThrow()
    expect(() => assertUnexpired({ metadata: {}, expiresAt: now + 1 }, now)).not.toThrow()
    expect(() => assertUnexpired({ metadata: {}, expiresAt: Number.POSITIVE_INFINITY }, now)).not.toThrow()
  })

  it('refuses an expired one with 401 token_expired', () => {
    for (const expiresAt of [now, now - 1, 0]) {
      expect(() => assertUnexpired({ metadata: {}, expiresAt }, now)).toThrow(
        expect.objectContaining({ code: 'token_expired', status: 401 }),
      )
    }
  })

  it('calls an expiresAt that is not a number, or NaN, a server error', () => {
    for (const expiresAt of [Number.NaN, '2030-01-01' as unknown as number]) {
      const error = (() => {
        try {
          assertUnexpired({ metadata: {}, expiresAt }, now)
        } catch (caught) {
          return caught
        }
      })()
      expect(error).toBeInstanceOf(HubError)
      expect(error).toMatchObject({ code: 'invalid_principal', status: 500 })
    }
  })
})
