/** Delivery lane of an event (DESIGN §2). */
export type Lane = 'instant' | 'batched' | 'coalesced'

/** The lanes, in the order their counters are reported. */
export const LANES: readonly Lane[] = ['instant', 'batched', 'coalesced']

/** A selector on connection metadata: an event with a group reaches only connections having every pair. */
export type Group = Readonly<Record<string, string>>

/** What `publish` sends through the bus: everything routing needs, and nothing it can't serialize. */
export interface BusMessage {
  type: string
  topics: readonly string[]
  /** The payload, already JSON-encoded (encoded once, on the publishing node). */
  data: string
  lane: Lane
  coalesceKey?: string
  group?: Group
  /** Not written when older than this at its flush (or replay). */
  ttlMs?: number
  /** Coalesce key whose pending frame this event makes stale (a `complete` after `progress`). */
  supersedes?: string
  /** Epoch ms at publish, for TTL and latency. */
  publishedAt: number
}

/** A message the bus has given an id: the unit of routing and replay. */
export interface HubEvent extends BusMessage {
  id: string
}

/** Reasons a connection is told to `resync` (the protocol's). */
export type { ResyncReason } from '@ssehub/protocol'

/** Whether `metadata` has every pair of `group` (an absent group selects everyone). */
export function groupMatches(group: Group | undefined, metadata: Readonly<Record<string, string>>): boolean {
  if (!group) return true
  for (const key in group) {
    if (metadata[key] !== group[key]) return false
  }
  return true
}

/** Whether `event` has outlived its `ttlMs` at `now`. */
export function isExpired(event: BusMessage, now: number): boolean {
  return event.ttlMs !== undefined && now - event.publishedAt > event.ttlMs
}
