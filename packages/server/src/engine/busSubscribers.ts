import type { HubEvent } from '../events'
import type { BusGap, BusSubscriber } from './Bus'

/** The subscribers of a bus, each shielded from the others: one that throws is logged, never allowed to stop delivery. */
export interface BusSubscribers {
  /** What `Bus.subscribe` returns: adds `subscriber`, and the function that removes it. */
  subscribe(subscriber: BusSubscriber): () => void
  event(event: HubEvent): void
  gap(gap: BusGap): void
  clear(): void
}

/** For engine authors: the subscriber set behind `Bus.subscribe`, logging as `label` (`'[ssehub/redis]'`). */
export function busSubscribers(label: string): BusSubscribers {
  const subscribers = new Set<BusSubscriber>()
  function each(deliver: (subscriber: BusSubscriber) => void): void {
    for (const subscriber of subscribers) {
      try {
        deliver(subscriber)
      } catch (error) {
        console.error(`${label} a bus subscriber threw`, error)
      }
    }
  }
  return {
    subscribe(subscriber) {
      subscribers.add(subscriber)
      return () => subscribers.delete(subscriber)
    },
    event: (event) => each((subscriber) => subscriber.onEvent(event)),
    gap: (gap) => each((subscriber) => subscriber.onGap(gap)),
    clear: () => subscribers.clear(),
  }
}
