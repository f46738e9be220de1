import { createEventStream, type EventStream } from './createEventStream'
import type { EventStreamOptions } from './EventStreamOptions'
import { validateOptions } from './validateOptions'

/** A hold on a shared stream; see {@link acquireEventStream}. */
export interface EventStreamLease {
  stream: EventStream
  /** Lets go of the hold; the last one out closes the stream. Idempotent. */
  release(): void
}

interface Entry {
  stream: EventStream
  holders: number
}

const shared = new Map<string, Entry>()

/**
 * What makes two option objects the same connection in {@link acquireEventStream}: the `shareKey`, the
 * url and the sorted topic patterns. Bindings use it to tell when options now mean another stream.
 * Throws an `invalid_option` `EventStreamError` for options that cannot make a stream.
 */
export function sharedStreamKey(options: Pick<EventStreamOptions, 'url' | 'topics' | 'shareKey'>): string {
  validateOptions(options)
  const { url, topics, shareKey = '' } = options
  // JSON, not a separator: a shareKey or url may contain any character, and must not read as another's.
  return JSON.stringify([shareKey, url, [...topics].sort()])
}

/**
 * Takes a hold on the page's one stream for these url and topics, creating it on first use: every
 * component (React, Vue, or your own binding) that asks for the same stream shares one connection. The
 * last release closes it a microtask later, so a remount in the same task (React's StrictMode) keeps the
 * connection instead of opening a second. Options other than url, topics and `shareKey` are those of the
 * first holder. A stream closed by a fatal answer is replaced for the next holder.
 *
 * @example
 * const lease = acquireEventStream({ url: '/events', topics: ['orders'] })
 * const off = lease.stream.on('invalidate', refetch)
 * // later
 * off()
 * lease.release()
 */
export function acquireEventStream(options: EventStreamOptions): EventStreamLease {
  const key = sharedStreamKey(options)
  let entry = shared.get(key)
  // A stream closed by a fatal answer stays closed; a new holder gets a new attempt.
  if (!entry || entry.stream.status === 'closed') {
    entry = { stream: createEventStream(options), holders: 0 }
    shared.set(key, entry)
  }
  const held = entry
  held.holders++
  let released = false
  return {
    stream: held.stream,
    release() {
      if (released) return
      released = true
      held.holders--
      queueMicrotask(() => {
        if (held.holders > 0 || shared.get(key) !== held) return
        shared.delete(key)
        held.stream.close()
      })
    },
  }
}
