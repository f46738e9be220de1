import type { BinderReport } from '../bind/BinderDecision'
import type { EventStreamStatus } from '../createStatusStore'
import type { EventStreamError } from '../EventStreamError'

/**
 * Why the stream waits before its next attempt:
 * - `backoff`: the attempt failed (network, a 5xx without `Retry-After`, a silent connection…);
 * - `retry-after`: the server answered 429 or 503 with a `Retry-After`;
 * - `drain`: the server is going away and said when to come back.
 */
export type RetryCause = 'backoff' | 'retry-after' | 'drain'

/** A pending wait: how long, until when, and why. */
export interface RetryPlan {
  /** The wait as it was decided, in ms. */
  inMs: number
  /** When it ends, as `Date.now()` reads (for display: "retrying in 4 s"). */
  at: number
  cause: RetryCause
}

/**
 * This tab's part in a stream shared across tabs: `leader` holds the connection and relays it,
 * `follower` hears it from the leader, `solo` connects for itself (sharing off or unavailable).
 */
export interface TabRole {
  role: 'solo' | 'leader' | 'follower'
  /** This tab's random id, as the other tabs name it. */
  tab: string
  /** The id of the tab that leads, when this one follows and has heard from it. */
  leaderTab?: string
}

/**
 * One thing that happened to a stream, as devtools see it. `at` is `Date.now()` when it happened in
 * this tab. Records are handed out as they are made and never kept by the stream.
 */
export type InspectionRecord =
  /** A status change, or a new wait: `retry` is set while a wait is pending, unset while an attempt runs. */
  | {
      kind: 'status'
      at: number
      status: EventStreamStatus
      error: EventStreamError | undefined
      retry: RetryPlan | undefined
    }
  /** A frame as it came off the wire (or from the leader tab): `data` is the raw text, not parsed. */
  | { kind: 'frame'; at: number; id: string | undefined; type: string; data: string }
  /** The tab's role changed (a follower took the lead), or the leader's id became known. */
  | ({ kind: 'role'; at: number } & TabRole)
  /** What a cache binder bound to this stream did with a flush of events (see `BinderReport`). */
  | { kind: 'decisions'; at: number; report: BinderReport }

/** Receives every {@link InspectionRecord} of a stream. */
export type InspectionListener = (record: InspectionRecord) => void
