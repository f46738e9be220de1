import type { HubEvent } from '../../events'
import { groupMatches } from '../../events'
import type { EngineNode } from '../EngineHarness'
import { resumeThroughHub } from './resumeThroughHub'
import type { SuiteContext } from './SuiteContext'
import { assertEqual, fail, message, waitFor } from './support'

/** Replay: exact, filtered, and `resync` whenever it can't be. */
export function replayTests({ test, pair, node: startNode, harness }: SuiteContext): void {
  const caughtUp = (node: EngineNode, id: string) =>
    waitFor(() => node.bus.headId() === id, 'the node has read the last event')

  test('since() returns exactly the later events its filter accepts, in order, on any node', async () => {
    const [a, b] = await pair()
    const t1 = { tenant_id: 't1' }
    const messages = Array.from({ length: 30 }, (_, i) =>
      message(
        i % 3 === 0 ? 'invoices' : 'orders',
        i % 4 === 0 ? { tenant_id: 't2' } : i % 2 ? t1 : undefined,
      ),
    )
    const ids: string[] = []
    for (const item of messages) ids.push(await a.bus.publish(item))
    await caughtUp(a, ids.at(-1)!)
    await caughtUp(b, ids.at(-1)!)
    const filter = (event: HubEvent) => event.topics.includes('orders') && groupMatches(event.group, t1)
    for (const node of [a, b]) {
      for (const from of [0, 1, 13, 28]) {
        const result = await node.replay.since(ids[from]!, node.bus.headId(), filter)
        if (!('events' in result)) fail(`since(${ids[from]}) answered resync ${result.resync}`)
        const expected = ids.filter((_, i) => i > from && filter({ ...messages[i]!, id: ids[i]! }))
        assertEqual(
          result.events.map((event) => event.id),
          expected,
          `since(event ${from})`,
        )
        assertEqual(
          result.events[0]?.data,
          expected[0] && messages[ids.indexOf(expected[0])]!.data,
          'replayed data',
        )
      }
      const head = node.bus.headId()
      assertEqual(await node.replay.since(head, head, () => true), { events: [] }, 'since(head)')
    }
  })

  test('a resume through a hub replays topic AND group matches only, on another node', async () => {
    const [a, b] = await pair()
    const published = await resumeThroughHub(a, b)
    assertEqual(published.replayed, published.expected, 'the replayed events')
    assertEqual(published.others, [], 'other frames of the opening')
    assertEqual(published.connected, { resumed: true }, 'the connected frame')
  })

  test('an id the stream never issued gets resync epoch, never a guess', async () => {
    const [a, b] = await pair()
    const known = await a.bus.publish(message())
    await caughtUp(b, await a.bus.publish(message()))
    const bogus = [
      '',
      'garbage',
      '-',
      '0',
      '-1',
      'x-1',
      `${known}x`,
      `x${known}`,
      '../../etc/passwd',
      'é'.repeat(40),
    ]
    for (const node of [a, b]) {
      for (const id of bogus) {
        const result = await node.replay.since(id, node.bus.headId(), () => true)
        assertEqual(result, { resync: 'epoch' }, `since(${JSON.stringify(id)})`)
      }
    }
    if (!harness.multiNode) {
      // On a single-node engine another node is another stream: its ids are foreign here.
      const other = await (await startNode()).bus.publish(message())
      assertEqual(
        await a.replay.since(other, a.bus.headId(), () => true),
        { resync: 'epoch' },
        "another node's id",
      )
    }
  })

  test(`an id whose successors left the replay window gets resync replay-gap`, async () => {
    const [a, b] = await pair()
    const first = await a.bus.publish(message())
    for (let i = 0; i < harness.retention; i += 50) {
      const count = Math.min(50, harness.retention - i)
      await Promise.all(Array.from({ length: count }, () => a.bus.publish(message())))
    }
    const last = await a.bus.publish(message())
    await caughtUp(a, last)
    await caughtUp(b, last)
    // An engine may trim in the background: the window moves on soon, not necessarily at once.
    await waitFor(
      async () => 'resync' in (await a.replay.since(first, a.bus.headId(), () => true)),
      'the first event has left the replay window',
      30_000,
    )
    for (const node of [a, b]) {
      assertEqual(
        await node.replay.since(first, node.bus.headId(), () => true),
        { resync: 'replay-gap' },
        'since(trimmed id)',
      )
    }
  })
}
