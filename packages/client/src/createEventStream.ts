import { resolveUrl } from './buildStreamUrl'
import { type Connection, connectWithRetry } from './connectWithRetry'
import { createEmitter } from './createEmitter'
import { createStatusStore, type EventStreamStatus } from './createStatusStore'
import { EventStreamError } from './EventStreamError'
import type { EventStreamOptions } from './EventStreamOptions'
import type { InspectionRecord, RetryPlan, TabRole } from './inspect/InspectionRecord'
import { attachInspector, type StreamInspector } from './inspect/StreamInspector'
import type { StreamFrame } from './readEventStream'
import type { EventHandler, StreamEvents } from './StreamEvents'
import { canShareAcrossTabs, shareAcrossTabs } from './shareAcrossTabs'
import { validateOptions } from './validateOptions'

/** A live, reconnecting event stream; see {@link createEventStream}. */
export interface EventStream<Events extends object = Record<never, never>> {
  /**
   * Calls `handler(data, { id, type })` for every event of `type`; `data` is the parsed JSON payload (the
   * raw string if it is not JSON). Returns the function that removes the handler.
   */
  on<Type extends keyof StreamEvents<Events> & string>(
    type: Type,
    handler: EventHandler<Events, Type>,
  ): () => void
  /** `connecting` → `open` ⇄ `reconnecting` → `closed`. */
  readonly status: EventStreamStatus
  /** The error behind the current `connecting`/`reconnecting` wait or the `closed` state; cleared when open. */
  readonly error: EventStreamError | undefined
  /**
   * The wait before the next attempt, while there is one: its length, when it ends (`Date.now()` time)
   * and why (`backoff`, the server's `retry-after`, a `drain`). `undefined` while open, while an attempt
   * is under way, and once closed. For a "reconnecting in 4 s" badge.
   */
  readonly retry: RetryPlan | undefined
  /** The id of the last event received: what the next connection resumes from. */
  readonly lastEventId: string | undefined
  /** The topic patterns this stream subscribes to. */
  readonly topics: readonly string[]
  /** Calls `listener` on every change of `status`, `error` or `lastEventId`; returns the unsubscribe function. */
  subscribe(listener: (status: EventStreamStatus) => void): () => void
  /** Disconnects for good and drops every handler, listener, timer and lock. Idempotent. */
  close(): void
}

/**
 * Opens a reconnecting Server-Sent Events stream on `fetch`, in browsers and in Node: headers and
 * tickets on every attempt, `Last-Event-ID` resume, backoff with full jitter, a heartbeat watchdog, and
 * optionally one connection shared by every tab of the origin.
 *
 * @example
 * const stream = createEventStream<{ 'order.shipped': { id: string } }>({ url: '/events', topics: ['orders'] })
 * const off = stream.on('invalidate', ({ resource, id }) => refetch(resource, id))
 */
export function createEventStream<Events extends object = Record<never, never>>(
  options: EventStreamOptions,
): EventStream<Events> {
  validateOptions(options)
  resolveUrl(options.url)
  const topics = Object.freeze([...options.topics])
  const store = createStatusStore()
  const emitter = createEmitter()
  let closed = false
  let role: TabRole = { role: 'solo', tab: '' }
  const statusRecord = (): InspectionRecord => ({
    kind: 'status',
    at: Date.now(),
    status: store.status,
    error: store.error,
    retry: store.retry,
  })
  // What devtools see (`inspectStream` fills `emit`); nothing below builds a record while it is empty.
  const inspector: StreamInspector = {
    emit: undefined,
    snapshot: () => [statusRecord(), { kind: 'role', at: Date.now(), ...role }],
  }

  const callbacks = {
    onFrame(frame: StreamFrame) {
      if (closed) return
      inspector.emit?.({ kind: 'frame', at: Date.now(), ...frame })
      // A `cursor` frame only moves the resume point (recorded by the connection): nothing to hand out.
      if (frame.type !== 'cursor') emitter.emit(frame.type, parseData(frame.data), frame.id)
      // Handlers first, then the store's readers: a `lastEventId` shown in a UI is never ahead of the data.
      if (frame.id !== undefined) store.notify()
    },
    onStatus(status: EventStreamStatus, error: EventStreamError | undefined, retry?: RetryPlan) {
      if (closed) return
      if (store.set(status, error, retry)) inspector.emit?.(statusRecord())
      // A fatal answer: nothing will arrive any more, so let go of the lock, the channel and the timers.
      if (status === 'closed') connection.stop()
    },
    onRole(next: TabRole) {
      role = next
      inspector.emit?.({ kind: 'role', at: Date.now(), ...role })
    },
  }
  const connection: Connection =
    options.shareAcrossTabs && canShareAcrossTabs()
      ? shareAcrossTabs({ ...options, topics }, callbacks)
      : connectWithRetry({ ...options, topics }, { lastEventId: undefined, resuming: false }, callbacks)

  const stream: EventStream<Events> = {
    on(type, handler) {
      if (typeof handler !== 'function') {
        throw new EventStreamError('invalid_option', `The handler for "${type}" must be a function`)
      }
      return emitter.on(
        type,
        handler as (data: unknown, meta: { id: string | undefined; type: string }) => void,
      )
    },
    get status() {
      return store.status
    },
    get error() {
      return store.error
    },
    get retry() {
      return store.retry
    },
    get lastEventId() {
      return connection.lastEventId
    },
    topics,
    subscribe: store.subscribe,
    close() {
      if (closed) return
      connection.stop()
      const changed = store.set('closed', store.status === 'closed' ? store.error : undefined)
      if (changed) inspector.emit?.(statusRecord())
      closed = true
      store.clear()
      emitter.clear()
      inspector.emit = undefined
    },
  }
  attachInspector(stream, inspector)
  return stream
}

/** Parses a frame's data as JSON, as the hub sends it; anything else reaches the handler as the raw string. */
function parseData(data: string): unknown {
  try {
    return JSON.parse(data)
  } catch {
    return data
  }
}
