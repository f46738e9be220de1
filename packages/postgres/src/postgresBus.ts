import { HubError } from '@ssehub/server'
import {
  assertPositiveIntegers,
  type Bus,
  type BusGap,
  type BusMessage,
  busSubscribers,
  gapMarker,
  headWaiters,
  type LogPosition,
  REPLAY_WINDOW_DEFAULTS,
} from '@ssehub/server/engine'
import { appendEntry } from './appendEntry'
import { createEpoch, formatEventId, parseEventId, positionId } from './eventId'
import { eventValues, gapValues } from './eventRow'
import { followLog } from './followLog'
import { listenForWakeups } from './listenForWakeups'
import { ensureTables, forgetTablesIfMissing } from './migrate'
import type { PostgresEngineOptions } from './PostgresEngineOptions'
import { postgresUnavailable, withTimeout } from './postgresUnavailable'
import { tablesIn } from './tables'
import { trimEvents } from './trimEvents'

export interface PostgresBusOptions extends PostgresEngineOptions {
  /** Entries kept per stream: the replay window by count. @default 10_000 */
  maxEvents?: number
  /** Entries older than this are deleted: the replay window by age. @default 300_000 (5 minutes) */
  maxAgeMs?: number
  /** How often each node deletes what fell out of the window. @default 5000 */
  trimIntervalMs?: number
  /**
   * Each node reads the table this often even without a notification: the safety net for a wake-up
   * lost while its LISTEN connection was down (the table is the truth; NOTIFY only says "look").
   * @default 2000
   */
  pollIntervalMs?: number
  /** Most entries one read takes. @default 500 */
  readCount?: number
  /** A publish the database hasn't committed in this time rejects (`engine_unavailable`). @default 2000 */
  publishTimeoutMs?: number
}

/** A bus on a PostgreSQL table: every node's hub publishes to it and routes everything read from it. */
export interface PostgresBus extends Bus {
  readonly stream: string
  /** Resolves once the tables exist and the bus knows the stream's head. Await it before serving. */
  readonly ready: Promise<void>
  /** Like `redisBus().catchUp`: resolves `true` once this node has delivered up to `lastEventId`. @default timeoutMs 1000 */
  catchUp(lastEventId: string, timeoutMs?: number): Promise<boolean>
}

/**
 * The multi-node bus on PostgreSQL, for apps that already run it and no Redis. `publish` appends a row
 * to `ssehub_events` under the stream's next number (dense, committed in order) and sends `NOTIFY`; each
 * node LISTENs, and on a notification, or every `pollIntervalMs`, reads the rows after its position.
 * The notification is only a wake-up: a lost one is caught up by the next read.
 *
 * Ids are `<epoch>-<number>`, the epoch made when the stream's row is. A node that fell behind the
 * trim gets `replay-gap`, a truncated table or a stream row that was deleted or went back is an `epoch`,
 * a restarted server a `replay-gap`; `publish` rejects with a 503 `HubError` (`engine_unavailable`) while
 * the database can't commit, and a gap marker follows once it can, so every node resyncs its clients.
 *
 * @example
 * const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL })
 * const bus = postgresBus({ pool })
 * const hub = createHub({ bus, replay: postgresReplay({ pool }), tickets: postgresTicketStore({ pool }) })
 * await bus.ready
 */
