import { Connection, type DeliverySettings } from '../delivery/Connection'
import { RoutedFrame } from '../delivery/RoutedFrame'
import { Scheduler } from '../delivery/Scheduler'
import type { HubEvent, Lane } from '../events'
import { HubCounters } from '../HubStats'
import type { Sink } from '../transport/Sink'

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
  onceDrained(listener: () => void): void {
    this.#onDrain = listener
  }
  /** The socket took everything. */
  drain(): void {
    this.backlogBytes = 0
    const listener = this.#onDrain
    this.#onDrain = undefined
    listener?.()
  }
  /** Every frame written, parsed; comments (heartbeats) left out. */
  get frames(): Array<{ id?: string; event?: string; data?: string }> {
    return this.writes
      .join('')
      .split('\n\n')
      .filter((block) => block !== '' && !block.startsWith(':'))
      .map((block) => {
        const frame: { id?: string; event?: string; data?: string } = {}
        for (const line of block.split('\n')) {
          if (line.startsWith('id: ')) frame.id = line.slice(4)
          else if (line.startsWith('event: ')) frame.event = line.slice(7)
          else if (line.startsWith('data: ')) frame.data = line.slice(6)
        }
        return frame
      })
  }
  /** Event names in write order, the resume-cursor frames left out. */
  get events(): string[] {
    return this.frames.filter((f) => f.event !== undefined && f.event !== 'cursor').map((f) => f.event!)
  }
  get dataLines(): string[] {
    return this.frames.filter((f) => f.event !== 'cursor' && f.data !== undefined).map((f) => f.data!)
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
  return new RoutedFrame(event)
}

/** An open connection over a `FakeSink`, its scheduler and counters, for lane and flow-control tests. */
export function fakeConnection(settings: Partial<DeliverySettings> = {}) {
  const sink = new FakeSink()
  const scheduler = new Scheduler()
  const counters = new HubCounters()
  const connection = new Connection({
    id: 'c1',
    topics: ['orders'],
    metadata: {},
    settings: { bufferBytes: 10_000, flushIntervalMs: 2000, heartbeatMs: 60_000, ...settings },
    scheduler,
    observer: counters,
  })
  connection.open(sink, new Uint8Array(0), 'test-0')
  return { connection, sink, scheduler, counters }
}
