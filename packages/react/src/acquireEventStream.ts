import { createEventStream, type EventStream, type EventStreamOptions } from '@ssehub/client'

/** A hold on a shared stream; see {@link acquireEventStream}. */
export interface StreamLease {
  stream: EventStream
  /** Lets go of the hold; the last one out closes the stream. Idempotent. */
  release(): void
}

interface Entry {
  stream: EventStream
  holders: number
}

const shared = new Map<string, Entry>()

/** What makes two option objects the same connection: the url and the sorted topic patterns. */
export function streamKey({
  url,
  topics,
  shareKey = '',
}: Pick<EventStreamOptions, 'url' | 'topics' | 'shareKey'>): string {
  return `${shareKey} ${url} ${[...topics].sort().join(',')}`
}

/**
 * Takes a hold on the page's one stream for these url and topics, creating it on first use. The last
 * release closes it a microtask later, so StrictMode's mount → unmount → mount keeps the one connection
 * instead of opening a second. Options other than url and topics are those of the first holder.
 */
export function acquireEventStream(options: EventStreamOptions): StreamLease {
  const key = streamKey(options)
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
