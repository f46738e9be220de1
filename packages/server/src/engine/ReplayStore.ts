import type { HubEvent, ResyncReason } from '../events'

/** What a resume can send: every missed event that matches, or a `resync` reason when it can't. */
export type ReplayResult = { events: HubEvent[] } | { resync: Exclude<ResyncReason, 'overflow'> }

/**
 * Where the hub finds the events a reconnecting client missed. The memory store keeps recent events
 * itself; the Redis and Postgres stores read them back from the shared log, on whichever node the
 * client reached.
 *
 * `since` never guesses: every event after `lastEventId` that `filter` accepts (the live filter, topic
 * AND group, so a replay never crosses tenants), or a resync reason. `replay-gap` when some of them are
 * gone (trimmed by count or age, too many to replay, a failed publish or a gap the bus reported lies in
 * between, the store could not be read); `epoch` when `lastEventId` is not one of this stream's ids
 * (malformed, another deployment's, from before the store lost its data). It never throws for a bad id.
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
