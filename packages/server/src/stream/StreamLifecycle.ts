import { Connection, type ConnectionInit } from '../delivery/Connection'
import { createTask, type ScheduledTask } from '../delivery/Scheduler'
import type { Sink } from '../transport/Sink'
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

/** The state of a stream that has not opened yet. */
interface OpeningState {
  /** The transport it will start on. */
  transport: StreamTransport
  /** Stops watching for the client's leaving through the transport (the sink takes over once open). */
  stopWatching: (() => void) | undefined
  /** Rejects the step being awaited, if any. */
  interruptStep: ((ended: StreamEnded) => void) | undefined
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
  /** What only an opening stream needs; dropped once it opens or ends. */
  #opening: OpeningState | undefined
  /** Where the stream writes, once open. */
  #sink: Sink | undefined
  #retireTask: ScheduledTask | undefined
  #retireAt = Number.POSITIVE_INFINITY
  #claimCheck: ScheduledTask | undefined
  readonly #host: StreamHost

  /** A stream request on `transport`: it ends at once if the client is already gone. */
  constructor(host: StreamHost, transport: StreamTransport) {
    this.#host = host
    const opening: OpeningState = { transport, stopWatching: undefined, interruptStep: undefined }
    this.#opening = opening
    const stopWatching = transport.watchClient(() => this.end('client-gone'))
    if (this.#state === 'closed') stopWatching()
    else opening.stopWatching = stopWatching
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
    const opening = this.#opening!
    const ended = new Promise<never>((_, reject) => {
      opening.interruptStep = reject
    })
    try {
      return await Promise.race([pending, ended])
    } finally {
      opening.interruptStep = undefined
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
   * Starts the stream on its transport: the head, the opening bytes (with the head id the client resumes
   * from), then what was held meanwhile. Returns the response for Hono. From here the stream keeps its
   * sink only: nothing of the request or of Hono's context.
   */
  open(openingBytes: Uint8Array, headId: string): Response {
    this.#assertOpening()
    const connection = this.#connection
    const state = this.#opening
    if (!connection || !state) throw new Error('open() before register()')
    const { response, sink, claimed } = state.transport.start()
    this.#opening = undefined
    state.stopWatching?.()
    this.#sink = sink
    this.#state = 'open'
    sink.onClose(() => this.end('client-gone'))
    connection.open(sink, openingBytes, headId)
    if (claimed) this.#expectClaim(claimed, connection)
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
    const opening = this.#opening
    this.#opening = undefined
    opening?.stopWatching?.()
    const connection = this.#connection
    for (const task of [this.#retireTask, this.#claimCheck]) if (task) connection?.scheduler.cancel(task)
    connection?.dispose()
    this.#sink?.end()
    opening?.interruptStep?.(new StreamEnded(reason))
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
