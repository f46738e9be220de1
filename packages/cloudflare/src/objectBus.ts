import { type Bus, type BusSubscriber, HubError, type HubEvent } from '@ssehub/server'
import { createObjectEpoch, formatObjectEventId } from './objectEventId'
import { type ObjectStorage, readMeta, writeMeta } from './SqlStorage'

/** How long events are kept for replay. */
export interface RetentionOptions {
  /** Most events kept. @default 10_000 */
  maxEvents?: number
  /** Events older than this are deleted (and a resume from before them gets `resync`). @default 300_000 */
  maxAgeMs?: number
}

/** The bus of one object, with the epoch its ids carry. */
export interface ObjectBus extends Bus {
  readonly epoch: string
}

/**
 * Largest event (its JSON) the object stores: SQLite storage refuses rows past 2 MB, and an invalidation
 * signal is a few hundred bytes.
 */
export const MAX_EVENT_BYTES = 1_000_000

/** Age-based trimming scans the table; it runs once per this many publishes (the count bound runs always). */
const AGE_TRIM_EVERY = 64

/**
 * The bus of a hub that lives in one Durable Object. `publish` appends the event to the object's SQLite
 * storage (with the next `seq` and the head, in one transaction) and delivers it synchronously: every
 * stream of the object is in this isolate. The epoch and `seq` are in storage, so ids go on after the
 * object restarts; the streams do not survive a restart, so there is no continuity to lose across one.
 */
export function objectBus(
  storage: ObjectStorage,
  { maxEvents, maxAgeMs }: Required<RetentionOptions>,
): ObjectBus {
  const { sql } = storage
  const epoch = storage.transactionSync(() => {
    const stored = readMeta(sql, 'epoch')
    if (stored) return stored
    const fresh = createObjectEpoch()
    writeMeta(sql, 'epoch', fresh)
    writeMeta(sql, 'seq', '0')
    return fresh
  })
  let seq = Number(readMeta(sql, 'seq') ?? '0')
  const subscribers = new Set<BusSubscriber>()
  let closed = false

  function append(stored: string, publishedAt: number, next: number): void {
    storage.transactionSync(() => {
      sql.exec(
        'INSERT INTO ssehub_events (seq, published_at, message) VALUES (?, ?, ?)',
        next,
        publishedAt,
        stored,
      )
      writeMeta(sql, 'seq', String(next))
      sql.exec('DELETE FROM ssehub_events WHERE seq <= ?', next - maxEvents)
      if (next % AGE_TRIM_EVERY === 0) {
        sql.exec('DELETE FROM ssehub_events WHERE seq < ? AND published_at < ?', next, Date.now() - maxAgeMs)
      }
    })
  }

  return {
    epoch,
    publish(message) {
      if (closed) return Promise.reject(new HubError('hub_closed', 'The hub is closed', { status: 503 }))
      const next = seq + 1
      const stored = JSON.stringify(message)
      if (stored.length > MAX_EVENT_BYTES) {
        return Promise.reject(
          new HubError('event_too_large', `An event is at most ${MAX_EVENT_BYTES} bytes of JSON here`, {
            status: 413,
          }),
        )
      }
      try {
        append(stored, message.publishedAt, next)
      } catch (error) {
        return Promise.reject(
          new HubError('bus_unavailable', `The object's storage refused the event: ${String(error)}`, {
            status: 503,
            retryAfterSec: 1,
            cause: error,
          }),
        )
      }
      seq = next
      const event: HubEvent = { ...message, id: formatObjectEventId(epoch, next) }
      for (const subscriber of subscribers) subscriber.onEvent(event)
      return Promise.resolve(event.id)
    },
    subscribe(subscriber) {
      subscribers.add(subscriber)
      return () => subscribers.delete(subscriber)
    },
    headId: () => formatObjectEventId(epoch, seq),
    close() {
      closed = true
      subscribers.clear()
    },
  }
}
