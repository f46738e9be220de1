import {
  assertPositiveIntegers,
  type Bus,
  type BusGap,
  type BusMessage,
  busSubscribers,
  gapMarker,
  headWaiters,
  REPLAY_WINDOW_DEFAULTS,
  refuseRenamedOptions,
} from '@ssehub/server/engine'
import type { Redis } from 'ioredis'
import { appendEntry } from './appendEntry'
import { readStream } from './readStream'
import { redisUnavailable } from './redisUnavailable'
import { encodeGapMarker, encodeStreamEntry } from './streamEntry'
import { compareStreamIds, parseStreamId, type StreamId } from './streamId'
import { watchConnection } from './watchConnection'
import { whenReady } from './whenReady'

export interface RedisBusOptions {
  /**
   * An ioredis client to copy settings from. The bus opens its own two connections with `duplicate()` —
   * one for XADD that never queues while Redis is away, one for the blocking XREAD — and sends nothing
   * on this one, so it can be shared with `redisReplay` and `redisTicketStore`.
   */
  redis: Redis
  /**
   * The Redis Stream key every node appends to and reads. Its epoch and counter live in a hash beside it
   * (`{<stream>}:meta`, or `<stream>:meta` when the name has a hash tag), in the same Cluster slot.
   * @default 'ssehub:events'
   */
  stream?: string
  /**
   * Events kept in the stream (XADD `MAXLEN ~`, so at least this many): give `redisReplay` the same
   * `maxEvents`. @default 10_000
   */
  maxEvents?: number
  /** How long one XREAD blocks waiting for entries before it is sent again. @default 5000 */
  blockMs?: number
  /** Most entries one XREAD returns. @default 500 */
  readCount?: number
  /** A publish Redis hasn't acknowledged in this time rejects (`engine_unavailable`). @default 2000 */
  publishTimeoutMs?: number
}

/** A bus on a Redis Stream: every node's hub publishes to it and routes everything read from it. */
export interface RedisBus extends Bus {
  /** The stream key. */
  readonly stream: string
  /**
   * Resolves once the bus can publish and knows the stream's newest id (reading after it). Until then
   * `headId()` is `'0-0'` and `publish` rejects: await it before serving.
   */
  readonly ready: Promise<void>
  /**
   * Resolves `true` once this node has delivered every event up to `lastEventId`, at once when it
   * already has; `false` after `timeoutMs`, or for an id that is not a stream id. Nodes read the stream
   * independently, so a client moving from one node to another can arrive with an id the new node has
   * not read yet: awaiting this before the resume takes `headId()` keeps the replay exact.
   * @default timeoutMs 1000
   */
  catchUp(lastEventId: string, timeoutMs?: number): Promise<boolean>
}

/**
 * The multi-node bus: `publish` appends to a Redis Stream (XADD, trimmed to about `maxEvents` entries), and
 * every node reads the stream and hands each entry to its hub, the entry id being the event id.
 *
 * Continuity is proven, not assumed: every entry carries the stream's epoch and a dense number, so a node
 * that lagged past `maxEvents` (paused, partitioned, slow), a stream that was reset, and a Redis that came
 * back empty or restarted are reported to the hub as gaps, and its clients get `resync`. When Redis is
 * away, open streams stay up, `publish` rejects at once with a 503 `HubError` (`engine_unavailable`) and
 * nothing is queued in memory; once Redis takes writes again a gap marker is appended, so every node
 * resyncs its clients and the mutations whose events were lost are refetched everywhere.
 *
 * @example
 * const redis = new Redis(process.env.REDIS_URL)
 * const bus = redisBus({ redis })
 * const hub = createHub({ bus, replay: redisReplay({ redis }), tickets: redisTicketStore({ redis }) })
 * await bus.ready
 */
