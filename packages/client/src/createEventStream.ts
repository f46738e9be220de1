import { resolveUrl } from './buildStreamUrl'
import { type Connection, connectWithRetry } from './connectWithRetry'
import { createEmitter } from './createEmitter'
import { createStatusStore, type EventStreamStatus } from './createStatusStore'
import { EventStreamError } from './EventStreamError'
import type { EventStreamOptions } from './EventStreamOptions'
import type { EventHandler, StreamEvents } from './ProtocolEvents'
import type { StreamFrame } from './readEventStream'
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

  const callbacks = {
    onFrame(frame: StreamFrame) {
      if (closed) return
      // A `cursor` frame only moves the resume point (recorded by the connection): nothing to hand out.
      if (frame.type !== 'cursor') emitter.emit(frame.type, parseData(frame.data), frame.id)
      // Handlers first, then the store's readers: a `lastEventId` shown in a UI is never ahead of the data.
      if (frame.id !== undefined) store.notify()
    },
    onStatus(status: EventStreamStatus, error: EventStreamError | undefined) {
      if (closed) return
      store.set(status, error)
      // A fatal answer: nothing will arrive any more, so let go of the lock, the channel and the timers.
      if (status === 'closed') connection.stop()
    },
  }
  const connection: Connection =
    options.shareAcrossTabs && canShareAcrossTabs()
      ? shareAcrossTabs({ ...options, topics }, callbacks)
      : connectWithRetry({ ...options, topics }, { lastEventId: undefined, resuming: false }, callbacks)

  return {
    on(type, handler) {
      if (typeof handler !== 'function') {
        throw new EventStreamError('invalid_options', `The handler for "${type}" must be a function`)
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
    get lastEventId() {
      return connection.lastEventId
    },
    topics,
    subscribe: store.subscribe,
    close() {
      if (closed) return
      connection.stop()
      store.set('closed', store.status === 'closed' ? store.error : undefined)
      closed = true
      store.clear()
      emitter.clear()
    },
  }
}

/** Parses a frame's data as JSON, as the hub sends it; anything else reaches the handler as the raw string. */
function parseData(data: string): unknown {
  try {
    return JSON.parse(data)
  } catch {
    return data
  }
}
