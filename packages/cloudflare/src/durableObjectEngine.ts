import {
  assertPositiveIntegers,
  REPLAY_WINDOW_DEFAULTS,
  type ReplayStore,
  refuseRenamedOptions,
  type TicketStore,
} from '@ssehub/server/engine'
import { type ObjectBus, objectBus, type RetentionOptions } from './objectBus'
import { objectReplay } from './objectReplay'
import { objectTicketStore, type TicketLimits } from './objectTicketStore'
import { hubTables, type ObjectStorage } from './SqlStorage'

export interface DurableObjectEngineOptions extends RetentionOptions, TicketLimits {
  /**
   * Prefix of the engine's tables (`<tablePrefix>_events`, `_meta`, `_tickets`): another one for each hub, when
   * one object holds several. Lower-case letters, digits and `_`, starting with a letter.
   * @default 'ssehub'
   */
  tablePrefix?: string
}

/** What `createHub` takes to run on one object's storage. */
export interface DurableObjectEngine {
  bus: ObjectBus
  replay: ReplayStore
  tickets: TicketStore
}

/**
 * The hub's engine on a SQLite-backed Durable Object's storage: a bus that appends every event to a table
 * and delivers it to the object's streams, replay from that table, and tickets in another. Event ids,
 * the replay window and outstanding tickets survive the object's restart. It runs the engine conformance
 * suite of `@ssehub/server/testing`, in workerd.
 *
 * @example
 * const hub = createHub({ ...durableObjectEngine(ctx.storage), authenticate })
 */
export function durableObjectEngine(
  storage: ObjectStorage,
  options: DurableObjectEngineOptions = {},
): DurableObjectEngine {
  refuseRenamedOptions('durableObjectEngine', options, { prefix: 'tablePrefix' })
  const {
    maxEvents = REPLAY_WINDOW_DEFAULTS.maxEvents,
    maxAgeMs = REPLAY_WINDOW_DEFAULTS.maxAgeMs,
    maxTickets = 10_000,
    maxTicketsPerPrincipal = 100,
    tablePrefix = 'ssehub',
  } = options
  assertPositiveIntegers('durableObjectEngine', { maxEvents, maxAgeMs, maxTickets, maxTicketsPerPrincipal })
  const tables = hubTables(storage.sql, tablePrefix)
  return {
    bus: objectBus(storage, tables, { maxEvents, maxAgeMs }),
    replay: objectReplay(tables, { maxAgeMs }),
    tickets: objectTicketStore(tables, { maxTickets, maxTicketsPerPrincipal }),
  }
}
