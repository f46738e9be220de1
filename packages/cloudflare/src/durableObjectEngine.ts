import { type Bus, HubError, type ReplayStore, type TicketStore } from '@ssehub/server'
import { type ObjectBus, objectBus, type RetentionOptions } from './objectBus'
import { objectReplay } from './objectReplay'
import { objectTicketStore, type TicketLimits } from './objectTicketStore'
import { ensureSchema, type ObjectStorage } from './SqlStorage'

export interface DurableObjectEngineOptions extends RetentionOptions, TicketLimits {}

/** What `createHub` takes to run on one object's storage. */
export interface DurableObjectEngine {
  bus: ObjectBus
  replay: ReplayStore
  tickets: TicketStore
}

/**
 * The hub's engine on a SQLite-backed Durable Object's storage: a bus that appends every event to a table
 * and delivers it to the object's streams, replay from that table, and tickets in another. Event ids,
 * the replay window and outstanding tickets survive the object's restart.
 *
 * @example
 * const hub = createHub({ ...durableObjectEngine(ctx.storage), authenticate })
 */
export function durableObjectEngine(
  storage: ObjectStorage,
  options: DurableObjectEngineOptions = {},
): DurableObjectEngine {
  const {
    maxEvents = 10_000,
    maxAgeMs = 300_000,
    maxTickets = 10_000,
    maxTicketsPerPrincipal = 100,
  } = options
  for (const [name, value] of Object.entries({ maxEvents, maxAgeMs, maxTickets, maxTicketsPerPrincipal })) {
    if (!Number.isSafeInteger(value) || value <= 0) {
      throw new HubError(
        'invalid_option',
        `durableObjectEngine: ${name} must be a positive integer, got ${value}`,
      )
    }
  }
  ensureSchema(storage.sql)
  const bus: Bus & ObjectBus = objectBus(storage, { maxEvents, maxAgeMs })
  return {
    bus,
    replay: objectReplay(storage.sql, { maxAgeMs }),
    tickets: objectTicketStore(storage.sql, { maxTickets, maxTicketsPerPrincipal }),
  }
}
