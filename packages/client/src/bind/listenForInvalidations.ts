import type { InvalidationData } from '@ssehub/protocol'
import type { EventStream } from '../createEventStream'

/** What a cache binder needs of a stream: its handlers and its topic patterns. */
export type InvalidationSource = Pick<EventStream, 'on' | 'topics'>

/** What {@link listenForInvalidations} reports. */
export type InvalidationNotice = { kind: 'invalidate'; event: InvalidationData } | { kind: 'resync' }

/**
 * Turns the stream's protocol events into invalidation notices, in arrival order: `invalidate`, each item
 * of a `batch`, `complete` (a finished job changed its resource), `signal` (`orders.ord_1` → resource
 * `orders`, id `ord_1`), and `resync`. Data of another shape (from another server, a proxy, a bug) is
 * made safe here, once: an item without a resource name is dropped, an id that is not a string or a
 * finite number is dropped (the event then concerns the whole resource). Returns the function that removes
 * every handler it added.
 */
export function listenForInvalidations(
  stream: InvalidationSource,
  notify: (...notices: InvalidationNotice[]) => void,
): () => void {
  const invalidations = (items: unknown[]) =>
    items.flatMap((item) => {
      const event = sanitize(item)
      return event ? [{ kind: 'invalidate' as const, event }] : []
    })
  const offs = [
    stream.on('invalidate', (event) => notify(...invalidations([event]))),
    stream.on('batch', (events) => notify(...invalidations(Array.isArray(events) ? events : []))),
    stream.on('complete', (data) => {
      const { resource, id, status, hint } = (data ?? {}) as Partial<typeof data>
      notify(...invalidations([{ resource, id, action: status, hint }]))
    }),
    stream.on('signal', (data) => {
      const topic = (data as { topic?: unknown } | null)?.topic
      if (typeof topic !== 'string') return
      const [resource = topic, id] = topic.split('.')
      notify(...invalidations([{ resource, id }]))
    }),
    stream.on('resync', () => notify({ kind: 'resync' })),
  ]
  return () => {
    for (const off of offs) off()
  }
}

/** The event as the binders may trust it, or `undefined` when it names no resource. */
function sanitize(item: unknown): InvalidationData | undefined {
  if (typeof item !== 'object' || item === null) return undefined
  const { resource, id, action, hint } = item as Record<string, unknown>
  if (typeof resource !== 'string' || resource === '') return undefined
  const event: InvalidationData = { resource }
  if (typeof id === 'string' || (typeof id === 'number' && Number.isFinite(id))) event.id = id
  if (typeof action === 'string') event.action = action
  if (hint !== undefined) event.hint = hint
  return event
}
