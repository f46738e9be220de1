import type { HubEvent, ResyncReason } from '../events'

/** What a resume can send: every missed event that matches, or a `resync` reason when it can't. */
export type ReplayResult = { events: HubEvent[] } | { resync: Exclude<ResyncReason, 'overflow'> }

/**
 * Where the hub finds the events a reconnecting client missed. The memory store keeps recent events
 * itself; a Redis store reads them back from the stream.
 */
export interface ReplayStore {
  /** Called by the hub for every event the bus delivers, in id order. */
  record(event: HubEvent): void
  /**
   * The events after `lastEventId` up to `headId` that `filter` accepts, in id order, or a resync reason
   * when some events after `lastEventId` are no longer known or the id is not one of this stream's.
   */
  since(
    lastEventId: string,
    headId: string,
    filter: (event: HubEvent) => boolean,
  ): ReplayResult | Promise<ReplayResult>
  close?(): void | Promise<void>
}
