import { describe, expect, it } from 'vitest'
import { durableObjectEngine } from './durableObjectEngine'
import type { ObjectStorage } from './SqlStorage'

describe('durableObjectEngine options', () => {
  it('refuses prefix, renamed tablePrefix, rather than put two hubs in the default tables', () => {
    // Refused before the storage is touched.
    expect(() => durableObjectEngine({} as ObjectStorage, { prefix: 'orders' } as never)).toThrow(
      expect.objectContaining({
        code: 'invalid_option',
        status: 500,
        message: 'durableObjectEngine: prefix was renamed tablePrefix',
      }),
    )
  })
})