export function redisBus(options: RedisBusOptions): RedisBus {
  refuseRenamedOptions('redisBus', options, { maxLen: 'maxEvents' })
  const {
    redis,
    stream = 'ssehub:events',
    maxEvents = REPLAY_WINDOW_DEFAULTS.maxEvents,
    blockMs = 5000,
    readCount = 500,
    publishTimeoutMs = 2000,
  } = options
  assertPositiveIntegers('redisBus', { maxEvents, blockMs, readCount, publishTimeoutMs })
  // Fail fast rather than hold publishes: no offline queue, no resend after a reconnect, and a timeout
  // for an answer that never comes. Node memory stays bounded however long Redis is away.
  const publisher = redis.duplicate({
    enableOfflineQueue: false,
    autoResendUnfulfilledCommands: false,
    maxRetriesPerRequest: 0,
    commandTimeout: publishTimeoutMs,
    lazyConnect: false,
  })
  // The reader has one command outstanding at a time, so letting it wait out an outage in the offline
  // queue costs nothing, and it is resent after a reconnect. No client-side timeouts: one that resolved
  // a queued XREAD early would make the loop queue another, and another, for as long as Redis is away.
  const reader = redis.duplicate({
    enableOfflineQueue: true,
    autoResendUnfulfilledCommands: true,
    maxRetriesPerRequest: null,
    commandTimeout: undefined,
    blockingTimeout: undefined,
    socketTimeout: undefined,
    lazyConnect: false,
  })
  watchConnection(publisher, `bus publisher (${stream})`)
  watchConnection(reader, `bus reader (${stream})`)

  const subscribers = busSubscribers('[ssehub/redis]')
  let head = '0-0'
  let closed = false
  let started = false
  let lagMs: number | undefined
  const waiters = headWaiters<StreamId>((wanted, reached) => compareStreamIds(wanted, reached) <= 0)
  const advance = () => waiters.advance(parseStreamId(head)!)
  // After a failed publish, a marker tells every node (this one too) once Redis takes writes again.
  const failedPublishes = gapMarker({
    append: () =>
      appendEntry(
        publisher,
        stream,
        maxEvents,
        encodeGapMarker('a publish failed while Redis was unreachable'),
      ),
  })

  const reading = readStream({
    reader,
    stream,
    blockMs,
    readCount,
    isClosed: () => closed,
    onEvent(event) {
      // The head moves in the same synchronous step as delivery, so a stream opened in between sees
      // an event either in its replay (id <= head) or live, never both, never neither.
      head = event.id
      // A stream id starts with Redis' clock at XADD: how old the entry is as this node reads it.
      const writtenAt = parseStreamId(event.id)?.ms
      if (writtenAt !== undefined) lagMs = Math.max(0, Date.now() - Number(writtenAt))
      subscribers.event(event)
      advance()
    },
    onGap(gap: BusGap, headId?: string) {
      console.warn(`[ssehub/redis] continuity lost (${gap.reason}): ${gap.detail ?? ''}`)
      if (headId !== undefined) head = headId
      subscribers.gap(gap)
      advance()
    },
    onStart(lastId) {
      head = lastId
    },
  })
  const ready = Promise.all([reading.started, whenReady(publisher)]).then(() => {
    started = true
  })

  return {
    stream,
    ready,

    async publish(message: BusMessage) {
      if (closed) throw redisUnavailable('engine_unavailable', 'the event was not published', 'bus closed')
      try {
        // A marker still owed for an earlier failure goes in first: no event may land before it.
        await failedPublishes.flush()
        return await appendEntry(publisher, stream, maxEvents, encodeStreamEntry(message))
      } catch (error) {
        failedPublishes.owe()
        throw redisUnavailable('engine_unavailable', 'the event was not published', error)
      }
    },

    subscribe: subscribers.subscribe,

    headId: () => head,

    health: () => ({
      engine: 'redis',
      state: publisher.status === 'ready' ? 'up' : started ? 'down' : 'starting',
      ...(lagMs === undefined ? {} : { lagMs }),
    }),

    async catchUp(lastEventId, timeoutMs = 1000) {
      const id = parseStreamId(lastEventId)
      if (!id || closed) return false
      const current = parseStreamId(head)!
      if (compareStreamIds(id, current) <= 0) return true
      return waiters.wait(id, timeoutMs)
    },

    async close() {
      if (closed) return
      closed = true
      subscribers.clear()
      waiters.clear()
      failedPublishes.close()
      // A reader that was connected has its XREAD rejected by the disconnect and its loop ends. One that
      // was waiting to reconnect has its XREAD left in ioredis' offline queue, never settled: its loop
      // can't go on (the bus is closed), so close does not wait for it.
      const connected = reader.status === 'ready'
      publisher.disconnect()
      reader.disconnect()
      if (connected) await reading.done
    },
  }
}
