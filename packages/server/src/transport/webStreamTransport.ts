import type { StreamTransport } from './StreamTransport'
import { STREAM_HEADERS } from './streamHeaders'
import { webStreamSink } from './webStreamSink'

/**
 * The portable transport: a `ReadableStream` body, for Bun, Deno, Workers and any adapter without a raw
 * response (or `directWrite: false`). Hono merges the headers middleware set into the response.
 */
export function webStreamTransport(signal: AbortSignal, http2 = false): StreamTransport {
  const { sink, body, claimed } = webStreamSink(signal)
  const headers = { ...STREAM_HEADERS }
  if (http2) delete headers.connection
  return { sink, claimed, start: () => new Response(body, { headers }) }
}