export function postgresBus({
  pool,
  schema,
  createTables = true,
  stream = 'events',
  maxEvents = REPLAY_WINDOW_DEFAULTS.maxEvents,
  maxAgeMs = REPLAY_WINDOW_DEFAULTS.maxAgeMs,
  trimIntervalMs = 5000,
  pollIntervalMs = 2000,
  readCount = 500,
  publishTimeoutMs = 2000,
}: PostgresBusOptions): PostgresBus {
  assertPositiveIntegers('postgresBus', {
    maxEvents,
    maxAgeMs,
    trimIntervalMs,
    pollIntervalMs,
    readCount,
    publishTimeoutMs,
  })
  const channel = `ssehub:${stream}`
  if (new TextEncoder().encode(channel).length > 63) {
    throw new HubError(
      'invalid_option',
      'postgresBus: stream must be at most 56 bytes (it names a NOTIFY channel)',
      {
        status: 500,
      },
    )
  }
  const tables = tablesIn(schema)
  const subscribers = busSubscribers('[ssehub/postgres]')
  const waiters = headWaiters<number>((wanted, reached) => wanted <= reached)
  let head: LogPosition = { epoch: undefined, seq: 0 }
  let closed = false
  let reading: Promise<void> | undefined
  let readAgain = false
  let readFailing = false
  let started = false
  let lagMs: number | undefined

  const append = async (values: unknown[]) => {
    await ensureTables(pool, tables, createTables)
    return appendEntry(pool, tables, stream, channel, values)
  }
  const failedPublishes = gapMarker({
    append: () => append(gapValues('a publish failed while PostgreSQL was unreachable')),
  })

  function moveHead(position: LogPosition): void {
    head = position
    waiters.advance(position.seq)
  }

  const log = followLog({
    pool,
    tables,
    stream,
    readCount,
    async ensureStream() {
      await ensureTables(pool, tables, createTables)
      await pool.query(
        `INSERT INTO ${tables.streams} (stream, epoch, seq) VALUES ($1, $2, 0) ON CONFLICT (stream) DO NOTHING`,
        [stream, createEpoch()],
      )
    },
    onEvent(event) {
      // The head moves in the same synchronous step as delivery (see redisBus): a stream opened in
      // between sees an event in its replay or live, never both, never neither.
      head = parseEventId(event.id) ?? head
      // How old the event is as this node reads it (the publishing node's clock against this one's).
      lagMs = Math.max(0, Date.now() - event.publishedAt)
      subscribers.event(event)
      waiters.advance(head.seq)
    },
    onGap(gap: BusGap, position?: LogPosition) {
      console.warn(`[ssehub/postgres] continuity lost (${gap.reason}): ${gap.detail ?? ''}`)
      if (position) head = position
      subscribers.gap(gap)
      waiters.advance(head.seq)
    },
  })

  /** Reads until caught up; a wake-up during a read makes it read once more. */
  function wake(): void {
    if (closed) return
    if (reading) {
      readAgain = true
      return
    }
    reading = (async () => {
      do {
        readAgain = false
        try {
          await log.read(() => closed)
          if (readFailing) console.warn('[ssehub/postgres] reading the event log again')
          readFailing = false
        } catch (error) {
          forgetTablesIfMissing(pool, tables, error)
          if (!readFailing)
            console.warn('[ssehub/postgres] cannot read the event log:', (error as Error).message)
          readFailing = true
        }
      } while (readAgain && !closed && !readFailing)
      reading = undefined
    })()
  }

  let listener: { stop(): Promise<void> } | undefined
  let poll: ReturnType<typeof setInterval> | undefined
  let trim: ReturnType<typeof setInterval> | undefined

  const ready = (async () => {
    for (;;) {
      try {
        await log.start()
        break
      } catch (error) {
        if (closed) return
        console.warn('[ssehub/postgres] waiting for the database:', (error as Error).message)
        await new Promise((resolve) => setTimeout(resolve, 500))
      }
    }
    if (closed) return
    started = true
    moveHead(log.position)
    listener = listenForWakeups(pool, channel, wake)
    poll = setInterval(wake, pollIntervalMs)
    trim = setInterval(() => {
      trimEvents(pool, tables, stream, maxEvents, maxAgeMs).catch(() => {})
    }, trimIntervalMs)
    poll.unref?.()
    trim.unref?.()
  })()

  return {
    stream,
    ready,
    async publish(message: BusMessage) {
      if (closed) throw postgresUnavailable('engine_unavailable', 'the event was not published', 'bus closed')
      try {
        // A marker still owed for an earlier failure goes in first: no event may land before it.
        await withTimeout(failedPublishes.flush(), publishTimeoutMs, 'the gap marker')
        const { epoch, seq } = await withTimeout(
          append(eventValues(message)),
          publishTimeoutMs,
          'the publish',
        )
        return formatEventId(epoch, seq)
      } catch (error) {
        forgetTablesIfMissing(pool, tables, error)
        failedPublishes.owe()
        throw postgresUnavailable('engine_unavailable', 'the event was not published', error)
      }
    },
    subscribe: subscribers.subscribe,
    headId: () => positionId(head),
    health: () => ({
      engine: 'postgres',
      state: !started ? 'starting' : readFailing ? 'down' : 'up',
      ...(lagMs === undefined ? {} : { lagMs }),
    }),
    async catchUp(lastEventId, timeoutMs = 1000) {
      const id = parseEventId(lastEventId)
      if (!id || closed || id.epoch !== head.epoch) return false
      if (id.seq <= head.seq) return true
      wake()
      return waiters.wait(id.seq, timeoutMs)
    },
    async close() {
      if (closed) return
      closed = true
      subscribers.clear()
      waiters.clear()
      failedPublishes.close()
      if (poll) clearInterval(poll)
      if (trim) clearInterval(trim)
      await ready
      await listener?.stop()
      await reading
    },
  }
}
