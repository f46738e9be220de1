import { HubError } from '../../HubError'
import { checkContinuity } from '../checkContinuity'
import type { EngineNode } from '../EngineHarness'
import type { SuiteContext } from './SuiteContext'
import {
  assertEqual,
  type Collector,
  collect,
  fail,
  message,
  publishWhenBack,
  sleep,
  waitFor,
} from './support'

/** Continuity under faults: every event once, or a gap before anything later. */
export function continuityTests({ test, pair, harness }: SuiteContext): void {
  /** Publishes one at a time, so `into` is in stream order. */
  async function publishMany(node: EngineNode, count: number, into: string[]): Promise<void> {
    for (let i = 0; i < count; i++) into.push(await node.bus.publish(message()))
  }

  function assertContinuous(collector: Collector, published: string[], what: string): void {
    const violations = checkContinuity(published, collector.log)
    if (violations.length > 0) fail(`${what}: ${violations.join('; ')}`)
  }

  function assertGapBefore(collector: Collector, id: string, what: string): void {
    const gapAt = collector.log.findIndex((entry) => 'gap' in entry)
    const idAt = collector.log.findIndex((entry) => 'id' in entry && entry.id === id)
    if (gapAt === -1 || gapAt > idAt)
      fail(`${what} reported no gap before ${id}: ${JSON.stringify(collector.log.slice(-5))}`)
  }

  /** Two nodes, each collecting, both past a first event. */
  async function setUp() {
    const [a, b] = await pair()
    const onA = collect(a)
    const onB = collect(b)
    const published = [await a.bus.publish(message())]
    await waitFor(() => onB.has(published[0]!), 'the other node delivers the first event')
    return { a, b, onA, onB, published }
  }

  test(
    'a node whose link stalls while the others publish past the retention reports a gap',
    async () => {
      const { a, b, onA, onB, published } = await setUp()
      const release = await harness.stall!(b)
      try {
        await publishMany(a, harness.retention, published)
        // The stalled node's next event must really be gone from the store before it reads again.
        await waitFor(
          async () => 'resync' in (await a.replay.since(published[0]!, a.bus.headId(), () => true)),
          "the stalled node's next event has left the replay window",
          30_000,
        )
      } finally {
        await release()
      }
      published.push(await a.bus.publish(message()))
      await waitFor(
        () => onB.has(published.at(-1)!),
        'the stalled node delivers the event after its release',
        30_000,
      )
      assertContinuous(onA, published, 'the publishing node')
      assertContinuous(onB, published, 'the stalled node')
      if (!onB.gaps.some((gap) => gap.reason === 'replay-gap'))
        fail(`the stalled node reported no replay-gap: ${JSON.stringify(onB.gaps)}`)
    },
    'stall',
  )

  test(
    'a node whose connections are cut delivers everything after, or a gap first',
    async () => {
      const { a, b, onB, published } = await setUp()
      await harness.cut!(b)
      await publishMany(a, 40, published)
      await harness.cut!(b)
      await sleep(300)
      await publishMany(a, 40, published)
      await waitFor(() => onB.has(published.at(-1)!), 'the cut node delivers the last event', 30_000)
      assertContinuous(onB, published, 'the cut node')
    },
    'cut',
  )

  test(
    'while the store is unreachable publish rejects (engine_unavailable); once back, every node reports a gap',
    async () => {
      const { a, onA, onB, published } = await setUp()
      const restore = await harness.outage!()
      try {
        const error = await a.bus.publish(message()).then(
          () => fail('a publish during the outage resolved'),
          (rejection: unknown) => rejection,
        )
        if (!(error instanceof HubError)) fail(`the publish rejected with ${String(error)}, not a HubError`)
        assertEqual([error.code, error.status], ['engine_unavailable', 503], 'the rejection')
      } finally {
        await restore()
      }
      const after = await publishWhenBack(a, message())
      published.push(after)
      for (const [name, collector] of [
        ['A', onA],
        ['B', onB],
      ] as const) {
        await waitFor(() => collector.has(after), `node ${name} delivers the event after the outage`, 30_000)
        assertContinuous(collector, published, `node ${name}`)
        // The failed publish reached no one: every node must say so before anything newer.
        assertGapBefore(collector, after, `node ${name}`)
      }
    },
    'outage',
  )

  test(
    'a store that lost everything is an epoch: a gap before the next event, resync for old ids',
    async () => {
      const { a, b, onA, onB, published } = await setUp()
      await harness.wipe!()
      const after = await publishWhenBack(a, message())
      for (const [name, node, collector] of [
        ['A', a, onA],
        ['B', b, onB],
      ] as const) {
        await waitFor(() => collector.has(after), `node ${name} delivers the event after the wipe`, 30_000)
        assertGapBefore(collector, after, `node ${name}`)
        assertEqual(collector.gaps[0]?.reason, 'epoch', `node ${name}'s first gap`)
        const result = await node.replay.since(published[0]!, node.bus.headId(), () => true)
        if (!('resync' in result))
          fail(`node ${name} replayed ${JSON.stringify(result)} after an id from before the wipe`)
      }
    },
    'wipe',
  )

  test(
    'a node closes promptly while the store is unreachable',
    async () => {
      const { b } = await setUp()
      const restore = await harness.outage!()
      try {
        // Let the node notice the outage (its reads are failing or waiting to reconnect).
        await sleep(500)
        const closing = Promise.resolve(b.bus.close()).then(() => 'closed')
        const verdict = await Promise.race([closing, sleep(10_000).then(() => 'hung')])
        assertEqual(verdict, 'closed', 'bus.close() during an outage')
      } finally {
        await restore()
      }
    },
    'outage',
  )
}
