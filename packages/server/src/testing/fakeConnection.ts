import { Connection, type DeliverySettings, type RoutedFrame } from '../Connection'
import type { HubEvent, Lane } from '../events'
import { HubCounters } from '../HubStats'
import { encodeEvent } from '../Router'
import { Scheduler } from '../Scheduler'
import type { Sink } from '../Sink'

/** A sink whose socket takes nothing until told to: `backlogBytes` grows with every write. */
export class FakeSink implements Sink {
  readonly writes: string[] = []
  backlogBytes = 0
  /** When true, writes are taken by the "socket" at once and never queue. */
  draining = true
  ended = false
  #onClose: (() => void) | undefined
  #onDrain: (() => void) | undefined
  readonly #decoder = new TextDecoder()

  write(chunk: Uint8Array): void {
    this.writes.push(this.#decoder.decode(chunk))
    if (!this.draining) this.backlogBytes += chunk.byteLength
  }
  get queuedBytes(): number {
    return this.backlogBytes
  }
  end(): void {
    this.ended = true
    this.#onClose?.()
  }
  onClose(listener: () => void): void {
    this.#onClose = listener
  }
  onDrain(listener: () => void): void {
    this.#onDrain = listener
  }
  /** The socket took everything. */
  drain(): void {
    this.backlogBytes = 0
    this.#onDrain?.()
  }
  /** Event names in write order, parsed from what was written. */
  get events(): string[] {
    return this.writes
      .join('')
      .split('\n')
      .filter((l) => l.startsWith('event: '))
      .map((l) => l.slice(7))
  }
  get dataLines(): string[] {
    return this.writes
      .join('')
      .split('\n')
      .filter((l) => l.startsWith('data: '))
      .map((l) => l.slice(6))
  }
}

let seq = 0

/** A routed frame as the hub would build it. */
export function frameOf(partial: Partial<HubEvent> & { lane?: Lane } = {}): RoutedFrame {
  seq += 1
  const event: HubEvent = {
    id: `test-${seq}`,
    type: 'invalidate',
    topics: ['orders'],
    data: JSON.stringify({ n: seq }),
    lane: 'instant',
    publishedAt: Date.now(),
    ...partial,
  }
  return { event, bytes: encodeEvent(event) }
}

/** A connection over a `FakeSink`, its scheduler and counters, for lane and flow-control tests. */
export function fakeConnection(settings: Partial<DeliverySettings> = {}) {
  const sink = new FakeSink()
  const scheduler = new Scheduler()
  const counters = new HubCounters()
  const closed: string[] = []
  const connection = new Connection({
    id: 'c1',
    topics: ['orders'],
    metadata: {},
    sink,
    settings: { bufferBytes: 10_000, flushIntervalMs: 2000, heartbeatMs: 60_000, ...settings },
    scheduler,
    observer: counters,
    onClosed: (_connection, reason) => closed.push(reason),
  })
  connection.open(new Uint8Array(0))
  return { connection, sink, scheduler, counters, closed }
}
