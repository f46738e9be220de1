import { afterAll, afterEach, beforeAll, beforeEach, vi } from 'vitest'
import { createEventStream } from '../../src/createEventStream'
import type { EventStreamOptions } from '../../src/EventStreamOptions'
import { createMockHub, settle, streamUrl } from './mockHub'

/**
 * Registers the hooks of a fake-time suite against the mock hub: fake `setTimeout`/`Date`, and
 * `Math.random` at 1, the top of every jitter range, so each wait is exactly its ceiling unless a test
 * says otherwise. Returns the hub, a stream factory and `advance(ms)`.
 */
export function useFakeTimeHub() {
  const hub = createMockHub()
  beforeAll(() => hub.server.listen({ onUnhandledRequest: 'error' }))
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] })
    vi.spyOn(Math, 'random').mockReturnValue(1)
  })
  afterEach(() => {
    hub.server.resetHandlers()
    hub.reset()
    vi.useRealTimers()
    vi.restoreAllMocks()
    vi.unstubAllGlobals()
  })
  afterAll(() => hub.server.close())

  return {
    hub,
    open: (options: Partial<EventStreamOptions> = {}) =>
      createEventStream({ url: streamUrl, topics: ['orders'], ...options }),
    /** Moves fake time forward and lets the requests that fall due reach the mock hub. */
    async advance(ms: number) {
      await vi.advanceTimersByTimeAsync(ms)
      await settle()
    },
  }
}
