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
  /** Called once when the client is gone or the response ended, whoever ended it. */
  onClose(listener: () => void): void
  /** Calls `listener` once, the next time the socket has taken what was queued (after a backlog). */
  onceDrained(listener: () => void): void
}

/**
 * A sink that is a `ReadableStream` body, for Bun, Deno, workers and any adapter without a raw response.
 * Its queue is measured in bytes; nothing is pulled from us, we push and watch the queue.
 */
export function webStreamSink(signal: AbortSignal): { sink: Sink; body: ReadableStream<Uint8Array> } {
  let controller!: ReadableStreamDefaultController<Uint8Array>
  let closeListener: (() => void) | undefined
  let drainListener: (() => void) | undefined
  let closed = false
  const finish = () => {
    if (closed) return
    closed = true
    signal.removeEventListener('abort', finish)
    closeListener?.()
  }
  const body = new ReadableStream<Uint8Array>(
    {
      start(c) {
        controller = c
      },
      // Called when the consumer wants more and our queue is empty: the backlog has drained.
      pull() {
        const listener = drainListener
        drainListener = undefined
        listener?.()
      },
      cancel: finish,
    },
    { highWaterMark: 0, size: (chunk) => chunk.byteLength },
  )
  signal.addEventListener('abort', finish)
  return {
    body,
    sink: {
      write(chunk) {
        if (!closed) controller.enqueue(chunk)
      },
      get queuedBytes() {
        return closed ? 0 : Math.max(0, -(controller.desiredSize ?? 0))
      },
      end() {
        if (closed) return
        try {
          controller.close()
        } catch {
          // already errored or closed by the consumer
        }
        finish()
      },
      onClose(listener) {
        closeListener = listener
      },
      onceDrained(listener) {
        drainListener = listener
      },
    },
  }
}
