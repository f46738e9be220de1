import {
  type BinderReport,
  type EventStream,
  type InspectionRecord,
  inspectStream,
  type TabRole,
} from '@ssehub/client'
import { describeFrame } from './describeFrame'
import { linkDecisions } from './linkDecisions'
import { type PanelOptions, resolvePanelOptions } from './PanelOptions'
import type { PanelCounts, PanelEvent, PanelState, PanelStatusChange } from './PanelState'

/** The panel's model over one stream; see {@link createPanelStore}. */
export interface PanelStore {
  /** The state now; a new object after each change, so it can be compared by identity. */
  getState(): PanelState
  /** Calls `listener` after each change (synchronously: throttle the drawing, not the store). */
  subscribe(listener: () => void): () => void
  /** A paused panel keeps its rows and counts on; new rows are dropped (and counted) until it resumes. */
  setPaused(paused: boolean): void
  /** Empties the list, the timeline and the counts. */
  clear(): void
  /** Stops inspecting the stream and drops every listener and timer. Idempotent. */
  dispose(): void
}

const emptyCounts = (polling: boolean): PanelCounts => ({
  events: 0,
  refetches: 0,
  markedStale: 0,
  patched: 0,
  held: 0,
  pollingRequests: polling ? 0 : undefined,
  dropped: 0,
})

/**
 * Watches a stream through `inspectStream` and keeps what the panel shows, bounded: at most `maxEvents`
 * rows, `maxDataChars` of each event's data, `maxStatusChanges` status changes, whatever the stream
 * sends. Each binder's decisions are put on the frames that caused them. With `queryClient` or
 * `keysOnScreen`, it also counts what polling would have cost (one read a second, until `dispose`).
 */
export function createPanelStore(stream: EventStream<object>, options?: PanelOptions): PanelStore {
  const settings = resolvePanelOptions(options)
  const listeners = new Set<() => void>()
  let events: PanelEvent[] = []
  let statuses: PanelStatusChange[] = []
  let role: TabRole = { role: 'solo', tab: '' }
  let counts = emptyCounts(settings.keysOnScreen !== undefined)
  let types: string[] = []
  let paused = false
  let seq = 0
  let state: PanelState | undefined

  const changed = () => {
    state = undefined
    for (const listener of [...listeners]) listener()
  }

  const addEvent = (event: PanelEvent) => {
    if (!types.includes(event.type)) types = [...types, event.type]
    if (paused) {
      counts.dropped += 1
      return
    }
    events.push(event)
    // Trim in steps, so a flood costs one copy per fifth of the list rather than one per event.
    if (events.length > settings.maxEvents * 1.2) {
      const excess = events.length - settings.maxEvents
      counts.dropped += excess
      events = events.slice(excess)
    }
  }

  const countDecisions = (report: BinderReport) => {
    for (const { outcome } of report.decisions) {
      if (outcome === 'refetched') counts.refetches += 1
      else if (outcome === 'marked-stale') counts.markedStale += 1
      else if (outcome === 'patched') counts.patched += 1
      else if (outcome === 'held') counts.held += 1
    }
  }

  const onRecord = (record: InspectionRecord) => {
    if (record.kind === 'frame') {
      const { at, id, type, data } = record
      if (type !== 'cursor' && type !== 'connected') counts.events += 1
      const truncated = data.length > settings.maxDataChars
      addEvent({
        seq: ++seq,
        at,
        id,
        type,
        data: truncated ? data.slice(0, settings.maxDataChars) : data,
        truncated,
        description: describeFrame(type, data),
        decisions: [],
      })
    } else if (record.kind === 'status') {
      const { at, status, error, retry } = record
      const summary = error && { code: String(error.code), message: error.message, status: error.status }
      statuses.push({ at, status, error: summary, retry })
      if (statuses.length > settings.maxStatusChanges) statuses = statuses.slice(-settings.maxStatusChanges)
    } else if (record.kind === 'role') {
      const { role: part, tab, leaderTab } = record
      role = { role: part, tab, leaderTab }
    } else {
      countDecisions(record.report)
      if (record.report.notices.length > 0) {
        linkDecisions(events, record.report)
      } else if (record.report.decisions.length > 0) {
        // The storm guard's due refetch: a row of its own, since no frame caused it just now.
        const decisions = record.report.decisions.map(({ key, outcome, cause, kind, retryInMs }) => ({
          key,
          outcome,
          cause,
          kind,
          retryInMs,
        }))
        addEvent({
          seq: ++seq,
          at: record.at,
          id: undefined,
          type: '(trailing refetch)',
          data: '',
          truncated: false,
          description: { topics: [], lane: 'none', items: [], bytes: 0, approximate: false },
          decisions,
        })
      }
    }
    changed()
  }

  const stopInspecting = inspectStream(stream, onRecord)
  let lastSampleAt = Date.now()
  const sampler =
    settings.keysOnScreen &&
    setInterval(() => {
      const now = Date.now()
      let onScreen = 0
      try {
        onScreen = settings.keysOnScreen?.() ?? 0
      } catch {
        // A cache that can't be read this second counts as nothing on screen.
      }
      counts.pollingRequests =
        (counts.pollingRequests ?? 0) + (onScreen * (now - lastSampleAt)) / settings.pollingIntervalMs
      lastSampleAt = now
      changed()
    }, 1000)
  let disposed = false

  return {
    getState() {
      state ??= {
        events: [...events],
        statuses: [...statuses],
        role,
        counts: { ...counts },
        paused,
        types,
      }
      return state
    },
    subscribe(listener) {
      listeners.add(listener)
      return () => {
        listeners.delete(listener)
      }
    },
    setPaused(next) {
      if (paused === next) return
      paused = next
      changed()
    },
    clear() {
      events = []
      statuses = statuses.slice(-1)
      types = []
      counts = emptyCounts(settings.keysOnScreen !== undefined)
      lastSampleAt = Date.now()
      changed()
    },
    dispose() {
      if (disposed) return
      disposed = true
      stopInspecting()
      if (sampler) clearInterval(sampler)
      listeners.clear()
    },
  }
}
