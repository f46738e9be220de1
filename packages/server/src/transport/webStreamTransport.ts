import type { StreamTransport } from './StreamTransport'
import { STREAM_HEADERS } from './streamHeaders'
import { webStreamSink } from './webStreamSink'

/**
 * The portable transport: a `ReadableStream` body, for Bun, Deno, Workers and any adapter without a raw
 * response (or `directWrite: false`). The client's leaving is the request's abort signal (and the body's
 * cancel). Hono merges the headers middleware set into the response.
 */
export function webStreamTransport(
  signal: AbortSignal,
  { http2 = false, goodbyeMs }: { http2?: boolean; goodbyeMs: number },
): StreamTransport {
  return {
    watchClient(listener) {
      if (signal.aborted) {
        listener()
        return () => {}
      }
      signal.addEventListener('abort', listener, { once: true })
      return () => signal.removeEventListener('abort', listener)
    },
    start() {
      const { sink, body, claimed } = webStreamSink(signal, goodbyeMs)
      const headers = { ...STREAM_HEADERS }
      if (http2) delete headers.connection
      return { response: new Response(body, { headers }), sink, claimed }
    },
  }
}
