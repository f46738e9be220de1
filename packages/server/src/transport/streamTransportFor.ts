import type { Context } from 'hono'
import { isHttp2 } from './isHttp2'
import { nodeResponseTransport } from './nodeResponseTransport'
import type { StreamTransport } from './StreamTransport'
import { webStreamTransport } from './webStreamTransport'

export interface TransportSettings {
  directWrite: boolean
  /**
   * How long an ended stream's last bytes may wait for a client that stopped reading before its
   * connection is cut: otherwise the socket would outlive the stream, uncounted.
   */
  goodbyeMs: number
}

/**
 * The transport for a stream request: on `@hono/node-server` (unless `directWrite` is off) the raw
 * response — which never touches the request's abort signal, so the adapter makes no AbortController
 * for it — and elsewhere a web stream.
 */
export function streamTransportFor(
  c: Context,
  { directWrite, goodbyeMs }: TransportSettings,
): StreamTransport {
  const direct = directWrite ? nodeResponseTransport(c, goodbyeMs) : undefined
  return direct ?? webStreamTransport(c.req.raw.signal, { http2: isHttp2(c), goodbyeMs })
}
