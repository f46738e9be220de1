import type { EventStreamError } from './EventStreamError'
import type { RetryPlan } from './inspect/InspectionRecord'
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
  readonly retry: RetryPlan | undefined
  /** Sets all three; listeners hear only real changes, and nothing once `closed`. Says whether it changed. */
  set(status: EventStreamStatus, error: EventStreamError | undefined, retry?: RetryPlan): boolean
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
  let retry: RetryPlan | undefined
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
    get retry() {
      return retry
    },
    set(nextStatus, nextError, nextRetry) {
      if (status === 'closed') return false
      if (nextStatus === status && nextError === error && nextRetry === retry) return false
      status = nextStatus
      error = nextError
      retry = nextRetry
      notify()
      return true
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
