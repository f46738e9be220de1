import type { EventStream, EventStreamError, EventStreamStatus } from '@ssehub/client'
import { onScopeDispose, type ShallowRef, shallowRef } from 'vue'

/** A stream's state as refs. */
export interface StreamRefs {
  status: Readonly<ShallowRef<EventStreamStatus>>
  /** The error behind a `reconnecting` wait or a `closed` stream; `undefined` once open. */
  error: Readonly<ShallowRef<EventStreamError | undefined>>
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
  const lastEventId = shallowRef(trackLastEventId ? stream?.lastEventId : undefined)
  if (!stream) return { status, error, lastEventId }
  const read = () => {
    status.value = stream.status
    error.value = stream.error
    if (trackLastEventId) lastEventId.value = stream.lastEventId
  }
  onScopeDispose(stream.subscribe(read))
  return { status, error, lastEventId }
}
