/** One domain change in an `invalidate` frame or a `batch`. */
export interface InvalidationData {
  resource: string
  /**
   * The record that changed. The hub sends strings; a number (from another server, or a test) is the same
   * id to the binders: `5` and `'5'` both match the query key `['orders', 5]` and `['orders', '5']`.
   */
  id?: string | number
  action?: string
  /** Data the server chose to send along, e.g. the changed fields, for a cache to merge. */
  hint?: unknown
}

/** The events every hub sends, with their data. They are always typed, whatever your own event map says. */
export interface ProtocolEvents {
  connected: { connectionId: string; topics: string[]; heartbeatMs: number; resumed: boolean }
  invalidate: InvalidationData
  batch: InvalidationData[]
  progress: { resource: string; id: string; current: number; total: number; pct: number }
  complete: { resource: string; id: string; status: 'completed' | 'failed'; hint?: unknown }
  signal: { topic: string }
  /** Events may have been missed: treat everything the stream covers as stale. */
  resync: { reason: 'replay-gap' | 'epoch' | 'overflow' }
  /** The server is going away; the stream resumes by itself after `reconnectInMs`. */
  drain: { reconnectInMs: number }
}

/** Your event map (event name → data type) joined with the {@link ProtocolEvents}. */
export type StreamEvents<Events extends object> = Omit<Events, keyof ProtocolEvents> & ProtocolEvents

/** What a handler gets beside the data. */
export interface EventMeta<Type extends string = string> {
  /** The event id, what a reconnect resumes from. */
  id: string | undefined
  type: Type
}

/** A handler for events of `Type`. */
export type EventHandler<Events extends object, Type extends keyof StreamEvents<Events> & string> = (
  data: StreamEvents<Events>[Type],
  meta: EventMeta<Type>,
) => void
