import type { Context } from 'hono'
import { isHttp2 } from './isHttp2'
import { nodeResponseTransport } from './nodeResponseTransport'
import type { StreamTransport } from './StreamTransport'
import { webStreamTransport } from './webStreamTransport'

/**
 * The transport for a stream request: on `@hono/node-server` (unless `directWrite` is off) the raw
 * response — which never touches the request's abort signal, so the adapter makes no AbortController
 * for it — and elsewhere a web stream.
 */
export function streamTransportFor(c: Context, directWrite: boolean): StreamTransport {
  const direct = directWrite ? nodeResponseTransport(c) : undefined
  return direct ?? webStreamTransport(c.req.raw.signal, isHttp2(c))
}
