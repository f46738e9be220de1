import { isExpired, type Lane, type ResyncReason } from '../events'
import type { Sink } from '../transport/Sink'
import { concatBytes } from '../wire/bytes'
import { HEARTBEAT_BYTES } from '../wire/encodeFrame'
import { coalesceKeyOf } from './coalesceReplay'
import type { DeliveryObserver } from './DeliveryObserver'
import { flushIntervalFor } from './flushInterval'
import { HeldFrames } from './HeldFrames'
import { type BudgetOwner, OutboundBudget } from './OutboundBudget'
import { PendingLanes } from './PendingLanes'
import { ResumeCursor } from './ResumeCursor'
import { cursorFrameBytes, type RoutedFrame } from './RoutedFrame'
import { resyncFrameBytes } from './resyncFrame'
import { createTask, type ScheduledTask, type Scheduler } from './Scheduler'

/** Where a connection writes before `open()`: nowhere (nothing is written before it). */
const UNOPENED: Sink = {
  write() {},
  queuedBytes: 0,
  end() {},
  onClose() {},
  onceDrained() {},
}

/** The delivery settings every connection of a hub shares. */
export interface DeliverySettings {
  bufferBytes: number
  flushIntervalMs: number
  heartbeatMs: number
}

export interface ConnectionInit {
  id: string
  topics: readonly string[]
  metadata: Readonly<Record<string, string>>
  settings: DeliverySettings
  scheduler: Scheduler
  observer: DeliveryObserver
}

/** One connection as `hub.connectionStats()` shows it. */
export interface ConnectionStats {
  id: string
  topics: readonly string[]
  metadata: Readonly<Record<string, string>>
  connectedAt: number
  delivered: Record<Lane, number>
  dropped: number
  /** Bytes held for this connection: not yet taken by its socket, plus pending lane frames. Bounded by `bufferBytes`. */
  queuedBytes: number
  /** Bytes written but not yet taken by the socket, over `bufferBytes`: what the flush interval adapts to. */
  utilization: number
  /** The flush interval this utilization earns now. */
  flushIntervalMs: number
  pendingFrames: number
  paused: boolean
}

/** What a connection has delivered and dropped, per lane. */
export interface ConnectionCounters {
  delivered: Record<Lane, number>
  dropped: number
}

/**
 * The delivery side of one stream: its subscription, its lanes, its flushes and heartbeats on the hub's
 * scheduler, its memory bound (`OutboundBudget`) and its resume point (`ResumeCursor`). Whatever does not
 * fit is dropped, counted, and followed by a `resync` before anything newer. It never ends the stream:
 * its `StreamLifecycle` does, and calls `dispose()`.
 *
 * Until `open()` (while the stream's opening — replay, `connected` — is prepared) live frames are held.
 */
export class Connection implements BudgetOwner {
  readonly createdAt = Date.now()
  readonly counters: ConnectionCounters = { delivered: { instant: 0, batched: 0, coalesced: 0 }, dropped: 0 }
  /** @internal the hub's routing pass that last reached this connection (deduplicates topics). */
  routeMark = 0
  readonly #lanes = new PendingLanes()
  readonly #budget: OutboundBudget
  /** Live frames routed here before `open()`; `undefined` once open. */
  #held: HeldFrames | undefined
  /** Both set by `open()`. */
  #cursor: ResumeCursor | undefined
  #sink: Sink = UNOPENED
  /** The `resync` this connection owes, written before anything newer. */
  #owedResync: ResyncReason | undefined
  #paused = false
  #disposed = false
  /** On the scheduler's monotonic clock. */
  #lastFlushAt = Number.NEGATIVE_INFINITY
  #lastWriteAt = 0
  /** Made with the first batched or coalesced frame: most connections only ever see instant frames. */
  #flushTask: ScheduledTask | undefined
  readonly #heartbeatTask = createTask((now) => this.#onHeartbeatDue(now))

  readonly id: string
  readonly topics: readonly string[]
  readonly metadata: Readonly<Record<string, string>>
  readonly settings: DeliverySettings
  readonly scheduler: Scheduler
  readonly observer: DeliveryObserver

  constructor(init: ConnectionInit) {
    this.id = init.id
    this.topics = init.topics
    this.metadata = init.metadata
    this.settings = init.settings
    this.scheduler = init.scheduler
    this.observer = init.observer
    this.#budget = new OutboundBudget(init.settings.bufferBytes, this, this.#lanes)
    this.#held = new HeldFrames(init.settings.bufferBytes)
  }

  get utilization(): number {
    return this.#budget.utilization
  }

  /** Bytes written but not yet taken by the socket. */
  get backlogBytes(): number {
    return this.#sink.queuedBytes
  }

  /** @internal the budget gave up a pending frame of `lane` to make room. */
  onGivenUp(lane: Lane): void {
    this.#drop(lane, 'evicted')
  }

