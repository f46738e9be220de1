import { describe, expect, it } from 'vitest'
import type { Logger } from '../../src/index'
import { setupHub } from '../hubServer'
import { TestStream } from '../sse'

const quiet: Logger = { error() {}, warn() {}, info() {}, debug() {} }

/**
 * A principal's `expiresAt` decides when its stream is rotated. An expiry already past opened a stream
 * and drained it at once (`connected`, then `drain`): the client came back within a second with the same
 * credential, for ever — where the ticket endpoint answers the same principal 401 `token_expired`. An
 * `expiresAt` that is not a number (NaN: a custom `authenticate` that parsed a date badly) switched
 * rotation off, `maxLifetimeMs` included, and left a task that never runs in the timer wheel.
 */
describe("a principal's expiresAt", () => {
  it('already past: the stream is refused 401 token_expired, as the ticket endpoint refuses it', async () => {
    const { hub, url } = await setupHub({
      authenticate: () => ({ metadata: {}, expiresAt: Date.now() - 60_000 }),
    })
    const answer = await fetch(`${url}/events?topics=orders`)
    expect(answer.status).toBe(401)
    expect(((await answer.json()) as { error: { code: string } }).error.code).toBe('token_expired')
    expect(hub.stats()).toMatchObject({ connections: 0, scheduledTasks: 0 })
  })

  it('not a finite number: a 500 that reveals nothing, never a stream that outlives maxLifetimeMs', async () => {
    const { hub, url } = await setupHub({
      maxLifetimeMs: 200,
      logger: quiet,
      authenticate: () => ({ metadata: {}, expiresAt: Number.NaN }),
    })
    const stream = new TestStream(`${url}/events?topics=orders`)
    await stream.ready
    // Given time to rotate (at 90–100 % of maxLifetimeMs), whatever it answered.
    await new Promise((resolve) => setTimeout(resolve, 600))
    stream.destroy()
    expect(stream.status).toBe(500)
    expect(JSON.parse(stream.body)).toEqual({ error: { code: 'internal', message: 'Internal error' } })
    expect(hub.stats()).toMatchObject({ connections: 0, scheduledTasks: 0 })
  })
})
