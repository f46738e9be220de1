import { expect, it } from 'vitest'
import { useTwoNodes } from './node'
import { describeWithRedis } from './redisServer'

describeWithRedis('the Redis bus reports its health in hub.stats()', () => {
  const cluster = useTwoNodes({ stream: 'ssehub:health' })

  it('up with the read lag while Redis answers, down while it is away, up again after', async () => {
    const { redis, a, b } = cluster
    await a.hub.invalidate('orders', { id: 'o1' })
    await waitFor(() => b.hub.stats().engine?.lagMs !== undefined)
    expect(b.hub.stats().engine).toMatchObject({ engine: 'redis', state: 'up' })
    expect(b.hub.stats().engine?.lagMs).toBeGreaterThanOrEqual(0)
    expect(b.hub.stats().engine?.lagMs).toBeLessThan(60_000)

    await redis.stop()
    await waitFor(() => a.hub.stats().engine?.state === 'down')
    await redis.start()
    await waitFor(() => a.hub.stats().engine?.state === 'up', 15_000)
  })
})

async function waitFor(check: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out')
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}
