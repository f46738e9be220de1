import type { BusMessage, HubEvent } from '../events'
import type { Bus } from './Bus'
import { createEpoch, formatMemoryEventId } from './eventId'

/** The single-node bus: ids `<epoch>-<seq>`, delivery synchronous inside `publish`. */
export interface MemoryBus extends Bus {
  readonly epoch: string
}

/**
 * The embedded default bus: one process, no external service. Events get ids `<epoch>-<seq>` with an
 * epoch random per start, so a `Last-Event-ID` from before a restart is recognised as foreign.
 */
export function memoryBus(): MemoryBus {
  const epoch = createEpoch()
  const subscribers = new Set<(event: HubEvent) => void>()
  let seq = 0
  return {
    epoch,
    publish(message: BusMessage) {
      seq += 1
      const event: HubEvent = { ...message, id: formatMemoryEventId(epoch, seq) }
      for (const subscriber of subscribers) subscriber(event)
      return Promise.resolve(event.id)
    },
    subscribe(onEvent) {
      subscribers.add(onEvent)
      return () => subscribers.delete(onEvent)
    },
    headId: () => formatMemoryEventId(epoch, seq),
    close() {
      subscribers.clear()
    },
  }
}
