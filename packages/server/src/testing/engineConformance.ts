import { continuityTests } from './conformance/continuityTests'
import { eventTests } from './conformance/eventTests'
import { replayTests } from './conformance/replayTests'
import { createSuiteContext } from './conformance/SuiteContext'
import { ticketTests } from './conformance/ticketTests'
import type { EngineHarness, TestApi } from './EngineHarness'

/**
 * Registers the conformance suite of an ssehub engine (a `Bus`, a `ReplayStore` and a `TicketStore`)
 * with your test runner: publish and routing, ids in one order on every node, replay through the live
 * filter (topic AND group), `resync` for unknown and trimmed ids, tickets single use and expiring, and
 * continuity under the faults the harness can inject (a stalled node, cut connections, an outage, a
 * store that lost everything). The memory, Redis and Postgres engines all run it.
 *
 * @example
 * import { afterEach, beforeEach, describe, it } from 'vitest'
 * import { engineConformance } from '@ssehub/server/testing'
 *
 * engineConformance({ describe, it, beforeEach, afterEach }, {
 *   name: 'my engine',
 *   multiNode: true,
 *   retention: 200,
 *   createNode: async () => { const bus = myBus(...); return { bus, replay: myReplay(...), tickets: myTickets(...), ready: bus.ready, close: () => bus.close() } },
 * })
 */
export function engineConformance(api: TestApi, harness: EngineHarness): void {
  api.describe(`ssehub engine conformance: ${harness.name}`, () => {
    const context = createSuiteContext(api, harness)
    api.describe('events', () => eventTests(context))
    api.describe('replay', () => replayTests(context))
    api.describe('tickets', () => ticketTests(context))
    api.describe('continuity', () => continuityTests(context))
  })
}
