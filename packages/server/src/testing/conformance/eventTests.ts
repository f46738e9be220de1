import type { BusMessage } from '../../events'
import { HubError } from '../../HubError'
import type { SuiteContext } from './SuiteContext'
import { assertEqual, collect, fail, message, waitFor } from './support'

/** Publish and route: ids, order, fields, heads, close. */
export function eventTests({ test, pair, node, harness }: SuiteContext): void {
  test('publish resolves to the id every node delivers, every field intact', async () => {
    const [a, b] = await pair()
    const onA = collect(a)
    const onB = collect(b)
    const full: BusMessage = {
      type: 'progress',
      topics: ['imports', 'imports.imp_9'],
      data: '{"current":1,"total":2,"note":"ünïcødé \\n line"}',
      lane: 'coalesced',
      coalesceKey: 'progress:imports.imp_9',
      group: { tenant_id: 't1', plan: 'pro' },
      ttlMs: 60_000,
      supersedes: 'progress:imports.imp_8',
      publishedAt: Date.now(),
    }
    const minimal: BusMessage = { type: 't', topics: ['a'], data: 'null', lane: 'batched', publishedAt: 1 }
    const fullId = await a.bus.publish(full)
    const minimalId = await b.bus.publish(minimal)
    for (const collector of [onA, onB]) {
      await waitFor(() => collector.has(minimalId), 'both events are delivered')
      assertEqual(
        collector.events,
        [
          { ...full, id: fullId },
          { ...minimal, id: minimalId },
        ],
        'delivered events',
      )
      assertEqual(collector.gaps, [], 'gaps')
    }
    if (fullId === minimalId) fail(`two events got one id, ${fullId}`)
  })

  test('ids are unique and every node delivers them in publish order; headId is the newest', async () => {
    const [a, b] = await pair()
    const onA = collect(a)
    const onB = collect(b)
    const published: string[] = []
    for (let i = 0; i < 60; i++) published.push(await (i % 2 ? b : a).bus.publish(message()))
    if (new Set(published).size !== published.length) fail(`ids repeat: ${published.join(' ')}`)
    for (const [name, node, collector] of [
      ['A', a, onA],
      ['B', b, onB],
    ] as const) {
      await waitFor(() => collector.has(published.at(-1)!), `node ${name} delivers the last event`)
      assertEqual(collector.ids(), published, `node ${name}'s delivery order`)
      assertEqual(node.bus.headId(), published.at(-1), `node ${name}'s headId`)
    }
  })

  test('concurrent publishes from every node are delivered in one order everywhere', async () => {
    const [a, b] = await pair()
    const onA = collect(a)
    const onB = collect(b)
    const published = await Promise.all(
      Array.from({ length: 200 }, (_, i) => (i % 2 ? b : a).bus.publish(message())),
    )
    if (new Set(published).size !== published.length) fail('concurrent publishes got the same id')
    await waitFor(() => published.every((id) => onA.has(id) && onB.has(id)), 'both nodes deliver every event')
    assertEqual(onB.ids(), onA.ids(), "node B's order against node A's")
    assertEqual([...onA.ids()].sort(), [...published].sort(), 'the delivered ids')
  })

  // As big as the replay window allows (it must not trim what a healthy node is about to read).
  const backlog = Math.min(3000, harness.retention - 100)
  test(`a backlog of ${backlog} events reaches another node complete, in order, without a gap`, async () => {
    const [a, b] = await pair()
    const onB = collect(b)
    const published: string[] = []
    for (let i = 0; i < backlog; i += 100) {
      const size = Math.min(100, backlog - i)
      const chunk = await Promise.all(Array.from({ length: size }, () => a.bus.publish(message())))
      published.push(...chunk)
    }
    await waitFor(() => onB.events.length >= published.length, 'node B delivers the whole backlog', 60_000)
    assertEqual(onB.gaps, [], 'gaps')
    assertEqual([...onB.ids()].sort(), [...published].sort(), 'the delivered ids')
  })

  test('close is idempotent, stops delivery, and a later publish rejects with engine_unavailable', async () => {
    const [a, b] = harness.multiNode ? await pair() : [await node(), await node()]
    const onA = collect(a)
    // Publishes in flight from another node while this one closes: close must not throw or hang.
    const publishing = harness.multiNode
      ? Promise.all(Array.from({ length: 50 }, () => b.bus.publish(message())))
      : undefined
    await a.bus.close()
    await a.bus.close()
    const delivered = onA.events.length
    await publishing
    const error = await a.bus.publish(message()).then(
      () => fail('publish after close resolved'),
      (rejection: unknown) => rejection,
    )
    if (!(error instanceof HubError))
      fail(`publish after close rejected with ${String(error)}, not a HubError`)
    assertEqual([error.code, error.status], ['engine_unavailable', 503], 'the rejection')
    await new Promise((resolve) => setTimeout(resolve, 200))
    assertEqual(onA.events.length, delivered, 'events delivered after close')
  })
}
