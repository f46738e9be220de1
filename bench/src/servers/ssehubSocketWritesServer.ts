import type { ServerResponse } from 'node:http'
import { serve } from '@hono/node-server'
import { createHub } from '@ssehub/server'
import { Hono } from 'hono'
import { wallClockMs } from './payload'
import { serveBench } from './serveBench'

/** Node internals the prototype relies on (as the fix in the hub's `Sink.ts` would). */
interface ResponseInternals {
  _headerSent: boolean
  outputData: unknown[]
  chunkedEncoding: boolean
}

const CRLF = Buffer.from('\r\n')
/** The chunked-encoding framing of each shared frame, built once per event (the hub writes one buffer to all). */
const framed = new WeakMap<Uint8Array, Buffer>()

/**
 * A PROTOTYPE of a fix to propose, not a library: ssehub unchanged, except that a middleware hands the hub a
 * response whose `write` puts a pre-framed HTTP chunk straight on the socket (built once per event, like
 * the frame itself), skipping `ServerResponse.write`'s per-call chunk header, cork and writev. It measures
 * what that change to `nodeResponseSink` (packages/server/src/Sink.ts) would buy.
 */
function socketWrites(res: ServerResponse) {
  const internals = res as unknown as ResponseInternals
  return {
    write(chunk: Uint8Array): boolean {
      const socket = res.socket
      // Until node has put the head on the socket and holds nothing back, the ordinary path keeps the order.
      if (!socket || !internals._headerSent || internals.outputData.length > 0 || !internals.chunkedEncoding)
        return res.write(chunk)
      let bytes = framed.get(chunk)
      if (!bytes) {
        bytes = Buffer.concat([Buffer.from(`${chunk.byteLength.toString(16)}\r\n`), chunk, CRLF])
        framed.set(chunk, bytes)
      }
      return socket.write(bytes)
    },
    get headersSent() {
      return res.headersSent
    },
    getHeader: (name: string) => res.getHeader(name),
    end: () => res.end(),
    get writableLength() {
      return res.writableLength + (res.socket?.writableLength ?? 0)
    },
    get writableEnded() {
      return res.writableEnded
    },
    get destroyed() {
      return res.destroyed
    },
    on(event: 'close' | 'drain', listener: () => void) {
      if (event === 'drain') res.socket?.on('drain', listener)
      res.on(event, listener)
      return this
    },
  }
}

const hub = createHub()
const app = new Hono<{ Bindings: { outgoing: unknown } }>()
app.use('/events', async (c, next) => {
  c.env.outgoing = socketWrites(c.env.outgoing as ServerResponse)
  await next()
})
app.get('/events', hub.handler())

await serveBench({
  listen: () =>
    new Promise((resolve) => {
      const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info) => resolve(info.port))
      server.on('connection', (socket) => socket.setNoDelay(true))
    }),
  async publish(seq) {
    await hub.invalidate('orders', { id: `ord_${seq}`, action: 'updated', hint: { t: wallClockMs() } })
  },
  connections: () => hub.stats().connections,
})
