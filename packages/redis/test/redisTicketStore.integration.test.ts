import { HubError } from '@ssehub/server'
import { isTicketId } from '@ssehub/server/engine'
import { Redis } from 'ioredis'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { redisTicketStore } from '../src/index'
import { describeWithRedis, RedisServer } from './redisServer'

describeWithRedis('redisTicketStore', () => {
  let server: RedisServer
  let nodeA: Redis
  let nodeB: Redis

  beforeAll(async () => {
    server = await RedisServer.start()
    nodeA = new Redis(server.url)
    nodeB = new Redis(server.url)
  })
  afterAll(async () => {
    nodeA?.disconnect()
    nodeB?.disconnect()
    await server?.destroy()
  })

  const principal = {
    metadata: { tenant_id: 't1', user_id: 'u1' },
    allowedTopics: ['orders.>'],
    expiresAt: Date.now() + 60_000,
  }

  it('issues on one node and is spent once on another', async () => {
    const a = redisTicketStore({ redis: nodeA })
    const b = redisTicketStore({ redis: nodeB })
    const before = Date.now()
    const { ticket, expiresAt } = await a.issue(principal, 30_000)
    expect(isTicketId(ticket)).toBe(true)
    expect(expiresAt).toBeGreaterThanOrEqual(before + 30_000)
    expect(await nodeA.pttl(`ssehub:ticket:${ticket}`)).toBeGreaterThan(29_000)
    expect(await b.consume(ticket)).toEqual(principal)
    expect(await b.consume(ticket)).toBeUndefined()
    expect(await a.consume(ticket)).toBeUndefined()
  })

  it('gives a ticket to exactly one of many nodes racing for it', async () => {
    const stores = [nodeA, nodeB, nodeA, nodeB].map((redis) => redisTicketStore({ redis }))
    const { ticket } = await stores[0]!.issue(principal, 30_000)
    const results = await Promise.all(
      stores.flatMap((store) => [store.consume(ticket), store.consume(ticket)]),
    )
    expect(results.filter((result) => result !== undefined)).toEqual([principal])
  })

  it('lets a ticket expire on its own', async () => {
    const store = redisTicketStore({ redis: nodeA, keyPrefix: 'short:' })
    const { ticket } = await store.issue({ metadata: {} }, 50)
    await new Promise((resolve) => setTimeout(resolve, 120))
    expect(await store.consume(ticket)).toBeUndefined()
    expect(await nodeA.exists(`short:${ticket}`)).toBe(0)
  })

  it('never sends a malformed ticket to Redis, and rejects stored values that are not principals', async () => {
    const store = redisTicketStore({ redis: nodeA })
    const monitor = await nodeB.monitor()
    const commands: string[] = []
    monitor.on('monitor', (_time: string, args: string[]) => commands.push(args.join(' ')))
    for (const junk of ['', 'short', 'x'.repeat(44), '../../etc/passwd', `${'a'.repeat(42)}*`]) {
      expect(await store.consume(junk)).toBeUndefined()
    }
    const forged = 'A'.repeat(43)
    await nodeA.set(`ssehub:ticket:${forged}`, JSON.stringify({ metadata: { tenant_id: 1 } }))
    expect(await store.consume(forged)).toBeUndefined()
    await nodeA.ping()
    // MONITOR shows commands in the order Redis ran them: once it shows the PING, it showed the rest.
    for (let i = 0; i < 100 && !commands.includes('ping'); i++) await new Promise((r) => setTimeout(r, 10))
    monitor.disconnect()
    expect(commands.filter((command) => command.startsWith('getdel'))).toEqual([
      `getdel ssehub:ticket:${forged}`,
    ])
  })

  it('fails with a 503 HubError while Redis is unreachable', async () => {
    const broken = new Redis({ port: 1, host: '127.0.0.1', retryStrategy: () => 1000 })
    broken.on('error', () => {})
    await new Promise((resolve) => broken.once('reconnecting', resolve))
    const store = redisTicketStore({ redis: broken })
    await expect(store.issue(principal, 1000)).rejects.toMatchObject({
      code: 'auth_unavailable',
      status: 503,
    })
    await expect(store.consume('A'.repeat(43))).rejects.toBeInstanceOf(HubError)
    broken.disconnect()
  })
})
