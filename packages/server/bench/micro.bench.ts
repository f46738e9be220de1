/**
 * Micro-benchmarks of the hub core, one per row of the Go library's table (issue 3).
 * `pnpm bench:micro` runs them and writes their medians into `RESULTS.md`.
 *
 * A case that takes nanoseconds runs its operation N times per timed sample and says so in its name
 * (`×1000`): one `performance.now()` pair costs about as much as the thing measured, so timing calls one
 * by one would report the clock, not the code. `writeMicroTable.mjs` divides the median by N.
 */
import { bench, describe } from 'vitest'
import { Connection, type DeliverySettings } from '../src/delivery/Connection'
import { flushIntervalFor } from '../src/delivery/flushInterval'
import { encodeEvent, RoutedFrame } from '../src/delivery/RoutedFrame'
import { Scheduler } from '../src/delivery/Scheduler'
import { createEpoch, formatMemoryEventId } from '../src/engine/eventId'
import { memoryReplay } from '../src/engine/memoryReplay'
import type { HubEvent } from '../src/events'
import { HubCounters } from '../src/HubStats'
import { eventMatches, Router } from '../src/routing/Router'
import { TopicIndex } from '../src/routing/TopicIndex'
import { matchesPattern } from '../src/routing/topics'
import type { Sink } from '../src/transport/Sink'
import { encodeFrameBytes } from '../src/wire/encodeFrame'

const OPS = 1000
/** Measured for a second each (tinybench's default is half that): a 2-core machine shared with others is noisy. */
const TIMING = { time: 1000 }

/** Results folded in here so the optimizer cannot drop the work being measured. */
let blackhole = 0

/** A socket that takes every byte at once: no I/O, no backlog, so only hub work is measured. */
function discardingSink(): Sink {
  let onClose: (() => void) | undefined
  return {
    write() {},
    queuedBytes: 0,
    end: () => onClose?.(),
    onClose(listener) {
      onClose = listener
    },
    onceDrained() {},
  }
}

const settings: DeliverySettings = { bufferBytes: 256 * 1024, flushIntervalMs: 2000, heartbeatMs: 3_600_000 }

function openConnection(id: string, topics: string[], scheduler: Scheduler) {
  const connection = new Connection({
    id,
    topics,
    metadata: { tenant_id: 't1' },
    settings,
    scheduler,
    observer: new HubCounters(),
  })
  connection.open(discardingSink(), new Uint8Array(0), 'bench-0')
  return connection
}

function hubEvent(partial: Partial<HubEvent>): HubEvent {
  return {
    id: 'k3j9x0a1b2-1042',
    type: 'invalidate',
    topics: ['orders', 'orders.ord_1'],
    data: '{"resource":"orders","id":"ord_1","action":"updated"}',
    lane: 'instant',
    publishedAt: Date.now(),
    ...partial,
  }
}

/**
 * 1,000 connections in a router, all reached by `event`, through a mix of exact, `*` and `>` patterns
 * (some connections match twice, so deduplication is exercised), plus a pattern each that matches nothing.
 */
function fanOut(resource: string, id: string) {
  const scheduler = new Scheduler()
  const router = new Router(new HubCounters())
  const shapes = [[resource], [`${resource}.${id}`], [`${resource}.*`], [`${resource}.>`, resource]]
  for (let i = 0; i < 1000; i++) {
    const topics = [...shapes[i % shapes.length]!, `customers.cus_${i}`]
    router.add(openConnection(`c${i}`, topics, scheduler))
  }
  const close = () => {
    for (const connection of [...router.connections.values()]) {
      connection.dispose()
      router.remove(connection)
    }
    scheduler.clear()
  }
  return { router, close }
}

/** Closes a fixture's connections (and with them its timers) once the measured run is over. */
const closeAfterRun = (close: () => void) => ({
  ...TIMING,
  teardown: (_task: unknown, mode?: string) => {
    if (mode === 'run') close()
  },
})

describe('topic match', () => {
  // 1,000 subscriptions, each topic below matched by exactly one: the cost is the walk, not the visits.
  const index = new TopicIndex<number>()
  for (let i = 0; i < 600; i++) index.add(`orders.ord_${i}`, i)
  for (let i = 600; i < 800; i++) index.add(`imports.imp_${i}.*`, i)
  for (let i = 800; i < 1000; i++) index.add(`tenants.t_${i}.>`, i)
  // Built at run time like a published topic, so no comparison is won by string identity.
  const topic = (...tokens: string[]) => tokens.join('.')
  const exactTopic = topic('orders', 'ord_42')
  const starTopic = topic('imports', 'imp_700', 'rows')
  const restTopic = topic('tenants', 't_900', 'orders', 'ord_1')
  const visit = (subscriber: number) => {
    blackhole += subscriber
  }

  bench(
    `TopicIndex.match, exact subscription, 1,000 indexed (×${OPS})`,
    () => {
      for (let i = 0; i < OPS; i++) index.match(exactTopic, visit)
    },
    TIMING,
  )
  bench(
    `TopicIndex.match, * subscription, 1,000 indexed (×${OPS})`,
    () => {
      for (let i = 0; i < OPS; i++) index.match(starTopic, visit)
    },
    TIMING,
  )
  bench(
    `TopicIndex.match, > subscription, 1,000 indexed (×${OPS})`,
    () => {
      for (let i = 0; i < OPS; i++) index.match(restTopic, visit)
    },
    TIMING,
  )
  bench(
    `matchesPattern, exact (×${OPS})`,
    () => {
      for (let i = 0; i < OPS; i++) if (matchesPattern('orders.ord_42', exactTopic)) blackhole++
    },
    TIMING,
  )
  bench(
    `matchesPattern, * (×${OPS})`,
    () => {
      for (let i = 0; i < OPS; i++) if (matchesPattern('orders.*', exactTopic)) blackhole++
    },
    TIMING,
  )
  bench(
    `matchesPattern, > (×${OPS})`,
    () => {
      for (let i = 0; i < OPS; i++) if (matchesPattern('imports.>', starTopic)) blackhole++
    },
    TIMING,
  )
})

