import { type HubEvent, isExpired } from '../events'
import { HubError } from '../HubError'
import { assertPositiveIntegers } from './assertPositiveIntegers'
import { parseMemoryEventId } from './eventId'
import type { ReplayResult, ReplayStore } from './ReplayStore'
import { REPLAY_WINDOW_DEFAULTS } from './replayWindowDefaults'

export interface MemoryReplayOptions {
  /** Most events kept. @default 10_000 */
  maxEvents?: number
  /** Events older than this are forgotten. @default 300_000 (5 minutes) */
  maxAgeMs?: number
}

/**
 * A bounded in-memory replay window for the memory bus: the newest `maxEvents` events of the last
 * `maxAgeMs`, in a ring buffer. A resume from inside the window replays exactly what was missed; from
 * before it, from another epoch, or from an id it never issued, it answers `resync`.
 */
export function memoryReplay({
  maxEvents = REPLAY_WINDOW_DEFAULTS.maxEvents,
  maxAgeMs = REPLAY_WINDOW_DEFAULTS.maxAgeMs,
}: MemoryReplayOptions = {}): ReplayStore {
  assertPositiveIntegers('memoryReplay', { maxEvents, maxAgeMs })
  const { ring, seqs } = allocateRing(maxEvents)
  let start = 0
  let size = 0

  function evictOlderThan(now: number): void {
    while (size > 0 && now - ring[start]!.publishedAt > maxAgeMs) {
      ring[start] = undefined
      start = (start + 1) % maxEvents
      size -= 1
    }
  }

  return {
    record(event) {
      const id = parseMemoryEventId(event.id)
      // Recording is idempotent: an event at or before the newest kept one is already here.
      if (!id || (size > 0 && id.seq <= seqs[(start + size - 1) % maxEvents]!)) return
      const slot = (start + size) % maxEvents
      if (size === maxEvents) start = (start + 1) % maxEvents
      else size += 1
      ring[slot] = event
      seqs[slot] = id.seq
    },

    since(lastEventId, headId, filter): ReplayResult {
      const last = parseMemoryEventId(lastEventId)
      const head = parseMemoryEventId(headId)
      if (!last || !head || last.epoch !== head.epoch || last.seq > head.seq) return { resync: 'epoch' }
      const now = Date.now()
      evictOlderThan(now)
      if (last.seq === head.seq) return { events: [] }
      // The oldest kept event must be the one right after `last`, or earlier: otherwise some were forgotten.
      const oldestSeq = size > 0 ? seqs[start]! : head.seq + 1
      if (oldestSeq > last.seq + 1) return { resync: 'replay-gap' }
      const events: HubEvent[] = []
      for (let i = last.seq + 1 - oldestSeq; i < size; i++) {
        const event = ring[(start + i) % maxEvents]!
        if (!isExpired(event, now) && filter(event)) events.push(event)
      }
      return { events }
    },
  }
}

/** The ring's slots; a length no array can have (or no memory can back) is an `invalid_option`. */
function allocateRing(maxEvents: number): { ring: (HubEvent | undefined)[]; seqs: Float64Array } {
  try {
    return { ring: new Array(maxEvents), seqs: new Float64Array(maxEvents) }
  } catch (error) {
    throw new HubError(
      'invalid_option',
      `memoryReplay: maxEvents ${maxEvents} is more than this process can hold`,
      { status: 500, cause: error },
    )
  }
}
