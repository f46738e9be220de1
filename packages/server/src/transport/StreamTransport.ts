import type { Sink } from './Sink'

/** How an opened stream reaches its client: where its bytes go, and the response Hono hands on. */
export interface StreamTransport {
  readonly sink: Sink
  /** Puts the response head on its way (status 200, the stream headers) and returns Hono's response. */
  start(): Response
}
