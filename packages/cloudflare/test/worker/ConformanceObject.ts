import { DurableObject } from 'cloudflare:workers'
import { engineConformance } from '@ssehub/server/testing'
import { durableObjectEngine } from '../../src/index'
import { miniRunner, type TestOutcome } from './miniRunner'

/** The replay window of the nodes under test: the suite publishes up to `retention - 100` events. */
const MAX_EVENTS = 1000
const TICKET_QUOTA = 5

/**
 * Runs `@ssehub/server/testing`'s engine conformance suite against `durableObjectEngine`, inside this
 * object, on its own SQLite storage. Each node gets its own tables (a prefix), as the suite wants each
 * node of a single-node engine to be a stream of its own; `wipe` is `deleteAll()`.
 */
export class ConformanceObject extends DurableObject {
  #nodes = 0

  async run(): Promise<TestOutcome[]> {
    const { api, run } = miniRunner()
    engineConformance(api, {
      name: 'durable object (SQLite storage)',
      multiNode: false,
      // The first event's successor leaves the table after MAX_EVENTS + 1 more.
      retention: MAX_EVENTS + 1,
      ticketQuota: TICKET_QUOTA,
      createNode: async () => {
        this.#nodes += 1
        const engine = durableObjectEngine(this.ctx.storage, {
          maxEvents: MAX_EVENTS,
          maxTicketsPerPrincipal: TICKET_QUOTA,
          tablePrefix: `node${this.#nodes}`,
        })
        return { ...engine, close: () => engine.bus.close() }
      },
      wipe: () => this.ctx.storage.deleteAll(),
    })
    return run()
  }
}
