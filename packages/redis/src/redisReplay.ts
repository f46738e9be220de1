import {
  assertPositiveIntegers,
  entryContinuity,
  type HubEvent,
  isExpired,
  type LogPosition,
  REPLAY_WINDOW_DEFAULTS,
  type ReplayResult,
  type ReplayStore,
  refuseRenamedOptions,
} from '@ssehub/server/engine'
import type { Redis } from 'ioredis'
import { isRedisDown } from './isRedisDown'
import { streamContinuesAfter } from './streamContinuesAfter'
import { decodeStreamEntry, type RawStreamEntry } from './streamEntry'
import { compareStreamIds, formatStreamId, parseStreamId } from './streamId'

export interface RedisReplayOptions {
  /** An ioredis client (it may be shared with `redisTicketStore`; the bus only copies its settings). */
  redis: Redis
  /** The stream `redisBus` appends to. @default 'ssehub:events' */
  stream?: string
  /**
   * The replay window by count: most events one resume reads; a client further behind gets `resync`
   * (`replay-gap`). Give `redisBus` the same `maxEvents`. @default 10_000
   */
  maxEvents?: number
  /**
   * The replay window by age: a client that missed an event older than this gets `resync` (`replay-gap`).
   * @default 300_000 (5 minutes)
   */
  maxAgeMs?: number
  /** Entries per XRANGE. @default 500 */
  pageSize?: number
}

/**
 * The replay store of the Redis engine: the stream is the record (`record` does nothing), and a resume
 * reads the entries after `Last-Event-ID` back with XRANGE, in pages, on whichever node the client
 * reached. An id whose successors were trimmed away gets `resync` `replay-gap`; an id this stream never
 * issued (malformed, from another stream, from before Redis lost its data) gets `resync` `epoch`.
 * When Redis can't answer, the resume gets `replay-gap` too: the client refetches rather than miss a thing.
 */
export function redisReplay(options: RedisReplayOptions): ReplayStore {
  refuseRenamedOptions('redisReplay', options, { maxReplay: 'maxEvents' })
  const {
    redis,
    stream = 'ssehub:events',
    maxEvents = REPLAY_WINDOW_DEFAULTS.maxEvents,
    maxAgeMs = REPLAY_WINDOW_DEFAULTS.maxAgeMs,
    pageSize = 500,
  } = options
  assertPositiveIntegers('redisReplay', { maxEvents, maxAgeMs, pageSize })

  async function since(
    lastEventId: string,
    headId: string,
    filter: (event: HubEvent) => boolean,
  ): Promise<ReplayResult> {
    const last = parseStreamId(lastEventId)
    const head = parseStreamId(headId)
    if (!last || !head) return { resync: 'epoch' }
    const order = compareStreamIds(last, head)
    if (order === 0) return { events: [] }
    if (order > 0) {
      // Another node already delivered it and this one has not read that far yet: nothing was missed.
      // (Live events up to it may reach the client twice; see the README.)
      const [entry] = (await redis.xrange(stream, lastEventId, lastEventId)) as RawStreamEntry[]
      return entry ? { events: [] } : { resync: 'epoch' }
    }

    const events: HubEvent[] = []
    const now = Date.now()
    let cursor = formatStreamId(last)
    let scanned = 0
    // Numbering is checked from the client's own entry on; when it is not in the stream (an empty
    // stream's `0-0`), from the first entry read.
    let position: LogPosition | undefined
    for (let first = true; ; first = false) {
      // Inclusive of the cursor: finding it first proves nothing after it was trimmed before this read.
      const page = (await redis.xrange(stream, cursor, headId, 'COUNT', pageSize + 1)) as RawStreamEntry[]
      const found = page[0]?.[0] === cursor
      if (!found) {
        if (!first) return { resync: 'replay-gap' }
        const continuity = await streamContinuesAfter(redis, stream, last)
        if (continuity !== 'continuous') return { resync: continuity }
      }
      if (found && first) position = positionOf(page[0]!)
      const entries = found ? page.slice(1) : page
      scanned += entries.length
      if (scanned > maxEvents) return { resync: 'replay-gap' }
      for (const entry of entries) {
        const record = decodeStreamEntry(entry)
        if (!record) continue
        const continuity = position ? entryContinuity(position, record) : 'next'
        if (continuity !== 'next') return { resync: continuity }
        position = { epoch: record.epoch, seq: record.seq }
        if (record.kind === 'gap') return { resync: 'replay-gap' }
        if (now - record.event.publishedAt > maxAgeMs) return { resync: 'replay-gap' }
        if (!isExpired(record.event, now) && filter(record.event)) events.push(record.event)
      }
      if (page.length <= pageSize) return { events }
      cursor = page[page.length - 1]![0]
    }
  }

  return {
    record() {},

    async since(lastEventId, headId, filter) {
      if (isRedisDown(redis)) return { resync: 'replay-gap' }
      try {
        return await since(lastEventId, headId, filter)
      } catch (error) {
        console.warn('[ssehub/redis] replay failed, answering resync:', (error as Error).message)
        return { resync: 'replay-gap' }
      }
    },
  }
}

/** The numbering position of a stream entry, or `undefined` for one that is not ours. */
function positionOf(entry: RawStreamEntry): LogPosition | undefined {
  const record = decodeStreamEntry(entry)
  return record && { epoch: record.epoch, seq: record.seq }
}
