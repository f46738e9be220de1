import { type ServerName, ServerProcess } from '../fanout/ServerProcess'
import { SseClients } from '../loadgen/SseClients'

/**
 * A server's memory per idle stream, RSS and V8 heap, with any Node flags: for telling what the streams
 * hold from how V8 sizes its heap around them (`--max-semi-space-size=1` keeps the young generation
 * from growing while they open). Usage: tsx src/tools/rssPerConnection.ts ssehub [connections] [node flags…]
 */
const [name = 'ssehub', countArg = '1000', ...nodeFlags] = process.argv.slice(2)
const connections = Number(countArg)
const server = await ServerProcess.start(name as ServerName, nodeFlags)
const clients = new SseClients(server.port, '/events?topics=orders')
try {
  await new Promise((resolve) => setTimeout(resolve, 200))
  const idle = await server.usage(true)
  await clients.open(connections)
  while ((await server.usage()).connections < connections) await new Promise((r) => setTimeout(r, 50))
  const open = await server.usage(true)
  const perConnection = (bytes: number) => `${(bytes / 1024 / connections).toFixed(1)} KB`
  console.log(
    `${name} ${nodeFlags.join(' ')}: ${connections} streams, per stream: RSS ${perConnection(open.rssBytes - idle.rssBytes)}, ` +
      `V8 heap used ${perConnection(open.heapUsedBytes - idle.heapUsedBytes)}`,
  )
} finally {
  clients.destroyAll()
  await server.stop()
}
