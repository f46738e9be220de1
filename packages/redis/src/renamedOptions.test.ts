import type { Redis } from 'ioredis'
import { describe, expect, it } from 'vitest'
import { redisBus } from './redisBus'
import { redisReplay } from './redisReplay'
import { redisTicketStore } from './redisTicketStore'

// Refused before the client is touched: a stand-in that would throw on any use.
const redis = {} as Redis

describe('options renamed in 1.0', () => {
  it.each([
    ['redisBus', () => redisBus({ redis, maxLen: 500 } as never), 'redisBus: maxLen was renamed maxEvents'],
    [
      'redisReplay',
      () => redisReplay({ redis, maxReplay: 500 } as never),
      'redisReplay: maxReplay was renamed maxEvents',
    ],
    [
      'redisTicketStore',
      () => redisTicketStore({ redis, prefix: 'app1:' } as never),
      'redisTicketStore: prefix was renamed keyPrefix',
    ],
  ])('%s refuses the old name rather than fall back to the default', (_, create, message) => {
    expect(create).toThrow(expect.objectContaining({ code: 'invalid_option', status: 500, message }))
  })
})
