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
 * Every open connection, indexed by pattern — once for all, and once more in its tenant's own index.
 * Routing visits only the connections whose patterns match one of the event's topics (and, for an event
 * grouped by tenant, only that tenant's: another tenant's connections cost it nothing), delivers at most
 * once to each, and encodes the frame only if someone gets it.
 */
export class Router {
  readonly connections = new Map<string, Connection>()
  readonly #index = new TopicIndex<Connection>()
  readonly #byTenant = new Map<string, TopicIndex<Connection>>()
  readonly #tenantKey: string
  readonly #observer: Pick<DeliveryObserver, 'onDelivered'>
  #pass = 0

  /** `tenantKey`: the metadata key that names a connection's tenant. */
  constructor(observer: Pick<DeliveryObserver, 'onDelivered'>, tenantKey = 'tenant_id') {
    this.#observer = observer
    this.#tenantKey = tenantKey
  }

  add(connection: Connection): void {
    this.connections.set(connection.id, connection)
    const tenant = connection.metadata[this.#tenantKey]
    const tenantIndex = tenant === undefined ? undefined : this.#tenantIndex(tenant)
    for (const pattern of connection.topics) {
      this.#index.add(pattern, connection)
      tenantIndex?.add(pattern, connection)
    }
  }

  #tenantIndex(tenant: string): TopicIndex<Connection> {
    let index = this.#byTenant.get(tenant)
    if (!index) {
      index = new TopicIndex()
      this.#byTenant.set(tenant, index)
    }
    return index
  }

  /** Removes `connection`; returns whether it was there. */
  remove(connection: Connection): boolean {
    if (!this.connections.delete(connection.id)) return false
    const tenant = connection.metadata[this.#tenantKey]
    const tenantIndex = tenant === undefined ? undefined : this.#byTenant.get(tenant)
    for (const pattern of connection.topics) {
      this.#index.remove(pattern, connection)
      tenantIndex?.remove(pattern, connection)
    }
    if (tenantIndex?.isEmpty) this.#byTenant.delete(tenant!)
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
    // An event for one tenant only looks among that tenant's connections.
    const tenant = event.group?.[this.#tenantKey]
    const index = tenant === undefined ? this.#index : this.#byTenant.get(tenant)
    if (index) for (const topic of event.topics) index.match(topic, visit)
    if (written > 0) this.#observer.onDelivered('instant', written)
    return reached
  }
}
