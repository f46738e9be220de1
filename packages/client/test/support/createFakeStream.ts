import type { EventStream, EventStreamStatus, RetryPlan } from '../../src/index'

type Handler = (data: unknown, meta: { id: string | undefined; type: string }) => void

/**
 * An {@link EventStream} driven by hand, for binder and hook tests: `emit` plays a frame, `setStatus` a
 * status change, and `listenerCount` tells whether everything that subscribed also let go.
 */
export function createFakeStream<Events extends object = Record<never, never>>(
  topics: readonly string[] = ['orders'],
) {
  const handlers = new Map<string, Set<Handler>>()
  const statusListeners = new Set<(status: EventStreamStatus) => void>()
  let status: EventStreamStatus = 'connecting'
  let lastEventId: string | undefined
  let retry: RetryPlan | undefined
  let sequence = 0
  const stream: EventStream<Events> = {
    on(type, handler) {
      const set = handlers.get(type) ?? new Set()
      handlers.set(type, set)
      const entry: Handler = (data, meta) => (handler as Handler)(data, meta)
      set.add(entry)
      return () => void set.delete(entry)
    },
    get status() {
      return status
    },
    error: undefined,
    get retry() {
      return retry
    },
    get lastEventId() {
      return lastEventId
    },
    topics: Object.freeze([...topics]),
    subscribe(listener) {
      statusListeners.add(listener)
      return () => void statusListeners.delete(listener)
    },
    close: () => fake.setStatus('closed'),
  }
  const fake = {
    stream,
    /** Delivers one event to its handlers, with a fresh id unless given one. */
    emit(type: string, data: unknown, id = `e-${++sequence}`) {
      lastEventId = id
      for (const handler of [...(handlers.get(type) ?? [])]) handler(data, { id, type })
      // As the real stream does: handlers first, then the store announces the new id.
      for (const listener of [...statusListeners]) listener(status)
    },
    /** A status change, with the wait before the next attempt when there is one. */
    setStatus(next: EventStreamStatus, nextRetry?: RetryPlan) {
      status = next
      retry = nextRetry
      for (const listener of [...statusListeners]) listener(next)
    },
    /** Event handlers plus status listeners still attached. */
    listenerCount() {
      let count = statusListeners.size
      for (const set of handlers.values()) count += set.size
      return count
    },
  }
  return fake
}
