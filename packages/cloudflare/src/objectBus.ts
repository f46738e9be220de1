import { HubError } from '@ssehub/server'
import { type Bus, busSubscribers, type HubEvent } from '@ssehub/server/engine'
import { createObjectEpoch, formatObjectEventId } from './objectEventId'
import type { HubTables, ObjectStorage } from './SqlStorage'

/** How long events are kept for replay. */
export interface RetentionOptions {
  /** Most events kept. @default 10_000 */
  maxEvents?: number
  /** Events older than this are deleted (and a resume from before them gets `resync`). @default 300_000 */
  maxAgeMs?: number
}

/** The bus of one object, with the epoch its ids carry now. */
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

const unavailable = (message: string, cause?: unknown) =>
  new HubError('engine_unavailable', message, { status: 503, retryAfterSec: 1, cause })

/**
 * The bus of a hub that lives in one Durable Object. `publish` appends the event to the object's SQLite
 * storage (with the next `seq` and the head, in one transaction) and delivers it synchronously: every
 * stream of the object is in this isolate. The epoch and `seq` are in storage, so ids go on after the
 * object restarts; the streams do not survive a restart, so there is no continuity to lose across one.
 *
 * Continuity: a publish the storage refused reached no client, so the next event is preceded by a
 * `replay-gap`; storage found wiped (`deleteAll()`) starts a new epoch, preceded by an `epoch` gap.
 */
export function objectBus(
  storage: ObjectStorage,
  tables: HubTables,
  { maxEvents, maxAgeMs }: Required<RetentionOptions>,
): ObjectBus {
  const { sql } = tables
  const subscribers = busSubscribers('[ssehub/cloudflare]')
  let epoch = ''
  let seq = 0
  let owedGap: 'replay-gap' | undefined
  let closed = false

  /** Reads the epoch and head from storage, drawing a new epoch for storage that has none. */
  function load(): void {
    tables.ensure()
    storage.transactionSync(() => {
      const stored = tables.readMeta('epoch')
      if (stored) {
        epoch = stored
        seq = Number(tables.readMeta('seq') ?? '0')
        return
      }
      epoch = createObjectEpoch()
      seq = 0
      tables.writeMeta('epoch', epoch)
      tables.writeMeta('seq', '0')
    })
  }

  /** Whether storage no longer holds this epoch: `deleteAll()` ran, or the tables were dropped. */
  function wiped(): boolean {
    try {
      return tables.readMeta('epoch') !== epoch
    } catch {
      return true
    }
  }

  function append(stored: string, publishedAt: number, next: number): void {
    storage.transactionSync(() => {
      sql.exec(
        `INSERT INTO ${tables.events} (seq, published_at, message) VALUES (?, ?, ?)`,
        next,
        publishedAt,
        stored,
      )
      tables.writeMeta('seq', String(next))
      sql.exec(`DELETE FROM ${tables.events} WHERE seq <= ?`, next - maxEvents)
      if (next % AGE_TRIM_EVERY === 0) {
        sql.exec(
          `DELETE FROM ${tables.events} WHERE seq < ? AND published_at < ?`,
          next,
          Date.now() - maxAgeMs,
        )
      }
    })
  }

  load()
  return {
    get epoch() {
      return epoch
    },
    publish(message) {
      if (closed)
        return Promise.reject(unavailable('The hub object’s bus is closed: the event was not published'))
      const stored = JSON.stringify(message)
      if (stored.length > MAX_EVENT_BYTES) {
        return Promise.reject(
          new HubError('event_too_large', `An event is at most ${MAX_EVENT_BYTES} bytes of JSON here`, {
            status: 413,
          }),
        )
      }
      try {
        appendOrStartOver(stored, message.publishedAt)
      } catch (error) {
        owedGap = 'replay-gap'
        return Promise.reject(unavailable(`The object’s storage refused the event: ${String(error)}`, error))
      }
      seq += 1
      if (owedGap) {
        subscribers.gap({ reason: owedGap, detail: 'an earlier publish failed' })
        owedGap = undefined
      }
      const event: HubEvent = { ...message, id: formatObjectEventId(epoch, seq) }
      subscribers.event(event)
      return Promise.resolve(event.id)
    },
    subscribe: (subscriber) => subscribers.subscribe(subscriber),
    headId: () => formatObjectEventId(epoch, seq),
    close() {
      closed = true
      subscribers.clear()
    },
  }

  /**
   * Appends at the next seq. When that fails because storage lost this epoch (`deleteAll()` dropped the
   * tables), starts a new epoch, says so with an `epoch` gap before its first event, and appends there.
   * Only a failure pays for the check: a healthy publish reads nothing.
   */
  function appendOrStartOver(stored: string, publishedAt: number): void {
    try {
      append(stored, publishedAt, seq + 1)
    } catch (error) {
      if (!wiped()) throw error
      load()
      owedGap = undefined
      subscribers.gap({ reason: 'epoch', detail: 'the object’s storage was wiped' })
      append(stored, publishedAt, seq + 1)
    }
  }
}
