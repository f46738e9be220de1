import { createParser } from 'eventsource-parser'

/** One event as it came off the wire: `data` still a string, `type` `message` when the server named none. */
export interface StreamFrame {
  id: string | undefined
  type: string
  data: string
}

/** What {@link readEventStream} reports while it reads. */
export interface EventStreamHandlers {
  /** Every chunk of bytes, comments (`: hb`) included: proof the connection is alive. */
  onBytes(): void
  onFrame(frame: StreamFrame): void
  /** A `retry:` field. */
  onRetry(retryMs: number): void
}

/**
 * Reads an SSE body to its end through `eventsource-parser`. Resolves when the server ends the stream or
 * `signal` aborts; rejects when the connection fails. The body is released either way.
 */
export async function readEventStream(
  body: ReadableStream<Uint8Array>,
  signal: AbortSignal,
  { onBytes, onFrame, onRetry }: EventStreamHandlers,
): Promise<void> {
  const parser = createParser({
    onEvent: (event) => onFrame({ id: event.id, type: event.event ?? 'message', data: event.data }),
    onRetry,
  })
  const decoder = new TextDecoder()
  const reader = body.getReader()
  // Not every fetch ties the body to its signal (polyfills, mocks): cancelling the reader always ends it.
  const cancel = () => void reader.cancel().catch(() => {})
  signal.addEventListener('abort', cancel)
  let finished = false
  try {
    for (;;) {
      const { done, value } = await reader.read()
      if (done || signal.aborted) {
        finished = true
        return
      }
      onBytes()
      parser.feed(decoder.decode(value, { stream: true }))
    }
  } finally {
    signal.removeEventListener('abort', cancel)
    if (!finished && !signal.aborted) await reader.cancel().catch(() => {})
  }
}
