import { createServer, type ServerResponse } from 'node:http'
import { listenOnLoopback } from './listen'
import { invalidationFrame, wallClockMs } from './payload'
import { serveBench } from './serveBench'

/**
 * Calibration, the floor under any server built on node:http: no framework, no per-client encoding, one
 * `res.write` of one shared buffer per client per event. Whatever a library adds is measured against this.
 */
const responses = new Set<ServerResponse>()
const server = createServer((req, res) => {
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' })
  res.flushHeaders()
  responses.add(res)
  res.on('close', () => responses.delete(res))
  req.socket.setNoDelay(true)
})

await serveBench({
  listen: () => listenOnLoopback(server),
  publish(seq) {
    const frame = Buffer.from(invalidationFrame(seq, wallClockMs()))
    for (const res of responses) res.write(frame)
  },
  connections: () => responses.size,
})
