import { Connection, type ConnectionInit } from '../delivery/Connection'
import { createTask, type ScheduledTask } from '../delivery/Scheduler'
import type { StreamTransport } from '../transport/StreamTransport'
import { encodeFrameBytes } from '../wire/encodeFrame'

/**
 * Where a stream is in its life. `opening`: authentication, `onConnect`, the replay read; `open`: live;
 * `retiring`: its last frames (`drain`) are being written; `closed`: gone from every index, limit, timer
 * and count, which happens exactly once whatever ended it.
 */
export type StreamState = 'opening' | 'open' | 'retiring' | 'closed'

/** Why a stream ended, as `onDisconnect` reports it. `error`: an exception while it was opening. */
export type DisconnectReason = 'client-gone' | 'drain' | 'rotation' | 'server-close' | 'error'

/** Thrown out of `StreamLifecycle.step` when the stream ended while the step was awaited. */
export class StreamEnded extends Error {
  override readonly name = 'StreamEnded'
  readonly reason: DisconnectReason

  constructor(reason: DisconnectReason) {
    super(`The stream ended while opening (${reason})`)
    this.reason = reason
  }
}

/** What a stream needs from its hub: `StreamRegistry` is it. */
export interface StreamHost {
  /** Counts the connection against the limits and adds it to routing; throws the limits' `HubError`. */
  register(stream: StreamLifecycle, connection: Connection): void
  /** The stream is closed: forget it everywhere. `connection` is set when it had been registered. */
  forget(stream: StreamLifecycle, reason: DisconnectReason, connection: Connection | undefined): void
}

/**
 * The one owner of a stream's life: `opening → open → retiring → closed`. Every exit — the client gone at
 * any await, an exception at any step, `drain()`, `close()` or a rotation at any moment — goes through
 * `end()`, which runs once. While opening, every await goes through `step()`, which gives up waiting the
 * moment the stream ends, so a request that leaves mid-`authenticate` leaves nothing behind.
 */
export class StreamLifecycle {
  readonly id = crypto.randomUUID()
  #state: StreamState = 'opening'
  #endedBy: DisconnectReason | undefined
  #connection: Connection | undefined
  #transport: StreamTransport | undefined
  #retireTask: ScheduledTask | undefined
  #retireAt = Number.POSITIVE_INFINITY
  #claimCheck: ScheduledTask | undefined
  /** Rejects the step being awaited, if any. */
  #interruptStep: ((ended: StreamEnded) => void) | undefined
  readonly #host: StreamHost
  readonly #signal: AbortSignal
  readonly #onAbort = () => this.end('client-gone')

  constructor(host: StreamHost, signal: AbortSignal) {
    this.#host = host
    this.#signal = signal
    if (signal.aborted) this.end('client-gone')
    else signal.addEventListener('abort', this.#onAbort, { once: true })
  }

  get state(): StreamState {
    return this.#state
  }

  /** Why it ended, once it has. */
  get endedBy(): DisconnectReason | undefined {
    return this.#endedBy
  }

  get connection(): Connection | undefined {
    return this.#connection
  }

  /**
   * Awaits `work` unless the stream ends first: then throws `StreamEnded` at once (the work may go on, its
   * result is ignored). Every await of the opening goes through here.
   */
  async step<T>(work: T | PromiseLike<T>): Promise<T> {
    this.#assertOpening()
    const pending = Promise.resolve(work)
    pending.catch(() => {}) // if the stream ends first, a later rejection has nobody to tell
    const ended = new Promise<never>((_, reject) => {
      this.#interruptStep = reject
    })
    try {
      return await Promise.race([pending, ended])
    } finally {
      this.#interruptStep = undefined
      this.#assertOpening()
    }
  }

  /**
   * Creates the connection and has the host register it: from now on it is routed (frames held until
   * `open`), counted and limited. Synchronous, so the limits checked here can't be overshot by a request
   * that awaits between check and count.
   */
  register(init: ConnectionInit): Connection {
    this.#assertOpening()
    const connection = new Connection(init)
    this.#host.register(this, connection)
    this.#connection = connection
    return connection
  }

  /**
   * Starts the stream on `transport`: the head, the opening bytes (with the head id the client resumes
   * from), then what was held meanwhile. Returns the response for Hono.
   */
  open(transport: StreamTransport, opening: Uint8Array, headId: string): Response {
    this.#assertOpening()
    const connection = this.#connection
    if (!connection) throw new Error('open() before register()')
    const response = transport.start()
    this.#transport = transport
    this.#state = 'open'
    transport.sink.onClose(() => this.end('client-gone'))
    connection.open(transport.sink, opening, headId)
    if (transport.claimed) this.#expectClaim(transport.claimed, connection)
    return response
  }

  /**
   * Ends the stream at `atMs` (on the scheduler's clock) for a drain or a rotation: pending frames are
   * flushed, a `retry:` of `retryMs` and a `drain` frame telling the client to come back after
   * `reconnectInMs` are written, and the stream closes. An earlier call wins. A stream still opening ends
   * at once (its request is answered 503).
   */
  retire(reason: 'drain' | 'rotation', atMs: number, timing: { retryMs: number; reconnectInMs: number }) {
    if (this.#state === 'opening') return this.end(reason)
    const connection = this.#connection
    if (this.#state !== 'open' || !connection || atMs >= this.#retireAt) return
    const { scheduler } = connection
    if (this.#retireTask) scheduler.cancel(this.#retireTask)
    this.#retireAt = atMs
    this.#retireTask = createTask(() => {
      this.#state = 'retiring'
      const data = JSON.stringify({ reconnectInMs: timing.reconnectInMs })
      connection.writeFinal(encodeFrameBytes({ retry: timing.retryMs, event: 'drain', data }))
      this.end(reason)
    })
    scheduler.schedule(this.#retireTask, atMs)
  }

  /** Ends the stream, from any state; only the first call does anything. */
  end(reason: DisconnectReason): void {
    if (this.#state === 'closed') return
    this.#state = 'closed'
    this.#endedBy = reason
    this.#signal.removeEventListener('abort', this.#onAbort)
    const connection = this.#connection
    for (const task of [this.#retireTask, this.#claimCheck]) if (task) connection?.scheduler.cancel(task)
    connection?.dispose()
    this.#transport?.sink.end()
    this.#interruptStep?.(new StreamEnded(reason))
    this.#host.forget(this, reason, connection)
  }

  /**
   * A response body nobody reads within two heartbeats was never handed to the client (a middleware
   * replaced it after `next()`): the stream ends rather than hold a slot for good.
   */
  #expectClaim(claimed: () => boolean, connection: Connection): void {
    const { scheduler } = connection
    this.#claimCheck = createTask(() => {
      if (!claimed()) this.end('client-gone')
    })
    scheduler.schedule(this.#claimCheck, scheduler.now() + 2 * connection.settings.heartbeatMs)
  }

  #assertOpening(): void {
    if (this.#state !== 'opening') throw new StreamEnded(this.#endedBy ?? 'error')
  }
}
