import type { Connection } from '../delivery/Connection'
import type { Scheduler } from '../delivery/Scheduler'
import { HubError } from '../HubError'
import type { HubCounters } from '../HubStats'
import type { Router } from '../routing/Router'
import type { StreamTransport } from '../transport/StreamTransport'
import type { ConnectionLimits } from './ConnectionLimits'
import { drainTiming, retireSpread } from './retirement'
import { type DisconnectReason, type StreamHost, StreamLifecycle, type StreamState } from './StreamLifecycle'

export interface StreamRegistryInit {
  router: Router
  scheduler: Scheduler
  counters: HubCounters
  limits: ConnectionLimits
  retryMs: number
  /** A registered connection ended (exactly once per connection). */
  onDisconnect(connection: Connection, reason: DisconnectReason): void
}

/** How many streams are in each state that is not `closed`. */
export type StreamCounts = Record<Exclude<StreamState, 'closed'>, number>

/**
 * Every stream of a hub, from its first byte of request to its close: admission (draining, limits),
 * registration in routing, and the hub's ends — `drain()` spreads retirements over a grace period and
 * resolves when the last stream is gone, `close()` ends them all at once.
 */
export class StreamRegistry implements StreamHost {
  readonly #streams = new Set<StreamLifecycle>()
  readonly #init: StreamRegistryInit
  #draining: { done: Promise<void>; resolve: () => void } | undefined
  #closed = false

  constructor(init: StreamRegistryInit) {
    this.#init = init
  }

  /** Whether new streams are taken (not draining, not closed). */
  get accepting(): boolean {
    return !this.#closed && this.#draining === undefined
  }

  /** Starts the life of a stream request on `transport`; it ends at once if the client is already gone. */
  begin(transport: StreamTransport): StreamLifecycle {
    const stream = new StreamLifecycle(this, transport)
    if (stream.state !== 'closed') this.#streams.add(stream)
    return stream
  }

  /** Throws the 503 a request gets while the hub is draining or closed. */
  assertAccepting(): void {
    if (this.#closed) throw new HubError('hub_closed', 'The hub is closed', { status: 503, retryAfterSec: 1 })
    if (this.#draining) {
      throw new HubError('draining', 'This server is shutting down: reconnect to another', {
        status: 503,
        retryAfterSec: 1 + Math.floor(Math.random() * 5),
      })
    }
  }

  register(_stream: StreamLifecycle, connection: Connection): void {
    this.assertAccepting()
    const { router, limits, counters } = this.#init
    limits.admit(router.connections.size, connection.metadata)
    router.add(connection)
    limits.opened(connection.metadata)
    counters.onConnectionOpened()
  }

  forget(stream: StreamLifecycle, reason: DisconnectReason, connection: Connection | undefined): void {
    this.#streams.delete(stream)
    const { router, limits, counters } = this.#init
    if (connection && router.remove(connection)) {
      limits.closed(connection.metadata)
      counters.onConnectionClosed()
      this.#init.onDisconnect(connection, reason)
    }
    if (this.#streams.size === 0) this.#draining?.resolve()
  }

  /** Streams per state. */
  counts(): StreamCounts {
    const counts: StreamCounts = { opening: 0, open: 0, retiring: 0 }
    for (const stream of this.#streams) if (stream.state !== 'closed') counts[stream.state] += 1
    return counts
  }

  /**
   * Stops taking streams; ends those still opening at once (503) and retires the open ones spread over
   * `graceMs`. Resolves when every stream is closed; a second call returns the same promise.
   */
  drain(graceMs: number): Promise<void> {
    if (this.#draining) return this.#draining.done
    let resolve!: () => void
    const done = new Promise<void>((r) => {
      resolve = r
    })
    this.#draining = { done, resolve }
    const { scheduler, retryMs } = this.#init
    retireSpread([...this.#streams], scheduler.now(), graceMs, () => drainTiming(retryMs))
    if (this.#streams.size === 0) resolve()
    return done
  }

  /** Ends every stream at once (`server-close`); a drain in progress resolves. */
  close(): void {
    this.#closed = true
    for (const stream of [...this.#streams]) stream.end('server-close')
    this.#draining?.resolve()
  }
}
