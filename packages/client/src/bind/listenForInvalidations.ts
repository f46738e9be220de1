import type { EventStream } from '../createEventStream'
import type { InvalidationData } from '../ProtocolEvents'

/** What a cache binder needs of a stream: its handlers and its topic patterns. */
export type InvalidationSource = Pick<EventStream, 'on' | 'topics'>

/** What {@link listenForInvalidations} reports. */
export type InvalidationNotice = { kind: 'invalidate'; event: InvalidationData } | { kind: 'resync' }

/**
 * Turns the stream's protocol events into invalidation notices, in arrival order: `invalidate`, each item
 * of a `batch`, `complete` (a finished job changed its resource), `signal` (`orders.ord_1` → resource
 * `orders`, id `ord_1`), and `resync`. Returns the function that removes every handler it added.
 */
export function listenForInvalidations(
  stream: InvalidationSource,
  notify: (...notices: InvalidationNotice[]) => void,
): () => void {
  const offs = [
    stream.on('invalidate', (event) => notify({ kind: 'invalidate', event })),
    stream.on('batch', (events) =>
      notify(...events.map((event) => ({ kind: 'invalidate' as const, event }))),
    ),
    stream.on('complete', ({ resource, id, status, hint }) =>
      notify({ kind: 'invalidate', event: { resource, id, action: status, hint } }),
    ),
    stream.on('signal', ({ topic }) => {
      const [resource = topic, id] = topic.split('.')
      notify({ kind: 'invalidate', event: id === undefined ? { resource } : { resource, id } })
    }),
    stream.on('resync', () => notify({ kind: 'resync' })),
  ]
  return () => {
    for (const off of offs) off()
  }
}
