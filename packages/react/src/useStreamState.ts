import type { EventStream, EventStreamError, EventStreamStatus } from '@ssehub/client'
import { useCallback, useRef, useSyncExternalStore } from 'react'

/** A stream's state as the hooks return it. */
export interface StreamState {
  status: EventStreamStatus
  /** The error behind a `reconnecting` wait or a `closed` stream; `undefined` once open. */
  error: EventStreamError | undefined
  /** The id of the last protocol event received (`invalidate`, `progress`, …): where a reconnect resumes. */
  lastEventId: string | undefined
}

/** Before a stream exists (the server render, the first client render) it is on its way: `connecting`. */
const pending: StreamState = { status: 'connecting', error: undefined, lastEventId: undefined }

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
 * The base of the state hooks: `useSyncExternalStore` over the stream's status store and, when
 * `trackLastEventId`, its protocol events. Every listener goes when the component unmounts.
 */
export function useStreamState(stream: EventStream | undefined, trackLastEventId: boolean): StreamState {
  const snapshot = useRef(pending)
  const subscribe = useCallback(
    (onChange: () => void) => {
      if (!stream) return () => {}
      const offs = [stream.subscribe(onChange)]
      if (trackLastEventId) for (const type of protocolEvents) offs.push(stream.on(type, onChange))
      return () => {
        for (const off of offs) off()
      }
    },
    [stream, trackLastEventId],
  )
  const getSnapshot = () => {
    if (!stream) return pending
    const { status, error } = stream
    const lastEventId = trackLastEventId ? stream.lastEventId : undefined
    const previous = snapshot.current
    if (previous.status !== status || previous.error !== error || previous.lastEventId !== lastEventId) {
      snapshot.current = { status, error, lastEventId }
    }
    return snapshot.current
  }
  return useSyncExternalStore(subscribe, getSnapshot, () => pending)
}
