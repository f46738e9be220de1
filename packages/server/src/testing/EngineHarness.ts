import type { TicketStore } from '../auth/TicketStore'
import type { Bus } from '../engine/Bus'
import type { ReplayStore } from '../engine/ReplayStore'

/** One node of an engine: what `createHub({ bus, replay, tickets })` takes, on the engine's shared store. */
export interface EngineNode {
  bus: Bus
  replay: ReplayStore
  tickets: TicketStore
  /** Resolves once the node can publish and knows its head (`redisBus(...).ready`, for instance). */
  ready?: Promise<unknown>
  /** Releases everything this node holds (its bus, stores and clients). Must be idempotent: a hub may have closed some of it. */
  close(): Promise<void> | void
}

/**
 * What an engine gives the conformance suite: how to start nodes on it, and which faults it can inject.
 * Every fault is optional; a test whose fault the harness lacks is registered as skipped, saying why.
 */
export interface EngineHarness {
  /** Shown in the suite's title: `'memory'`, `'redis'`, `'postgres'`. */
  name: string
  /**
   * Starts a node. Nodes started between two `reset`s share one stream when `multiNode` is true; a
   * single-node engine (the memory one) makes each node a stream of its own.
   */
  createNode(): Promise<EngineNode>
  /** Whether several nodes share one stream (an event published on one reaches every node). */
  multiNode: boolean
  /**
   * How many more publishes push an event, and the one after it, out of the replay window (so a
   * resume from it must get `resync` `replay-gap`). Approximate trimming (Redis `MAXLEN ~`) counts here.
   * Give the nodes a window of at least a few hundred events: the suite publishes up to
   * `min(3000, retention - 100)` events that a healthy node must read without a gap.
   */
  retention: number
  /**
   * The `maxTicketsPerPrincipal` the nodes' ticket stores were made with: the suite checks that the quota
   * holds across nodes. Omitted, that test is skipped.
   */
  ticketQuota?: number
  /** Before each test: a fresh, empty stream (a new key or table rows, for instance). */
  reset?(): Promise<void>
  /**
   * Freezes `node`'s link to the store, as a paused process or a partition would (its commands are
   * neither answered nor failed) until the returned function is called.
   */
  stall?(node: EngineNode): Promise<() => Promise<void>>
  /** Drops `node`'s connections to the store at once; the node reconnects on its own. */
  cut?(node: EngineNode): Promise<void>
  /** The store is unreachable for every node until the returned function is called. */
  outage?(): Promise<() => Promise<void>>
  /** The store loses everything (a restart without persistence, a truncated table). */
  wipe?(): Promise<void>
}

/**
 * The test functions the suite registers its tests with: vitest's, Jest's, Mocha's or `node:test`'s
 * (`{ describe, it, beforeEach, afterEach }` from any of them fit). The suite uses no `expect`: it
 * throws an `Error` with a precise message when an engine breaks the contract.
 */
export interface TestApi {
  describe(name: string, body: () => void): unknown
  it: TestFunction
  beforeEach(body: () => Promise<void> | void, timeoutMs?: number): unknown
  afterEach(body: () => Promise<void> | void, timeoutMs?: number): unknown
}

/** `it`: registers a test; `it.skip`, where the runner has it, registers one reported as skipped. */
export interface TestFunction {
  (name: string, body: () => Promise<void>, timeoutMs?: number): unknown
  skip?: (name: string, body: () => Promise<void>) => unknown
}
