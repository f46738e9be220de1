import type { Sink } from './Sink'

/** How an opened stream reaches its client: where its bytes go, and the response Hono hands on. */
export interface StreamTransport {
  readonly sink: Sink
  /** Puts the response head on its way (status 200, the stream headers) and returns Hono's response. */
  start(): Response
  /**
   * Whether the runtime took the response and reads it. Set where that can be unknown: a web-stream
   * body that a middleware replaced after `next()` is never read, and its stream must not live on.
   */
  readonly claimed?: () => boolean
}
