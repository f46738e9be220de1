import { expect, it } from 'vitest'
import { type Logger, memoryReplay } from '../../src/index'
import { setupHub } from '../hubServer'
import { connect } from '../sse'

/**
 * The hub records every event the bus delivers, then routes it. A `ReplayStore` whose `record` throws (a
 * custom store whose database is down) made it skip the routing: no open stream got the event — on a bus
 * that logs its subscriber's errors (`@ssehub/redis`), without anyone being told. Live delivery does not
 * depend on the replay store: the failure is logged and the event still goes out.
 */
it('still delivers an event live when the replay store fails to record it, and logs the failure', async () => {
  const logged: string[] = []
  const record = (fields: Record<string, unknown>, message: string) =>
    logged.push(`${message}: ${(fields.err as Error | undefined)?.message}`)
  const logger: Logger = { error: record, warn: record, info() {}, debug() {} }
  const window = memoryReplay()
  const { hub, url } = await setupHub({
    logger,
    replay: {
      record() {
        throw new Error('replay database is down')
      },
      since: (lastEventId, headId, filter) => window.since(lastEventId, headId, filter),
    },
  })
  const stream = await connect(`${url}/events?topics=orders`)
  const id = await hub.invalidate('orders', { id: 'ord_1' })
  await stream.untilEvent('invalidate')
  expect(stream.events[1]).toMatchObject({
    id,
    event: 'invalidate',
    data: { resource: 'orders', id: 'ord_1' },
  })
  expect(logged).toEqual([expect.stringContaining('replay database is down')])
})
