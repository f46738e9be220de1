import type { BusMessage, HubEvent } from '../events'
import { HubError } from '../HubError'
import type { Bus, BusSubscriber } from './Bus'
import { createEpoch, formatMemoryEventId } from './eventId'

/** The single-node bus: ids `<epoch>-<seq>`, delivery synchronous inside `publish`. */
export interface MemoryBus extends Bus {
  readonly epoch: string
}

/**
 * The embedded default bus: one process, no external service. Events get ids `<epoch>-<seq>` with an
 * epoch random per start, so a `Last-Event-ID` from before a restart is recognised as foreign. One
 * process holds the whole stream, so it never has a gap to report; after `close`, `publish` rejects.
 */
export function memoryBus(): MemoryBus {
  const epoch = createEpoch()
  const subscribers = new Set<BusSubscriber>()
  let seq = 0
  let closed = false
  return {
    epoch,
    publish(message: BusMessage) {
      if (closed) {
        return Promise.reject(
          new HubError('engine_unavailable', 'The memory bus is closed: the event was not published', {
            status: 503,
            retryAfterSec: 1,
          }),
        )
      }
      seq += 1
      const event: HubEvent = { ...message, id: formatMemoryEventId(epoch, seq) }
      for (const subscriber of subscribers) subscriber.onEvent(event)
      return Promise.resolve(event.id)
    },
    subscribe(subscriber) {
      subscribers.add(subscriber)
      return () => subscribers.delete(subscriber)
    },
    headId: () => formatMemoryEventId(epoch, seq),
    close() {
      closed = true
      subscribers.clear()
    },
  }
}
