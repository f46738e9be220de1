import { loadavg } from 'node:os'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { busiestProcesses } from '../runContext'
import { runScenario, type ScenarioResult } from './runScenario'
import { SERVERS, type ServerName } from './ServerProcess'
import { writeFanoutResults } from './writeFanoutResults'

/**
 * `pnpm bench:fanout`: every server at every connection count, in one run, in a fixed order, then the
 * markdown table in bench/RESULTS.md. `--sizes` and `--servers` narrow it for development; only a full
 * run (the defaults) writes the results file unless `--write` is given.
 */
const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: '1000,5000,10000' },
    servers: { type: 'string' },
    frames: { type: 'string', default: '200000' },
    write: { type: 'boolean', default: false },
    /** Writes a V8 CPU profile of every server's burst into bench/profiles (open it in Chrome DevTools). */
    profile: { type: 'boolean', default: false },
    /** Runs of each row; the best (by frames/s) is kept, since other work on the machine only slows a run down. */
    repeat: { type: 'string', default: '3' },
  },
})
const sizes = values.sizes.split(',').map(Number)
const servers = (values.servers?.split(',') ?? Object.keys(SERVERS)) as ServerName[]
for (const name of servers) if (!(name in SERVERS)) throw new Error(`unknown server "${name}"`)
const PROFILE_DIR = fileURLToPath(new URL('../../profiles', import.meta.url))
const isFullRun = values.sizes === '1000,5000,10000' && values.servers === undefined

const startedAt = new Date()
const loadAverage = loadavg()
const otherProcesses = busiestProcesses()
const results: ScenarioResult[] = []
for (const connections of sizes) {
  // Enough events that every size delivers about the same number of frames (at least 20 events).
  const events = Math.max(20, Math.round(Number(values.frames) / connections))
  const best = new Map<ServerName, ScenarioResult>()
  // Round-robin over the servers, so a burst of other work on the machine hits different servers in
  // different passes; each keeps its best pass, since such work only ever slows a run down.
  for (let run = 0; run < Number(values.repeat); run++) {
    for (const server of servers) {
      const profileFile = values.profile
        ? `${PROFILE_DIR}/${server.replace(/\W+/g, '_')}-${connections}-${run}.cpuprofile`
        : ''
      const attempt = await runScenario(server, connections, events, { profileFile })
      console.log(describe(attempt))
      const previous = best.get(server)
      if (!previous || attempt.framesPerSec > previous.framesPerSec) best.set(server, attempt)
    }
  }
  results.push(...servers.map((server) => best.get(server)!))
}
if (isFullRun || values.write) {
  const file = await writeFanoutResults(results, {
    startedAt,
    loadAverage,
    command: commandLine(),
    repeats: Number(values.repeat),
    framesPerRow: Number(values.frames),
    otherProcesses,
  })
  console.log(`wrote ${file}`)
}

function describe(result: ScenarioResult): string {
  return (
    `${result.server.padEnd(36)} ${String(result.connections).padStart(6)} conns  ${String(result.frames).padStart(7)}/${result.expectedFrames} frames  ` +
    `${Math.round(result.framesPerSec).toLocaleString('en-US').padStart(8)} frames/s  p50 ${result.p50Ms.toFixed(1)} p99 ${result.p99Ms.toFixed(1)} max ${result.maxMs.toFixed(1)} ms  ` +
    `cpu ${result.serverCpuUsPerFrame.toFixed(2)} µs/frame (server ${pct(result.serverCpuShare)}, loadgen ${pct(result.loadgenCpuShare)})  ` +
    `${result.rssKbPerConnection.toFixed(1)} KB/conn  load ${result.loadAverage1m.toFixed(2)}`
  )
}

function pct(share: number): string {
  return `${Math.round(share * 100)} %`
}

function commandLine(): string {
  const args = process.argv.slice(2).join(' ')
  return `pnpm bench:fanout${args ? ` ${args}` : ''}`
}