  /** The flush interval this connection would get now. */
  get flushIntervalMs(): number {
    return flushIntervalFor(this.utilization, this.settings.flushIntervalMs)
  }

  get pendingFrames(): number {
    return this.#lanes.size
  }

  get paused(): boolean {
    return this.#paused
  }

  /** The id a client that leaves now resumes from (`undefined` before `open`). */
  get resumePoint(): string | undefined {
    return this.#cursor?.written
  }

  stats(): ConnectionStats {
    return {
      id: this.id,
      topics: this.topics,
      metadata: this.metadata,
      connectedAt: this.createdAt,
      delivered: { ...this.counters.delivered },
      dropped: this.counters.dropped,
      queuedBytes: this.#budget.usedBytes,
      utilization: this.utilization,
      flushIntervalMs: this.flushIntervalMs,
      pendingFrames: this.pendingFrames,
      paused: this.#paused,
    }
  }

  /**
   * Starts writing to `sink`: the opening (replay, `connected` with the head id), then an owed `resync`,
   * then the frames held meanwhile; and starts the heartbeat.
   */
  open(sink: Sink, opening: Uint8Array, headId: string): void {
    if (this.#disposed || !this.#held) return
    const held = this.#held.take()
    this.#held = undefined
    this.#sink = sink
    this.#cursor = new ResumeCursor(headId)
    const now = this.scheduler.now()
    this.#sink.write(opening)
    this.#lastWriteAt = now
    if (this.#owedResync) this.#writeResyncWhenIdle()
    let written = 0
    for (const frame of held) if (this.deliver(frame, now)) written += 1
    if (written > 0) this.observer.onDelivered('instant', written)
    this.#scheduleHeartbeat()
  }

  /**
   * Takes one routed event onto its lane. Never waits for the socket. `now` (the scheduler's clock) is
   * read once per routing pass. Returns whether an instant frame was written, which the caller reports for
   * all connections at once (the hot path of a fan-out makes no call per connection it can avoid).
   */
  deliver(frame: RoutedFrame, now = this.scheduler.now()): boolean {
    if (this.#disposed) return false
    const cursor = this.#cursor
    if (!cursor) {
      this.#hold(frame)
      return false
    }
    const { event } = frame
    cursor.routed(event.id)
    if (event.supersedes !== undefined) this.#lanes.discardCoalesced(event.supersedes)
    const { lane } = event
    if (lane === 'instant') {
      const overtaking = this.#lanes.size > 0
      // An overtaking frame's id is a longer token than its own: leave room for it.
      const bytes = frame.bytes.byteLength + (overtaking ? cursor.written.length + 1 : 0)
      if (!this.#budget.makeRoom(bytes)) {
        this.#drop('instant', 'overflow')
        return false
      }
      const id = cursor.instantFrameId(event.id, overtaking)
      this.#write(overtaking ? frame.bytesWithId(id) : frame.bytes, now)
      this.counters.delivered.instant += 1
      return true
    }
    const bytes = frame.bytes.byteLength
    if (lane === 'coalesced') {
      const key = coalesceKeyOf(event)
      // A replaced value frees its own bytes, and is never the one given up to make room for its successor.
      if (!this.#budget.makeRoom(bytes - this.#lanes.coalescedBytes(key), key)) {
        this.#lanes.discardCoalesced(key)
        this.#drop('coalesced', 'overflow')
        return false
      }
      if (this.#lanes.setCoalesced(key, frame)) this.observer.onCoalesced()
    } else {
      if (!this.#budget.makeRoom(bytes)) {
        this.#drop('batched', 'overflow')
        return false
      }
      this.#lanes.pushBatched(frame)
    }
    this.#scheduleFlush(now)
    return false
  }

  /** Holds batched and coalesced frames while paused; instant frames still flow. */
  setPaused(paused: boolean): void {
    if (this.#paused === paused) return
    this.#paused = paused
    if (paused) this.#cancelFlush()
    else if (this.pendingFrames > 0) this.#scheduleFlush(this.scheduler.now())
  }

  /**
   * Writes pending batched then coalesced frames as one chunk, skipping those past their TTL. Lanes cross
   * in id order, so the frames go without ids and one cursor frame after them moves the client's resume
   * point to the newest event routed here: everything up to it is now written, coalesced or expired.
   */
  flush(now = this.scheduler.now()): void {
    const cursor = this.#cursor
    if (this.#disposed || !cursor || this.pendingFrames === 0) return
    const intervalMs = this.flushIntervalMs
    const utilization = this.utilization
    const wallNow = Date.now()
    const chunks: Uint8Array[] = []
    const take = (frame: RoutedFrame, lane: Lane) => {
      if (isExpired(frame.event, wallNow)) return this.observer.onDropped(lane, 'expired')
      chunks.push(frame.bytesWithoutId)
      this.counters.delivered[lane] += 1
      this.observer.onDelivered(lane, 1)
    }
    const { batched, coalesced } = this.#lanes.takeAll()
    for (const frame of batched) take(frame, 'batched')
    for (const frame of coalesced) take(frame, 'coalesced')
    const cursorId = cursor.flushed()
    if (cursorId !== undefined) chunks.push(cursorFrameBytes(cursorId))
    this.#lastFlushAt = now
    this.#cancelFlush()
    if (chunks.length > 0) this.#write(concatBytes(chunks), now)
    this.observer.onFlush(intervalMs, utilization)
  }

  /**
   * Writes the last bytes of a retiring stream: pending frames first (flushed even while paused), an owed
   * `resync`, then `bytes` (the `drain` frame).
   */
  writeFinal(bytes: Uint8Array): void {
    if (this.#disposed || !this.#cursor) return
    this.#paused = false
    this.flush()
    this.#write(bytes)
  }

  /**
   * Owes the client a `resync` (it may have missed events): written at once when the socket has no
   * backlog, else before the next frame, when the socket drains, or at the next heartbeat, whichever
   * comes first. A reason already owed is kept: the first loss is the one the client must hear of.
   * It is the one frame allowed past `bufferBytes`: the bound is `bufferBytes` plus one `resync`.
   */
  requireResync(reason: ResyncReason): void {
    if (this.#disposed || this.#owedResync) return
    this.#owedResync = reason
    if (this.#cursor) this.#writeResyncWhenIdle()
  }

  /** Releases the connection's tasks and frames; nothing is written afterwards. The lifecycle calls it once. */
  dispose(): void {
    if (this.#disposed) return
    this.#disposed = true
    this.#cancelFlush()
    this.scheduler.cancel(this.#heartbeatTask)
    this.#lanes.clear()
    this.#held = undefined
  }

  /** Every write goes through here, so an owed `resync` always precedes the next frame. */
  #write(bytes: Uint8Array, now = this.scheduler.now()): void {
    if (this.#owedResync) this.#writeResync()
    this.#sink.write(bytes)
    this.#lastWriteAt = now
  }

  #hold(frame: RoutedFrame): void {
    if (this.#held?.push(frame)) return
    // Past the budget while the opening is prepared: the held frames are given up, and a resync follows it.
    const given = this.#held?.take() ?? []
    for (const heldFrame of [...given, frame]) this.#drop(heldFrame.event.lane, 'overflow')
  }

  #drop(lane: Lane, reason: 'overflow' | 'evicted'): void {
    this.counters.dropped += 1
    this.observer.onDropped(lane, reason)
    this.requireResync('overflow')
  }

  /** Writes the owed `resync` now if the socket has no backlog, or once it has taken it. */
  #writeResyncWhenIdle(): void {
    if (!this.#owedResync || this.#disposed) return
    if (this.backlogBytes === 0) this.#writeResync()
    else this.#sink.onceDrained(() => this.#writeResyncWhenIdle())
  }

  #writeResync(): void {
    const reason = this.#owedResync
    if (!reason) return
    this.#owedResync = undefined
    this.#sink.write(resyncFrameBytes(reason))
    this.observer.onResync(reason)
    this.#lastWriteAt = this.scheduler.now()
  }

  #scheduleFlush(now: number): void {
    this.#flushTask ??= createTask((at) => this.#onFlushDue(at))
    if (this.#paused || this.scheduler.isScheduled(this.#flushTask)) return
    this.scheduler.schedule(this.#flushTask, Math.max(now, this.#lastFlushAt + this.flushIntervalMs))
  }

  #cancelFlush(): void {
    if (this.#flushTask) this.scheduler.cancel(this.#flushTask)
  }

  #onFlushDue(now: number): void {
    if (this.#paused || this.#disposed) return
    // The interval is judged again at the flush: a buffer that filled meanwhile earns a later flush.
    if (this.#lastFlushAt + this.flushIntervalMs > now) this.#scheduleFlush(now)
    else this.flush(now)
  }

  #scheduleHeartbeat(): void {
    this.scheduler.schedule(this.#heartbeatTask, this.#lastWriteAt + this.settings.heartbeatMs)
  }

  /** Idle for `heartbeatMs`: an owed `resync` goes out now if it fits, else a `: hb` comment. */
  #onHeartbeatDue(now: number): void {
    if (this.#disposed) return
    if (this.#owedResync && this.backlogBytes === 0) this.#writeResync()
    else if (now - this.#lastWriteAt >= this.settings.heartbeatMs && this.#sink.queuedBytes === 0) {
      this.#sink.write(HEARTBEAT_BYTES)
      this.#lastWriteAt = now
    }
    this.#scheduleHeartbeat()
  }
}
