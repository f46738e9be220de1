import type { EventStream, EventStreamError, EventStreamStatus } from '@ssehub/client'
import { onScopeDispose, type ShallowRef, shallowRef } from 'vue'

/** A stream's state as refs. */
export interface StreamRefs {
  status: Readonly<ShallowRef<EventStreamStatus>>
  /** The error behind a `reconnecting` wait or a `closed` stream; `undefined` once open. */
  error: Readonly<ShallowRef<EventStreamError | undefined>>
  /** The id of the last protocol event received (`invalidate`, `progress`, …): where a reconnect resumes. */
  lastEventId: Readonly<ShallowRef<string | undefined>>
}

// The status store does not announce new ids; these events do. App events are seen at the next of them.
const protocolEvents = [
  'connected',
  'invalidate',
  'batch',
  'progress',
  'complete',
  'signal',
  'resync',
  'drain',
] as const

/**
 * The base of the state composables: shallow refs following the stream's status store and, when
 * `trackLastEventId`, its protocol events; every listener goes when the scope is disposed.
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
  const offs = [stream.subscribe(read)]
  if (trackLastEventId) for (const type of protocolEvents) offs.push(stream.on(type, read))
  onScopeDispose(() => {
    for (const off of offs) off()
  })
  return { status, error, lastEventId }
}
