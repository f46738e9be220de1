// The Redis engine, wired as its README says.
import { redisBus, redisReplay, redisTicketStore } from '@ssehub/redis'
import { createHub, type Hub } from '@ssehub/server'
import { Redis } from 'ioredis'

export function createRedisHub(url: string): Hub {
  const redis = new Redis(url, { lazyConnect: true })
  return createHub({
    bus: redisBus({ redis, stream: 'ssehub:events' }),
    replay: redisReplay({ redis, stream: 'ssehub:events' }),
    tickets: redisTicketStore({ redis }),
  })
}
