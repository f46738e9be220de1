import type { Context } from 'hono'
import { type NodeResponseLike, NodeResponseSink } from './NodeResponseSink'
import type { StreamTransport } from './StreamTransport'
import { streamHeaders } from './streamHeaders'

/** What `@hono/node-server` puts in `c.env`. */
interface NodeBindings {
  incoming?: { httpVersionMajor?: number }
  outgoing?: NodeResponseLike
}

/**
 * `@hono/node-server`'s public way to say "the handler answered on the raw response itself": the
 * adapter then leaves the response alone (since 1.10).
 */
const ALREADY_SENT_HEADER = 'x-hono-already-sent'

/**
 * The direct transport on `@hono/node-server`: the stream writes its head and frames on the raw
 * `ServerResponse` (`c.env.outgoing`) and hands Hono the adapter's "already sent" response. The head goes
 * out the moment the stream opens — with the headers middleware set before `next()` — so nothing that runs
 * after `next()` (a logger, a session save that takes seconds) can delay or break the stream.
 * `undefined` where there is no usable raw response.
 */
export function nodeResponseTransport(c: Context, goodbyeMs: number): StreamTransport | undefined {
  const bindings = c.env as NodeBindings | undefined
  const res = bindings?.outgoing
  if (!isUsable(res)) return undefined
  const http2 = bindings?.incoming?.httpVersionMajor === 2
  return {
    watchClient(listener) {
      if (res.destroyed) {
        listener()
        return () => {}
      }
      res.once('close', listener)
      return () => res.off('close', listener)
    },
    start() {
      if (!res.headersSent && !res.destroyed) {
        res.writeHead(200, streamHeaders(c.res.headers, http2))
        // On its own: Node builds the head as a rope of small strings, which a response keeps for the
        // life of the stream unless the head is written alone (about 0.5 KB per stream).
        res.flushHeaders?.()
      }
      return { response: alreadySent(), sink: new NodeResponseSink(res, goodbyeMs) }
    },
  }
}

/**
 * The adapter's "already sent" answer. It must be a full `Response`: the adapter writes its own lighter
 * one (what `Response` is once `serve()` replaced the global) as it stands, header or not, and reading
 * `body` turns it into a full one.
 */
function alreadySent(): Response {
  const response = new Response(null, { headers: { [ALREADY_SENT_HEADER]: 'true' } })
  void response.body
  return response
}

function isUsable(res: NodeResponseLike | undefined): res is NodeResponseLike {
  return (
    res !== undefined &&
    typeof res.writeHead === 'function' &&
    typeof res.write === 'function' &&
    typeof res.on === 'function' &&
    !res.headersSent
  )
}
