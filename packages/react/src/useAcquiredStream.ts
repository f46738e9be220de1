import {
  acquireEventStream,
  type EventStream,
  type EventStreamOptions,
  sharedStreamKey,
} from '@ssehub/client'
import { useEffect, useRef, useState } from 'react'

/**
 * The shared stream for `options`, acquired in an effect: `undefined` during the server render and the
 * first client render, and nothing ever connects on the server. Changing url or topics swaps the stream.
 */
export function useAcquiredStream(options: EventStreamOptions | undefined): EventStream | undefined {
  const key = options ? sharedStreamKey(options) : undefined
  const latestOptions = useRef(options)
  latestOptions.current = options
  const [held, setHeld] = useState<{ key: string; stream: EventStream }>()

  useEffect(() => {
    const current = latestOptions.current
    if (key === undefined || !current) return
    const lease = acquireEventStream(current)
    setHeld({ key, stream: lease.stream })
    return lease.release
  }, [key])

  // Until the effect for a new key has run, the stream held is the old one, about to be released.
  return held && held.key === key ? held.stream : undefined
}
