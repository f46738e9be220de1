import { isExpired, type Lane, type ResyncReason } from '../events'
import type { Sink } from '../transport/Sink'
import { concatBytes } from '../wire/bytes'
import { encodeFrameBytes, HEARTBEAT_BYTES } from '../wire/encodeFrame'
import { coalesceKeyOf } from './coalesceReplay'
import type { DeliveryObserver } from './DeliveryObserver'
import { flushIntervalFor } from './flushInterval'
import { PendingLanes } from './PendingLanes'
import { cursorFrameBytes, type RoutedFrame } from './RoutedFrame'
import { createTask, type ScheduledTask, type Scheduler } from './Scheduler'

/** Why a stream ended, as `onDisconnect` reports it. */
export type DisconnectReason = 'client-gone' | 'drain' | 'rotation' | 'server-close'

/** The delivery settings every connection of a hub shares. */
export interface DeliverySettings {
  bufferBytes: number
  flushIntervalMs: number
  heartbeatMs: number
}

/** Live events kept while an asynchronous replay is read; past this the connection owes a `resync`. */
const MAX_HELD_FRAMES = 10_000

const RESYNC_FRAMES: Record<ResyncReason, Uint8Array> = {
  overflow: encodeFrameBytes({ event: 'resync', data: '{"reason":"overflow"}' }),
  'replay-gap': encodeFrameBytes({ event: 'resync', data: '{"reason":"replay-gap"}' }),
  epoch: encodeFrameBytes({ event: 'resync', data: '{"reason":"epoch"}' }),
}
/** Every resync frame has the same length budget: the longest. */
const RESYNC_BYTES = Math.max(...Object.values(RESYNC_FRAMES).map((frame) => frame.byteLength))

export interface ConnectionInit {
  id: string
  topics: readonly string[]
  metadata: Readonly<Record<string, string>>
  sink: Sink
  settings: DeliverySettings
  scheduler: Scheduler
  observer: DeliveryObserver
  onClosed: (connection: Connection, reason: DisconnectReason) => void
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
 * One open stream: its subscription, its pending batched and coalesced frames, and its share of the
 * hub's scheduler. Flow control lives here: everything queued for this connection and not yet taken by
 * its socket counts against `bufferBytes`, and whatever does not fit is dropped, counted, and followed by
 * a `resync` before anything newer.
 */
export class Connection {
  readonly createdAt = Date.now()
  readonly counters: ConnectionCounters = { delivered: { instant: 0, batched: 0, coalesced: 0 }, dropped: 0 }
  /** @internal the hub's routing pass that last reached this connection (deduplicates topics). */
  routeMark = 0
  readonly #lanes = new PendingLanes()
  /** The `resync` this connection owes, written before anything newer. */
  #owedResync: ResyncReason | undefined
  #held: RoutedFrame[] | undefined
  /** Id of the newest event routed here, in any lane: where a resume starts once the lanes are empty. */
  #lastRoutedId: string | undefined
  /** The resume cursor the client holds: the last id written to it. */
  #cursor: string | undefined
  #paused = false
  #closed = false
  #lastFlushAt = 0
  #lastWriteAt = Date.now()
  /** Made with the first batched or coalesced frame: most connections only ever see instant frames. */
  #flushTask: ScheduledTask | undefined
  readonly #heartbeatTask = createTask((now) => this.#onHeartbeatDue(now))
  #retireTask: ScheduledTask | undefined
  #retireAt = Number.POSITIVE_INFINITY

  readonly id: string
  readonly topics: readonly string[]
  readonly metadata: Readonly<Record<string, string>>
  readonly sink: Sink
  readonly settings: DeliverySettings
  readonly scheduler: Scheduler
  readonly observer: DeliveryObserver
  readonly #onClosed: ConnectionInit['onClosed']

  constructor(init: ConnectionInit) {
    this.id = init.id
    this.topics = init.topics
    this.metadata = init.metadata
    this.sink = init.sink
    this.settings = init.settings
    this.scheduler = init.scheduler
    this.observer = init.observer
    this.#onClosed = init.onClosed
    this.sink.onClose(() => this.close('client-gone'))
  }

  /**
   * Share of `bufferBytes` the socket has not taken yet: what the flush interval adapts to. Pending lane
   * frames are left out on purpose — counting them would slow the flush of exactly the connection that has
   * the most waiting, until it overflows; they count against the memory bound instead (`#makeRoom`).
   */
  get utilization(): number {
    return this.sink.queuedBytes / this.settings.bufferBytes
  }

