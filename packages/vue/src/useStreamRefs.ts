import type { EventStream, EventStreamError, EventStreamStatus, RetryPlan } from '@ssehub/client'
import { onScopeDispose, type ShallowRef, shallowRef } from 'vue'

/** A stream's state as refs. */
export interface StreamRefs {
  status: Readonly<ShallowRef<EventStreamStatus>>
  /** The error behind a `reconnecting` wait or a `closed` stream; `undefined` once open. */
  error: Readonly<ShallowRef<EventStreamError | undefined>>
  /** The wait before the next attempt (length, end, cause) while there is one: "retrying in 4 s". */
  retry: Readonly<ShallowRef<RetryPlan | undefined>>
  /** The id of the last event received: where a reconnect resumes. */
  lastEventId: Readonly<ShallowRef<string | undefined>>
}

/**
 * The base of the state composables: shallow refs following the stream's store, which announces status,
 * error and last-id changes; the listener goes when the scope is disposed.
 */
export function useStreamRefs(stream: EventStream | undefined, trackLastEventId: boolean): StreamRefs {
  const status = shallowRef<EventStreamStatus>(stream?.status ?? 'connecting')
  const error = shallowRef(stream?.error)
  const retry = shallowRef(stream?.retry)
  const lastEventId = shallowRef(trackLastEventId ? stream?.lastEventId : undefined)
  if (!stream) return { status, error, retry, lastEventId }
  const read = () => {
    status.value = stream.status
    error.value = stream.error
    retry.value = stream.retry
    if (trackLastEventId) lastEventId.value = stream.lastEventId
  }
  onScopeDispose(stream.subscribe(read))
  return { status, error, retry, lastEventId }
}
