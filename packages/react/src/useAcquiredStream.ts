import {
  acquireEventStream,
  type EventStream,
  type EventStreamOptions,
  sharedStreamKey,
} from '@ssehub/client'
import { useEffect, useRef, useState } from 'react'

/**
 * The shared stream for `options`, acquired in an effect: `undefined` during the server render and the
 * first client render, and nothing ever connects on the server. Changing url or topics swaps the stream;
 * `headers` and `getTicket` are read from the latest render at each attempt.
 */
export function useAcquiredStream(options: EventStreamOptions | undefined): EventStream | undefined {
  const key = options ? sharedStreamKey(options) : undefined
  const latestOptions = useRef(options)
  latestOptions.current = options
  const [held, setHeld] = useState<{ key: string; stream: EventStream }>()

  useEffect(() => {
    const current = latestOptions.current
    if (key === undefined || !current) return
    const lease = acquireEventStream(withLatestAuth(current, latestOptions))
    setHeld({ key, stream: lease.stream })
    return lease.release
  }, [key])

  // Until the effect for a new key has run, the stream held is the old one, about to be released.
  return held && held.key === key ? held.stream : undefined
}

/**
 * `options` whose `headers` and `getTicket` are those of the latest render, read at each attempt: an inline
 * headers function over a token in state follows the refreshed token instead of keeping the mount's one.
 */
function withLatestAuth(
  options: EventStreamOptions,
  latest: { readonly current: EventStreamOptions | undefined },
): EventStreamOptions {
  const read = () => latest.current ?? options
  const { getTicket } = options
  return {
    ...options,
    headers: function latestHeaders() {
      const { headers } = read()
      return typeof headers === 'function' ? headers() : (headers ?? {})
    },
    getTicket:
      getTicket &&
      function latestGetTicket(context) {
        return (read().getTicket ?? getTicket)(context)
      },
  }
}
