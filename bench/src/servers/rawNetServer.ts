import { createServer, type Socket } from 'node:net'
import { listenOnLoopback } from './listen'
import { invalidationFrame, wallClockMs } from './payload'
import { serveBench } from './serveBench'

const HEAD = Buffer.from(
  'HTTP/1.1 200 OK\r\ncontent-type: text/event-stream\r\ncache-control: no-cache\r\nconnection: close\r\n\r\n',
)

/**
 * Calibration, the ceiling: no HTTP library at all. The response head is written once the request head
 * arrived, and each event is one pre-built buffer written to each socket. Nothing on node:net can do less,
 * so this is what this machine and the load generator can carry.
 */
const sockets = new Set<Socket>()
const server = createServer((socket) => {
  let head = ''
  socket.setNoDelay(true)
  socket.on('error', () => {})
  socket.on('close', () => sockets.delete(socket))
  socket.on('data', (chunk) => {
    if (sockets.has(socket)) return
    head += chunk.toString('latin1')
    if (!head.includes('\r\n\r\n')) return
    socket.write(HEAD)
    sockets.add(socket)
  })
})

await serveBench({
  listen: () => listenOnLoopback(server),
  publish(seq) {
    const frame = Buffer.from(invalidationFrame(seq, wallClockMs()))
    for (const socket of sockets) socket.write(frame)
  },
  connections: () => sockets.size,
})
