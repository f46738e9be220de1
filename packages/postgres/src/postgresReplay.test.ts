import type { Pool } from 'pg'
import { describe, expect, it } from 'vitest'
import { postgresReplay } from './postgresReplay'

describe('postgresReplay options', () => {
  it('refuses maxReplay, renamed maxEvents, rather than fall back to the default', () => {
    expect(() => postgresReplay({ pool: {} as Pool, maxReplay: 500 } as never)).toThrow(
      expect.objectContaining({
        code: 'invalid_option',
        status: 500,
        message: 'postgresReplay: maxReplay was renamed maxEvents',
      }),
    )
  })
})
