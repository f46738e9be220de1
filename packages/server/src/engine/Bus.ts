import type { BusMessage, HubEvent } from '../events'

/**
 * The seam between `publish` and routing. The hub hands every published message to the bus and routes
 * whatever the bus delivers back, so one bus can feed the hubs of many nodes (`@ssehub/redis`).
 */
export interface Bus {
  /** Appends a message and resolves to the id it was given. Rejects (a `HubError`) when it can't. */
  publish(message: BusMessage): Promise<string>
  /** Receives every message in id order, this node's and others'. Returns an unsubscribe function. */
  subscribe(onEvent: (event: HubEvent) => void): () => void
  /** The id of the newest event delivered to subscribers: what a fresh `connected` frame carries. */
  headId(): string
  /**
   * Resolves once this node has delivered everything up to `lastEventId` (or gave up waiting), for a
   * client that resumes here with an id another node already served it. Without it, events between this
   * node's head and that id would be replayed and then delivered live again. Single-node buses omit it.
   */
  catchUp?(lastEventId: string): Promise<unknown>
  /** Releases connections and timers. */
  close(): void | Promise<void>
}
