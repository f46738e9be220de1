import { request } from 'node:http'
import { fileURLToPath } from 'node:url'
import { createHub, type Hub, type HubOptions } from '@ssehub/server'
import { NodeProcess } from '../../../packages/server/test/chaos/NodeProcess'
import { LatencyRecorder } from '../loadgen/LatencyRecorder'

const TSX_LOADER = new URL('../../node_modules/tsx/dist/loader.mjs', import.meta.url).href

/** What one engine measures: where its receiving node runs, and how the publishing node is built. */
export interface EngineSetup {
  name: string
  /** The chaos-test node script of the engine's package, and its arguments. */
  nodeScript: URL
  nodeArgs: string[]
  /** The publishing node's hub options (bus, replay, tickets) and how to release them. */
  publisher(): Promise<{ hubOptions: HubOptions; ready: Promise<unknown>; close(): Promise<unknown> }>
}

export interface EngineFigures {
  latency: { p50Ms: number; p99Ms: number; count: number }
  sustained: { eventsPerSec: number; events: number; delivered: number }
}

/**
 * Measures an engine across processes: node B (a hub on the engine, in a process of its own) serves one
 * SSE client of this process; node A (a hub on the engine, in this process) publishes. Latency: events
 * published one after another, each carrying its publish time, timed at the client (one clock: both ends
 * are this process). Throughput: `burst` events published with 64 in flight, delivered-to-B per second
 * from the first publish to the last delivery.
 */
export async function measureEngine(
  setup: EngineSetup,
  { latencyEvents = 2000, burst = 20_000 } = {},
): Promise<EngineFigures> {
  const node = new NodeProcess(TSX_LOADER, fileURLToPath(setup.nodeScript), setup.nodeArgs)
  await node.start()
  const publisher = await setup.publisher()
  const hub = createHub({ ...publisher.hubOptions, metrics: false })
  await publisher.ready
  const client = await listen(`${node.url}/events?topics=bench`)
  try {
    // Warm-up: both nodes have read a few events.
    await publishAndWait(hub, client, 20, 1)
    client.recorder = new LatencyRecorder(latencyEvents)
    await publishAndWait(hub, client, latencyEvents, 1)
    const latency = { ...client.recorder.summary(), count: client.recorder.count }
    client.recorder = new LatencyRecorder(burst)
    await publishAndWait(hub, client, burst, 64)
    const { framesPerSec } = client.recorder.summary()
    return {
      latency,
      sustained: { eventsPerSec: framesPerSec, events: burst, delivered: client.recorder.count },
    }
  } finally {
    client.close()
    await hub.close()
    await publisher.close()
    await node.kill()
  }
}

interface Listener {
  recorder: LatencyRecorder | undefined
  received: number
  close(): void
}

async function publishAndWait(hub: Hub, client: Listener, count: number, inFlight: number): Promise<void> {
  const target = client.received + count
  let next = 0
  const worker = async () => {
    while (next < count) {
      next += 1
      await hub.invalidate('bench', { hint: { t: performance.timeOrigin + performance.now() } })
    }
  }
  await Promise.all(Array.from({ length: inFlight }, worker))
  const deadline = Date.now() + 60_000
  while (client.received < target) {
    if (Date.now() > deadline) throw new Error(`node B delivered ${client.received} of ${target} events`)
    await new Promise((resolve) => setTimeout(resolve, 5))
  }
}

/** One SSE client: records each invalidation's latency from the publish time in its hint. */
function listen(url: string): Promise<Listener> {
  return new Promise((resolve, reject) => {
    const listener: Listener = { recorder: undefined, received: 0, close: () => req.destroy() }
    const req = request(url, { headers: { accept: 'text/event-stream' } }, (response) => {
      response.setEncoding('utf8')
      let buffer = ''
      response.on('data', (chunk: string) => {
        const now = performance.timeOrigin + performance.now()
        buffer += chunk
        const blocks = buffer.split('\n\n')
        buffer = blocks.pop() ?? ''
        for (const block of blocks) {
          if (block.includes('event: connected')) resolve(listener)
          if (!block.includes('event: invalidate')) continue
          const data = /^data: (.*)$/m.exec(block)?.[1]
          const sentAt = (JSON.parse(data ?? '{}') as { hint?: { t?: number } }).hint?.t
          listener.received += 1
          if (sentAt !== undefined) listener.recorder?.record(sentAt, now)
        }
      })
    })
    req.on('error', reject)
    req.end()
  })
}
