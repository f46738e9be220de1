/** One domain change, the data of an `invalidate` event and each item of a `batch`. */
export interface InvalidationData {
  /** The kind of record, the first token of its topic: `orders`. */
  resource: string
  /**
   * The record that changed. A number and its decimal string are the same id: `5` and `'5'` both match
   * the query keys `['orders', 5]` and `['orders', '5']`.
   */
  id?: string | number
  /** What happened, e.g. `created`, `updated`, `deleted`. */
  action?: string
  /** Data the server chose to send along, e.g. the changed fields, for a cache to merge. */
  hint?: unknown
}

/** Why a client must treat everything its stream covers as stale. */
export type ResyncReason =
  /** The events after its `Last-Event-ID` can no longer be replayed (trimmed, too many, lost by an engine). */
  | 'replay-gap'
  /** The hub's history was replaced (an engine reset, a new epoch): ids before it mean nothing now. */
  | 'epoch'
  /** The connection fell so far behind that events were dropped for it. */
  | 'overflow'

/** The data of a `progress` event. */
export interface ProgressData {
  /** The kind of job, e.g. `imports`. */
  resource: string
  /** The job. A number and its decimal string are the same id. */
  id: string | number
  /** Units done. */
  current: number
  /** Units in all. */
  total: number
  /** `current / total` in percent, floored to one decimal: 100 means done. */
  pct: number
}

/** The data of a `complete` event: the task is over, and its progress will not be sent again. */
export interface CompleteData {
  /** The kind of job, e.g. `imports`. */
  resource: string
  /** The job. A number and its decimal string are the same id. */
  id: string | number
  /** How it ended. */
  status: 'completed' | 'failed'
  /** Data the server chose to send along, e.g. the job's result. */
  hint?: unknown
}

/** The data of the `connected` event every stream starts with. */
export interface ConnectedData {
  /** The hub's id of this connection (as in its stats and logs). */
  connectionId: string
  /** The topic patterns the stream is subscribed to, after `onConnect`. */
  topics: string[]
  /** The hub sends a byte at least this often; a client reconnects after twice this without one. */
  heartbeatMs: number
  /** Whether the events since the client's `Last-Event-ID` were replayed. */
  resumed: boolean
}

/**
 * The events every hub sends, by SSE `event:` name, with their data. A `cursor` frame (an `id:` with
 * no data) only moves the resume point and is not an event.
 */
export interface ProtocolEvents {
  /** The stream is open (sent after any replay): where it resumes from, and its heartbeat. */
  connected: ConnectedData
  /** One domain change: refetch what it concerns. */
  invalidate: InvalidationData
  /** Several domain changes at once, in one frame. */
  batch: InvalidationData[]
  /** Where a long job stands (coalesced: only the latest reaches a slow client). */
  progress: ProgressData
  /** A long job ended. */
  complete: CompleteData
  /** "Something under this topic changed, refetch it." */
  signal: { topic: string }
  /** Events may have been missed: treat everything the stream covers as stale. */
  resync: { reason: ResyncReason }
  /** The server is going away; reconnect after `reconnectInMs`, resuming from the last id. */
  drain: { reconnectInMs: number }
}

/** Event types only the protocol may send: `hub.publish` refuses them with `reserved_type`. */
export type ReservedEventType = 'connected' | 'resync' | 'drain' | 'cursor'
