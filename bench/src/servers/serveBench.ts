import { writeFile } from 'node:fs/promises'
import type { Session } from 'node:inspector'
import type { BenchServer, ServerCommand, ServerReply } from './protocol'

const send = (reply: ServerReply) => process.send?.(reply)
const nextMacrotask = () => new Promise<void>((resolve) => setImmediate(resolve))

/**
 * Runs `server` as a child process of the bench driver: announces its port, publishes bursts on command,
 * and reports its own CPU time and memory, which only this process can measure.
 */
export async function serveBench(server: BenchServer): Promise<void> {
  if (!process.send) throw new Error('a bench server runs as a forked child of the driver')
  process.on('message', (command: ServerCommand) => void handle(server, command))
  // The driver going away (Ctrl-C, crash) must not leave a server holding 10,000 sockets.
  process.on('disconnect', () => process.exit(0))
  send({ type: 'listening', port: await server.listen() })
}

async function handle(server: BenchServer, command: ServerCommand): Promise<void> {
  if (command.type === 'usage') {
    if (command.gc) collectGarbage()
    const cpu = process.cpuUsage()
    const memory = process.memoryUsage()
    send({
      type: 'usage',
      cpuUserUs: cpu.user,
      cpuSystemUs: cpu.system,
      rssBytes: memory.rss,
      heapUsedBytes: memory.heapUsed,
      connections: server.connections(),
    })
  } else if (command.type === 'profile') {
    await (command.action === 'start' ? profiler.start() : profiler.stop(command.file))
    send({ type: 'profiled' })
  } else if (command.type === 'heap-snapshot') {
    collectGarbage()
    // Loaded when asked for: Bun and Deno, which run the other rows, do not all have it.
    const { writeHeapSnapshot } = await import('node:v8')
    send({ type: 'heap-snapshot-written', file: writeHeapSnapshot(command.file) })
  } else if (command.type === 'publish') {
    await server.publish(command.seq)
    send({ type: 'published' })
  } else {
    const startedAt = performance.now()
    // One event per macrotask, as a server publishing from request handlers would: the event loop gets to
    // flush sockets between events, and no server is favoured by a synchronous loop it would never see.
    for (let i = 0; i < command.events; i++) {
      await server.publish(command.firstSeq + i)
      await nextMacrotask()
    }
    send({ type: 'burst-done', publishedMs: performance.now() - startedAt })
  }
}

/** A V8 CPU profile of the burst only (not the connection phase), written as a `.cpuprofile`. */
const profiler = {
  session: undefined as Session | undefined,
  async start() {
    const { Session } = await import('node:inspector')
    this.session = new Session()
    this.session.connect()
    await this.post('Profiler.enable')
    await this.post('Profiler.start')
  },
  async stop(file: string) {
    const { profile } = (await this.post('Profiler.stop')) as { profile: unknown }
    await writeFile(file, JSON.stringify(profile))
    this.session?.disconnect()
  },
  post(method: string): Promise<unknown> {
    return new Promise((resolve, reject) =>
      this.session?.post(method, (error, result) => (error ? reject(error) : resolve(result))),
    )
  },
}

function collectGarbage(): void {
  const runtime = globalThis as { gc?: () => void; Bun?: { gc(force: boolean): void } }
  const bun = runtime.Bun
  const gc = runtime.gc ?? (bun ? () => bun.gc(true) : undefined)
  if (!gc) return
  // Twice: the first pass finalizes what the second frees.
  gc()
  gc()
}
