import type { Sink } from './Sink'

/**
 * A sink that is a `ReadableStream` body, for Bun, Deno, workers and any adapter without a raw response.
 * Its queue is measured in bytes; nothing is pulled from us, we push and watch the queue. `claimed` says
 * whether anyone ever read from it: a body that a middleware replaced after `next()` is never read.
 * Once ended, a body its reader does not read out within `goodbyeMs` is errored.
 */
export function webStreamSink(
  signal: AbortSignal,
  goodbyeMs: number,
): {
  sink: Sink
  body: ReadableStream<Uint8Array>
  claimed: () => boolean
} {
  let controller!: ReadableStreamDefaultController<Uint8Array>
  let closeListener: (() => void) | undefined
  let drainListener: (() => void) | undefined
  let closed = false
  let claimed = false
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
        claimed = true
        const listener = drainListener
        drainListener = undefined
        listener?.()
      },
      cancel: finish,
    },
    { highWaterMark: 0, size: (chunk) => chunk.byteLength },
  )
  if (signal.aborted) finish()
  else signal.addEventListener('abort', finish)
  return {
    body,
    claimed: () => claimed,
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
        // A reader that stopped reading never takes what is queued: after goodbyeMs the body errors, and
        // the runtime lets the connection go instead of holding it for good.
        if ((controller.desiredSize ?? 0) < 0) {
          const cut = setTimeout(() => controller.error(new Error('the client stopped reading')), goodbyeMs)
          ;(cut as { unref?: () => void }).unref?.()
        }
        finish()
      },
      onClose(listener) {
        closeListener = listener
        if (closed) listener()
      },
      onceDrained(listener) {
        drainListener = listener
      },
    },
  }
}
