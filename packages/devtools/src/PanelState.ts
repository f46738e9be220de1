import type { BinderDecision, EventStreamStatus, RetryPlan, TabRole } from '@ssehub/client'
import type { FrameDescription } from './describeFrame'

/** A binder decision as the panel keeps it: flattened to what it shows. */
export type PanelDecision = Pick<BinderDecision, 'key' | 'outcome' | 'cause' | 'kind' | 'retryInMs'>

/** One row of the event list: a frame, or a storm guard's trailing refetch (`type` `(trailing refetch)`). */
export interface PanelEvent {
  /** Arrival order in this panel, from 1. */
  seq: number
  at: number
  id: string | undefined
  type: string
  /** The raw data, cut at `maxDataChars` (then `truncated`). */
  data: string
  truncated: boolean
  description: FrameDescription
  /** What the binders did because of it, filled in when they flush (one animation frame later). */
  decisions: PanelDecision[]
}

/** One status change, with what the stream waits for. */
export interface PanelStatusChange {
  at: number
  status: EventStreamStatus
  error: { code: string; message: string; status: number | undefined } | undefined
  retry: RetryPlan | undefined
}

/** The totals since the panel opened (or was cleared): they keep counting while paused. */
export interface PanelCounts {
  /** Frames received, `cursor` and `connected` excluded. */
  events: number
  /** Keys the binders refetched: the requests the stream caused. */
  refetches: number
  markedStale: number
  patched: number
  held: number
  /**
   * Refetches polling every `pollingIntervalMs` would have made for the keys on screen over the same time;
   * `undefined` when the panel can't tell what is on screen (no `queryClient` or `keysOnScreen`).
   */
  pollingRequests: number | undefined
  /** Rows dropped from the list (past `maxEvents`, or while paused). */
  dropped: number
}

/** What the panel shows; see `createPanelStore`. */
export interface PanelState {
  events: readonly PanelEvent[]
  statuses: readonly PanelStatusChange[]
  role: TabRole
  counts: PanelCounts
  paused: boolean
  /** Every event type seen, for the type filter. */
  types: readonly string[]
}
