/**
 * Where a connection's bytes go: a raw `ServerResponse` on Node, a `ReadableStream` elsewhere.
 * Writes never wait; `queuedBytes` says how much the socket has not accepted yet, which is what
 * flow control (flush interval, overflow) looks at.
 */
export interface Sink {
  /** Queues bytes for the socket. Never blocks, never throws once closed. */
  write(chunk: Uint8Array): void
  /** Bytes written but not yet accepted by the socket. */
  readonly queuedBytes: number
  /** Ends the response. Safe to call more than once. */
  end(): void
  /** Called once when the client is gone or the response ended, whoever ended it (at once if it already has). */
  onClose(listener: () => void): void
  /** Calls `listener` once, the next time the socket has taken what was queued (after a backlog). */
  onceDrained(listener: () => void): void
}
