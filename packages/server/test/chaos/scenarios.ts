import { expect } from 'vitest'
import type { ChaosRun } from './chaosRun'
import type { NodeProcess } from './NodeProcess'

/**
 * The chaos scenarios every multi-node engine runs (its test starts the engine and the node processes).
 * Each ends with the verdict: every client has every accepted event once, in order, or a `resync`
 * covering what it lacks.
 */
export const scenarios = {
  /** Three nodes, 60 clients; B is SIGSTOPped while A and C publish `publishes` events (past the window). */
  async pausedPastRetention(run: ChaosRun, publishes: number, settleMs = 0): Promise<void> {
    const [a, b, c] = run.nodes as [NodeProcess, NodeProcess, NodeProcess]
    await run.connect(60)
    await run.publish(10, [a, c])
    await run.allReceived(run.published.at(-1)!)
    b.pause()
    await run.publish(publishes, [a, c])
    // Engines that trim in the background get the time to.
    await new Promise((resolve) => setTimeout(resolve, settleMs))
    b.resume()
    await run.allReceived(await run.publishOnceAccepted([a, c]))
    expect(run.violations()).toEqual([])
    // Every client of the paused node lost events to the trim: each was told so.
    const onB = run.clients.filter((_, i) => i % 3 === 1)
    expect(onB.every((client) => client.resyncs > 0)).toBe(true)
  },

  /** Two nodes, 40 clients; the engine goes away (`stop`) and comes back (`start`): every client resyncs. */
  async engineRestarted(
    run: ChaosRun,
    engine: { stop(): Promise<void>; start(): Promise<void> },
  ): Promise<void> {
    await run.connect(40)
    await run.publish(20, run.nodes)
    const before = run.published.at(-1)!
    await run.allReceived(before)
    await engine.stop()
    await run.publish(10, run.nodes)
    expect(run.refused.size).toBe(10)
    await engine.start()
    await run.publishOnceAccepted(run.nodes)
    await run.publish(20, run.nodes)
    await run.allReceived(run.published.at(-1)!)
    expect(run.violations()).toEqual([])
    // Whatever each client received after the outage, a resync came first: the refused publishes were
    // mutations it must refetch.
    for (const client of run.clients) {
      const beforeAt = client.log.findIndex((entry) => 'id' in entry && entry.id === before)
      const firstAfter = client.log.findIndex((entry, i) => i > beforeAt && 'id' in entry)
      const gapAt = client.log.findIndex((entry, i) => i > beforeAt && 'gap' in entry)
      expect(gapAt).toBeGreaterThan(beforeAt)
      expect(gapAt).toBeLessThan(firstAfter)
    }
  },

  /** Two nodes, 40 clients; B is SIGKILLed and started again while A publishes. */
  async nodeKilledAndRestarted(run: ChaosRun): Promise<void> {
    const [a, b] = run.nodes as [NodeProcess, NodeProcess]
    await run.connect(40)
    const publishing = run.publish(200, [a])
    await new Promise((resolve) => setTimeout(resolve, 200))
    await b.kill()
    await b.start()
    await publishing
    await run.allReceived(await run.publishOnceAccepted([a, b]))
    expect(run.violations()).toEqual([])
  },

  /** Three nodes, 200 clients; C drains (SIGTERM) while A and B publish: every event once, no resync. */
  async drainWithManyClients(run: ChaosRun): Promise<void> {
    const [a, b, c] = run.nodes as [NodeProcess, NodeProcess, NodeProcess]
    await run.connect(200)
    const publishing = run.publish(300, [a, b])
    await new Promise((resolve) => setTimeout(resolve, 300))
    await c.drain()
    await publishing
    await run.allReceived(await run.publishOnceAccepted([a, b]))
    expect(run.violations()).toEqual([])
    expect(run.clients.reduce((sum, client) => sum + client.resyncs, 0)).toBe(0)
    // The clients of the drained node really moved.
    expect(run.clients.filter((client) => client.connections > 1).length).toBeGreaterThanOrEqual(60)
  },
}
