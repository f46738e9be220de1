import { loadavg } from 'node:os'
import { LatencyRecorder } from '../loadgen/LatencyRecorder'
import { SseClients } from '../loadgen/SseClients'
import { type ServerName, ServerProcess } from './ServerProcess'

/** One server at one connection count: what the results table shows in a row. */
export interface ScenarioResult {
  server: ServerName
  connections: number
  frames: number
  expectedFrames: number
  p50Ms: number
  p99Ms: number
  maxMs: number
  framesPerSec: number
  /** Server CPU (user + system) per delivered frame, in µs. */
  serverCpuUsPerFrame: number
  /** Share of one core the server and the load generator used during the burst. */
  serverCpuShare: number
  loadgenCpuShare: number
  /** Server RSS above its idle baseline, per open connection, after a full GC. */
  rssKbPerConnection: number
  /** The machine's 1-minute load average when the burst ended: how much else was running. */
  loadAverage1m: number
}

const WARMUP_EVENTS = 5
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/**
 * Opens `connections` streams to a fresh `server` process, warms it up, then publishes `events` instant
 * invalidations and measures every frame's delivery. The server's CPU is read over IPC before and after.
 */
export async function runScenario(
  server: ServerName,
  connections: number,
  events: number,
  { timeoutMs = 120_000, profileFile = '' } = {},
): Promise<ScenarioResult> {
  const process_ = await ServerProcess.start(server)
  const clients = new SseClients(process_.port, '/events?topics=orders')
  try {
    await sleep(200)
    const idle = await process_.usage(true)
    await clients.open(connections)
    while ((await process_.usage()).connections < connections) await sleep(50)
    const connected = await process_.usage(true)
    const rssKbPerConnection = (connected.rssBytes - idle.rssBytes) / 1024 / connections

    // Warm-up: the JIT gets the publish path hot before anything is timed.
    for (let seq = 1; seq <= WARMUP_EVENTS; seq++) await process_.publish(seq)
    await clients.waitForFrames(WARMUP_EVENTS * connections, timeoutMs)
    await sleep(200)

    const expectedFrames = events * connections
    clients.recorder = new LatencyRecorder(expectedFrames)
    clients.frames = 0
    const before = await process_.usage()
    const loadgenBefore = process.cpuUsage()
    if (profileFile) await process_.profile('start')
    const startedAt = performance.now()
    await process_.burst(events, WARMUP_EVENTS + 1)
    await clients.waitForFrames(expectedFrames, timeoutMs)
    if (profileFile) await process_.profile('stop', profileFile)
    const elapsedUs = (performance.now() - startedAt) * 1000
    const loadgen = process.cpuUsage(loadgenBefore)
    const after = await process_.usage()
    const serverCpuUs = after.cpuUserUs - before.cpuUserUs + (after.cpuSystemUs - before.cpuSystemUs)
    const summary = clients.recorder.summary()
    return {
      server,
      connections,
      frames: clients.recorder.count,
      expectedFrames,
      ...summary,
      serverCpuUsPerFrame: serverCpuUs / Math.max(1, clients.recorder.count),
      serverCpuShare: serverCpuUs / elapsedUs,
      loadgenCpuShare: (loadgen.user + loadgen.system) / elapsedUs,
      rssKbPerConnection,
      loadAverage1m: loadavg()[0] ?? Number.NaN,
    }
  } finally {
    clients.destroyAll()
    await process_.stop()
  }
}