  /** The flush interval this connection would get now. */
  get flushIntervalMs(): number {
    return flushIntervalFor(this.utilization, this.settings.flushIntervalMs)
  }

  get pendingFrames(): number {
    return this.#lanes.size
  }

  stats(): ConnectionStats {
    return {
      id: this.id,
      topics: this.topics,
      metadata: this.metadata,
      connectedAt: this.createdAt,
      delivered: { ...this.counters.delivered },
      dropped: this.counters.dropped,
      queuedBytes: this.sink.queuedBytes + this.#lanes.bytes,
      utilization: this.utilization,
      flushIntervalMs: this.flushIntervalMs,
      pendingFrames: this.pendingFrames,
      paused: this.#paused,
    }
  }

  get paused(): boolean {
    return this.#paused
  }

  get closed(): boolean {
    return this.#closed
  }

  /** Keeps live events aside until `open`, while the opening (replay, `connected`) is being prepared. */
  hold(): void {
    this.#held = []
  }

  /**
   * Writes the opening bytes (retry, replay, `connected` with the head id `cursor`), then what was held,
   * and starts the heartbeat.
   */
  open(opening: Uint8Array, cursor: string): void {
    if (this.#closed) return
    this.#cursor = cursor
    this.#lastRoutedId = cursor
    this.#write(opening)
    const held = this.#held ?? []
    this.#held = undefined
    let written = 0
    for (const frame of held) if (this.deliver(frame)) written += 1
    if (written > 0) this.observer.onDelivered('instant', written)
    this.#scheduleHeartbeat()
  }

  /**
   * Takes one routed event onto its lane. Never waits for the socket. `now` is read once per routing pass.
   * Returns whether an instant frame was written, which the caller reports for all connections at once
   * (the hot path of a fan-out makes no call per connection it can avoid).
   */
  deliver(frame: RoutedFrame, now = Date.now()): boolean {
    if (this.#closed) return false
    if (this.#held) {
      if (this.#held.length < MAX_HELD_FRAMES) this.#held.push(frame)
      else this.#drop(frame.event.lane, 'overflow')
      return false
    }
    this.#lastRoutedId = frame.event.id
    if (frame.event.supersedes !== undefined) this.#lanes.discardCoalesced(frame.event.supersedes)
    const { lane } = frame.event
    if (lane === 'instant') {
      if (this.#makeRoom(frame.bytes.byteLength)) {
        // Overtaking pending frames of older ids, it must not move the client's resume cursor past them.
        if (this.#lanes.size > 0) this.#write(frame.bytesWithoutId, now)
        else {
          this.#write(frame.bytes, now)
          this.#cursor = frame.event.id
        }
        this.counters.delivered.instant += 1
        return true
      }
      this.#drop('instant', 'overflow')
      return false
    }
    const bytes = frame.bytes.byteLength
    if (lane === 'coalesced') {
      const key = coalesceKeyOf(frame.event)
      // A replaced value frees its own bytes, and is never the one evicted to make room for its successor.
      if (!this.#makeRoom(bytes - this.#lanes.coalescedBytes(key), key)) {
        this.#lanes.discardCoalesced(key)
        this.#drop('coalesced', 'overflow')
        return false
      }
      if (this.#lanes.setCoalesced(key, frame)) this.observer.onCoalesced()
    } else {
      if (!this.#makeRoom(bytes)) {
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
    else if (this.pendingFrames > 0) this.#scheduleFlush(Date.now())
  }

  /**
   * Writes pending batched then coalesced frames as one chunk, skipping those past their TTL. Lanes cross
   * in id order, so the frames go without ids and one cursor frame after them moves the client's resume
   * point to the newest event routed here: everything up to it is now written, coalesced or expired.
   */
  flush(now = Date.now()): void {
    if (this.#closed || this.pendingFrames === 0) return
    const intervalMs = this.flushIntervalMs
    const utilization = this.utilization
    const chunks: Uint8Array[] = []
    const take = (frame: RoutedFrame, lane: Lane) => {
      if (isExpired(frame.event, now)) return this.observer.onDropped(lane, 'expired')
      chunks.push(frame.bytesWithoutId)
      this.counters.delivered[lane] += 1
      this.observer.onDelivered(lane, 1)
    }
    const { batched, coalesced } = this.#lanes.takeAll()
    for (const frame of batched) take(frame, 'batched')
    for (const frame of coalesced) take(frame, 'coalesced')
    if (this.#lastRoutedId !== undefined && this.#lastRoutedId !== this.#cursor) {
      chunks.push(cursorFrameBytes(this.#lastRoutedId))
      this.#cursor = this.#lastRoutedId
    }
    this.#lastFlushAt = now
    this.#cancelFlush()
    if (chunks.length > 0) this.#write(concatBytes(chunks), now)
    this.observer.onFlush(intervalMs, utilization)
  }

  /** Ends the stream once; every timer and index entry of this connection goes with it. */
  close(reason: DisconnectReason): void {
    if (this.#closed) return
    this.#closed = true
    this.#cancelFlush()
    this.scheduler.cancel(this.#heartbeatTask)
    if (this.#retireTask) this.scheduler.cancel(this.#retireTask)
    this.#lanes.clear()
    this.sink.end()
    this.#onClosed(this, reason)
  }

  /**
   * Ends the stream at `closeAt` (epoch ms) for `reason`: pending frames are flushed, then a `retry:` field
   * of `reconnectInMs` and a `drain` frame tell the client when to come back, and the stream closes.
   * A later call with an earlier time wins; the task lives on the hub's scheduler, not a timer of its own.
   */
  retire(reason: 'drain' | 'rotation', closeAt: number, reconnectInMs: number): void {
    if (this.#closed || closeAt >= this.#retireAt) return
    if (this.#retireTask) this.scheduler.cancel(this.#retireTask)
    this.#retireAt = closeAt
    this.#retireTask = createTask(() => {
      if (this.#held) return this.close(reason) // not open yet: nothing may be written
      this.#paused = false
      this.flush()
      const retry = Math.max(0, Math.round(reconnectInMs))
      this.#write(encodeFrameBytes({ retry, event: 'drain', data: JSON.stringify({ reconnectInMs: retry }) }))
      this.close(reason)
    })
    this.scheduler.schedule(this.#retireTask, closeAt)
  }

  /** Every write goes through here, so an owed `resync` always precedes the next frame. */
  #write(bytes: Uint8Array, now = Date.now()): void {
    if (this.#owedResync) this.#writeResync()
    this.sink.write(bytes)
    this.#lastWriteAt = now
  }

  /**
   * Frees `bufferBytes` for `incomingBytes`: pending coalesced frames give way first, then batched.
   * Every frame given up is a loss, so the connection owes a `resync`.
   */
  #makeRoom(incomingBytes: number, keepKey?: string): boolean {
    const budget = this.settings.bufferBytes - incomingBytes - (this.#owedResync ? RESYNC_BYTES : 0)
    while (this.sink.queuedBytes + this.#lanes.bytes > budget) {
      const lane = this.#lanes.evictOne(keepKey)
      if (!lane) return false
      this.#drop(lane, 'evicted')
    }
    return true
  }

  #drop(lane: Lane, reason: 'overflow' | 'evicted'): void {
    this.counters.dropped += 1
    this.observer.onDropped(lane, reason)
    this.requireResync('overflow')
  }

  /**
   * Owes the client a `resync` (it may have missed events): written before the next frame, or as soon as
   * the socket has room. A reason already owed is kept (the first loss is what the client must hear of).
   */
  requireResync(reason: ResyncReason): void {
    if (this.#closed || this.#owedResync) return
    this.#owedResync = reason
    this.#resyncWhenDrained()
  }

  /** A reader that fell behind and caught up learns at once that it missed something. */
  #resyncWhenDrained(): void {
    this.sink.onceDrained(() => {
      if (!this.#owedResync || this.#closed) return
      if (this.#makeRoom(0)) this.#writeResync()
      else this.#resyncWhenDrained()
    })
  }

  #writeResync(): void {
    const reason = this.#owedResync
    if (!reason) return
    this.#owedResync = undefined
    this.sink.write(RESYNC_FRAMES[reason])
    this.observer.onResync(reason)
    this.#lastWriteAt = Date.now()
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
    if (this.#paused || this.#closed) return
    // The interval is judged again at the flush: a buffer that filled meanwhile earns a later flush.
    if (this.#lastFlushAt + this.flushIntervalMs > now) this.#scheduleFlush(now)
    else this.flush(now)
  }

  #scheduleHeartbeat(): void {
    this.scheduler.schedule(this.#heartbeatTask, this.#lastWriteAt + this.settings.heartbeatMs)
  }

  #onHeartbeatDue(now: number): void {
    if (this.#closed) return
    if (now - this.#lastWriteAt >= this.settings.heartbeatMs && this.sink.queuedBytes === 0) {
      this.sink.write(HEARTBEAT_BYTES)
      this.#lastWriteAt = now
    }
    this.#scheduleHeartbeat()
  }
}
