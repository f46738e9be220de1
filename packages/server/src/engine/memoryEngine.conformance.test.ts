import { afterEach, beforeEach, describe, it } from 'vitest'
import { memoryTicketStore } from '../auth/memoryTicketStore'
import { engineConformance } from '../testing/index'
import { memoryBus } from './memoryBus'
import { memoryReplay } from './memoryReplay'

const MAX_EVENTS = 3200

// The memory engine is one process: each node is a stream of its own, and it has no faults to inject.
engineConformance(
  { describe, it, beforeEach, afterEach },
  {
    name: 'memory',
    multiNode: false,
    // The first event's successor leaves the ring after MAX_EVENTS + 1 more.
    retention: MAX_EVENTS + 1,
    ticketQuota: 5,
    async createNode() {
      const bus = memoryBus()
      const replay = memoryReplay({ maxEvents: MAX_EVENTS })
      const tickets = memoryTicketStore({ maxTicketsPerPrincipal: 5 })
      // Without a hub nothing records into the replay window; recording is idempotent when a hub does too.
      bus.subscribe({ onEvent: (event) => replay.record(event), onGap: () => {} })
      return {
        bus,
        replay,
        tickets,
        async close() {
          await bus.close()
          await tickets.close?.()
        },
      }
    },
  },
)
