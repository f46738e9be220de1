import type { BusMessage, HubEvent } from '../events'

/**
 * A break in what a bus can vouch for: events may have been published that it never delivered (entries
 * trimmed before it read them, a lagging reader, a reconnect whose position it cannot prove), or the
 * stream it reads was reset or replaced (ids started over, a store that came back empty).
 */
export interface BusGap {
  /** `replay-gap`: some events may be missing; `epoch`: the stream itself is new. */
  reason: 'replay-gap' | 'epoch'
  /** What happened, for logs (never sent to clients). */
  detail?: string
}

/** What the hub gives `Bus.subscribe`. */
export interface BusSubscriber {
  /** Every delivered event, in id order. */
  onEvent(event: HubEvent): void
  /**
   * The bus cannot vouch for continuity since its last delivered event. Called before any event that
   * follows the break; the hub then owes every connection a `resync` that precedes anything newer.
   */
  onGap(gap: BusGap): void
}

/**
 * The seam between `publish` and routing. The hub hands every published message to the bus and routes
 * whatever the bus delivers back, so one bus can feed the hubs of many nodes (`@ssehub/redis`).
 *
 * **Continuity is part of the contract.** A bus delivers every event in id order, or reports a gap
 * (`onGap`) before the first event after it. Publishing while the engine is unreachable rejects with a
 * `HubError` (`engine_unavailable`, status 503); when it is reachable again the bus reports a gap, so that
 * clients refetch what a failed publish could not tell them.
 */
export interface Bus {
  /** Appends a message and resolves to the id it was given. Rejects (a `HubError`) when it can't. */
  publish(message: BusMessage): Promise<string>
  /** Receives every message in id order, this node's and others', and every gap. Returns an unsubscribe function. */
  subscribe(subscriber: BusSubscriber): () => void
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
