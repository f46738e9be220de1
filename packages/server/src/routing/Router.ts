import type { Connection } from '../delivery/Connection'
import type { DeliveryObserver } from '../delivery/DeliveryObserver'
import { RoutedFrame } from '../delivery/RoutedFrame'
import { groupMatches, type HubEvent } from '../events'
import { TopicIndex } from './TopicIndex'
import { matchesPattern } from './topics'

/** Whether `event` is for `connection`: one of its topics matches a pattern AND its group matches. */
export function eventMatches(event: HubEvent, connection: Connection): boolean {
  if (!groupMatches(event.group, connection.metadata)) return false
  return event.topics.some((topic) => connection.topics.some((pattern) => matchesPattern(pattern, topic)))
}

/**
 * Every open connection, indexed by pattern. Routing visits only the connections whose patterns match
 * one of the event's topics, delivers at most once to each, and encodes the frame only if someone gets it.
 */
export class Router {
  readonly connections = new Map<string, Connection>()
  readonly #index = new TopicIndex<Connection>()
  readonly #observer: Pick<DeliveryObserver, 'onDelivered'>
  #pass = 0

  constructor(observer: Pick<DeliveryObserver, 'onDelivered'>) {
    this.#observer = observer
  }

  add(connection: Connection): void {
    this.connections.set(connection.id, connection)
    for (const pattern of connection.topics) this.#index.add(pattern, connection)
  }

  /** Removes `connection`; returns whether it was there. */
  remove(connection: Connection): boolean {
    if (!this.connections.delete(connection.id)) return false
    for (const pattern of connection.topics) this.#index.remove(pattern, connection)
    return true
  }

  /** Delivers `event` to every matching connection; returns how many it reached. */
  route(event: HubEvent): number {
    const pass = ++this.#pass
    const now = performance.now()
    let frame: RoutedFrame | undefined
    let reached = 0
    let written = 0
    const visit = (connection: Connection) => {
      if (connection.routeMark === pass) return
      connection.routeMark = pass
      if (!groupMatches(event.group, connection.metadata)) return
      frame ??= new RoutedFrame(event)
      if (connection.deliver(frame, now)) written += 1
      reached += 1
    }
    for (const topic of event.topics) this.#index.match(topic, visit)
    if (written > 0) this.#observer.onDelivered('instant', written)
    return reached
  }
}
