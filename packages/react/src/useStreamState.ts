import type { EventStream, EventStreamError, EventStreamStatus, RetryPlan } from '@ssehub/client'
import { useCallback, useRef, useSyncExternalStore } from 'react'

/** A stream's state as the hooks return it. */
export interface StreamState {
  status: EventStreamStatus
  /** The error behind a `reconnecting` wait or a `closed` stream; `undefined` once open. */
  error: EventStreamError | undefined
  /** The wait before the next attempt (length, end, cause) while there is one: "retrying in 4 s". */
  retry: RetryPlan | undefined
  /** The id of the last event received: where a reconnect resumes. */
  lastEventId: string | undefined
}

/** Before a stream exists (the server render, the first client render) it is on its way: `connecting`. */
const pending: StreamState = {
  status: 'connecting',
  error: undefined,
  retry: undefined,
  lastEventId: undefined,
}

/**
 * The base of the state hooks: `useSyncExternalStore` over the stream's store, which announces status,
 * error and last-id changes. The listener goes when the component unmounts.
 */
export function useStreamState(stream: EventStream | undefined, trackLastEventId: boolean): StreamState {
  const snapshot = useRef(pending)
  const subscribe = useCallback(
    (onChange: () => void) => (stream ? stream.subscribe(onChange) : () => {}),
    [stream],
  )
  const getSnapshot = () => {
    if (!stream) return pending
    const { status, error, retry } = stream
    const lastEventId = trackLastEventId ? stream.lastEventId : undefined
    const previous = snapshot.current
    if (
      previous.status !== status ||
      previous.error !== error ||
      previous.retry !== retry ||
      previous.lastEventId !== lastEventId
    ) {
      snapshot.current = { status, error, retry, lastEventId }
    }
    return snapshot.current
  }
  return useSyncExternalStore(subscribe, getSnapshot, () => pending)
}