describe('publish to 1,000 in-memory connections', () => {
  const instant = fanOut('orders', 'ord_1')
  const invalidate = hubEvent({})
  if (instant.router.route(invalidate) !== 1000) throw new Error('the instant event must reach all 1,000')

  // A progress update: after the first, every route replaces the pending value of the same key.
  const coalesced = fanOut('imports', 'imp_9')
  const progress = hubEvent({
    type: 'progress',
    topics: ['imports', 'imports.imp_9'],
    data: '{"resource":"imports","id":"imp_9","current":420,"total":1000,"pct":42}',
    lane: 'coalesced',
    coalesceKey: 'progress:imports.imp_9',
  })
  if (coalesced.router.route(progress) !== 1000) throw new Error('the progress event must reach all 1,000')

  bench(
    'Router.route, instant invalidate (encode once, write to 1,000)',
    () => {
      blackhole += instant.router.route(invalidate)
    },
    closeAfterRun(instant.close),
  )
  bench(
    'Router.route, coalesced progress (enqueue into 1,000 lanes)',
    () => {
      blackhole += coalesced.router.route(progress)
    },
    closeAfterRun(coalesced.close),
  )
})

describe('coalesce', () => {
  const scheduler = new Scheduler()
  const connection = openConnection('c1', ['imports.imp_9'], scheduler)
  const frame = new RoutedFrame(
    hubEvent({
      type: 'progress',
      topics: ['imports.imp_9'],
      lane: 'coalesced',
      coalesceKey: 'progress:imports.imp_9',
    }),
  )
  connection.deliver(frame)

  bench(
    `Connection.deliver, coalesced, same key (×${OPS})`,
    () => {
      for (let i = 0; i < OPS; i++) connection.deliver(frame)
    },
    closeAfterRun(() => {
      connection.dispose()
      scheduler.clear()
    }),
  )
})

describe('encode', () => {
  const invalidate = hubEvent({})
  bench(
    `encodeFrameBytes, invalidate (×${OPS})`,
    () => {
      for (let i = 0; i < OPS; i++) {
        blackhole += encodeFrameBytes({
          id: invalidate.id,
          event: invalidate.type,
          data: invalidate.data,
        }).length
      }
    },
    TIMING,
  )
  bench(
    `encodeEvent, invalidate (×${OPS})`,
    () => {
      for (let i = 0; i < OPS; i++) blackhole += encodeEvent(invalidate).length
    },
    TIMING,
  )
})

describe('throttle', () => {
  // One utilization per band of DESIGN §2, so every branch is taken.
  const utilizations = [0.05, 0.3, 0.6, 0.9]
  const scheduler = new Scheduler()
  const connection = openConnection('c1', ['orders'], scheduler)

  bench(
    `flushIntervalFor (×${OPS})`,
    () => {
      for (let i = 0; i < OPS; i++) blackhole += flushIntervalFor(utilizations[i & 3]!, 2000)
    },
    TIMING,
  )
  bench(
    `Connection.flushIntervalMs (×${OPS})`,
    () => {
      for (let i = 0; i < OPS; i++) blackhole += connection.flushIntervalMs
    },
    closeAfterRun(() => {
      connection.dispose()
      scheduler.clear()
    }),
  )
})

describe('replay', () => {
  const replay = memoryReplay({ maxEvents: 1000 })
  const epoch = createEpoch()
  for (let seq = 1; seq <= 1000; seq++) {
    replay.record(hubEvent({ id: formatMemoryEventId(epoch, seq), topics: ['orders', `orders.ord_${seq}`] }))
  }
  const lastEventId = formatMemoryEventId(epoch, 500)
  const headId = formatMemoryEventId(epoch, 1000)
  // The live filter, as a resuming connection applies it (topic AND group).
  const scheduler = new Scheduler()
  const connection = openConnection('c1', ['orders'], scheduler)
  const filter = (event: HubEvent) => eventMatches(event, connection)
  const first = replay.since(lastEventId, headId, filter)
  if (!('events' in first) || first.events.length !== 500) throw new Error('replay must return 500 events')

  bench(
    'memoryReplay.since, 500 of 1,000 stored',
    () => {
      const result = replay.since(lastEventId, headId, filter)
      if ('events' in result) blackhole += result.events.length
    },
    closeAfterRun(() => {
      connection.dispose()
      scheduler.clear()
    }),
  )
})

/** Read once at the end so `blackhole` is observably used. */
export const consumed = () => blackhole
