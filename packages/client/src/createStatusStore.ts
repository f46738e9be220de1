import type { EventStreamError } from './EventStreamError'
import { reportError } from './reportError'

/**
 * `connecting` until the first `connected` frame, `open` after it, `reconnecting` during every later wait
 * or attempt, `closed` after `close()` or an answer that forbids retrying.
 */
export type EventStreamStatus = 'connecting' | 'open' | 'reconnecting' | 'closed'

/** The stream's state as a tiny external store; see {@link createStatusStore}. */
export interface StatusStore {
  readonly status: EventStreamStatus
  readonly error: EventStreamError | undefined
  /** Sets both; listeners hear only real changes, and nothing once `closed`. */
  set(status: EventStreamStatus, error: EventStreamError | undefined): void
  subscribe(listener: (status: EventStreamStatus) => void): () => void
  /** Tells listeners something they read besides status changed (the last event id). */
  notify(): void
  /** Drops every listener. */
  clear(): void
}

/**
 * Creates the status store: a getter plus `subscribe(listener) → unsubscribe`, the shape
 * `useSyncExternalStore` (and Vue's `shallowRef` + `onScopeDispose`) reads.
 */
export function createStatusStore(): StatusStore {
  let status: EventStreamStatus = 'connecting'
  let error: EventStreamError | undefined
  const listeners = new Set<(status: EventStreamStatus) => void>()
  const notify = () => {
    for (const listener of [...listeners]) {
      try {
        listener(status)
      } catch (thrown) {
        reportError(thrown)
      }
    }
  }
  return {
    get status() {
      return status
    },
    get error() {
      return error
    },
    set(nextStatus, nextError) {
      if (status === 'closed' || (nextStatus === status && nextError === error)) return
      status = nextStatus
      error = nextError
      notify()
    },
    notify,
    subscribe(listener) {
      listeners.add(listener)
      return () => {
        listeners.delete(listener)
      }
    },
    clear() {
      listeners.clear()
    },
  }
}
