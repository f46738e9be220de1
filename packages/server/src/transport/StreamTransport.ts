import type { Sink } from './Sink'

/** A started stream: the response Hono hands on, and where the stream's bytes go from now on. */
export interface StartedStream {
  response: Response
  sink: Sink
  /**
   * Whether the runtime took the response and reads it. Set where that can be unknown: a web-stream
   * body that a middleware replaced after `next()` is never read, and its stream must not live on.
   */
  claimed?: () => boolean
}

/**
 * How a stream request reaches its client. Chosen when the request arrives and dropped once the stream
 * has started: an open stream keeps only its sink (nothing of the request, nor of Hono's context).
 */
export interface StreamTransport {
  /**
   * Calls `listener` once if the client goes away before `start()` (at once if it already has), and
   * returns a function that stops listening.
   */
  watchClient(listener: () => void): () => void
  /** Puts the response head on its way (status 200, the stream headers). */
  start(): StartedStream
}
