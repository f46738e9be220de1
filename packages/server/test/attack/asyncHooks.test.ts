import { afterEach, beforeEach, expect, it } from 'vitest'
import type { Logger } from '../../src/index'
import { setupHub } from '../hubServer'
import { connect, eventually } from '../sse'

/**
 * A hook written `async` (an audit log, a presence update) is the usual way to write one, and TypeScript
 * takes it where `=> void` is asked for. Its rejection is its throw: logged like a synchronous one, never
 * an unhandled rejection, which ends a Node process by default — on every disconnect, for every client.
 */
const unhandled: unknown[] = []
const onUnhandled = (reason: unknown) => unhandled.push(reason)
beforeEach(() => {
  unhandled.length = 0
  process.on('unhandledRejection', onUnhandled)
})
afterEach(() => {
  process.off('unhandledRejection', onUnhandled)
})

function capturingLogger(lines: string[]): Logger {
  const record = (fields: Record<string, unknown>, message: string) =>
    lines.push(`${message}: ${(fields.err as Error | undefined)?.message}`)
  return { error: record, warn: record, info: record, debug: record }
}

it('logs an async onDisconnect, onPause and onResume that reject, and leaves no rejection unhandled', async () => {
  const logged: string[] = []
  const failing = (what: string) => async () => {
    await Promise.resolve()
    throw new Error(`${what} is down`)
  }
  const { hub, url } = await setupHub({
    logger: capturingLogger(logged),
    onDisconnect: failing('the audit log'),
    onPause: failing('presence'),
    onResume: failing('presence'),
  })
  const stream = await connect(`${url}/events?topics=orders`)
  const { connectionId } = stream.events[0]!.data as { connectionId: string }
  hub.setPaused(connectionId, true)
  hub.setPaused(connectionId, false)
  stream.destroy()
  await eventually(() => hub.stats().connections === 0)
  await eventually(() => logged.length === 3)
  expect(logged).toEqual([
    '[ssehub] onPause threw: presence is down',
    '[ssehub] onResume threw: presence is down',
    '[ssehub] onDisconnect threw: the audit log is down',
  ])
  await new Promise((resolve) => setTimeout(resolve, 50))
  expect(unhandled).toEqual([])
})
