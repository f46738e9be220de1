import { createServer } from 'node:http'
import { createChannel, createSession } from 'better-sse'
import { listenOnLoopback } from './listen'
import { invalidation, wallClockMs } from './payload'
import { serveBench } from './serveBench'

/**
 * better-sse as its README shows it: a session per request on node:http, registered on one channel, and
 * `channel.broadcast` per event (it serializes and writes per session).
 */
const channel = createChannel()
const server = createServer(async (req, res) => {
  req.socket.setNoDelay(true)
  const session = await createSession(req, res)
  channel.register(session)
})

await serveBench({
  listen: () => listenOnLoopback(server),
  publish(seq) {
    channel.broadcast(invalidation(seq, wallClockMs()), 'invalidate', { eventId: String(seq) })
  },
  connections: () => channel.sessionCount,
})
