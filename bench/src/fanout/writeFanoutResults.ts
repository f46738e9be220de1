import { cpus, loadavg } from 'node:os'
import { codeRevision, otherProcessesMarkdown } from '../runContext'
import { writeSection } from '../writeSection'
import type { ScenarioResult } from './runScenario'
import type { ServerName } from './ServerProcess'

export interface RunInfo {
  startedAt: Date
  loadAverage: number[]
  command: string
  repeats: number
  framesPerRow: number
  /** What else was using the CPU when the run started (`ps`). */
  otherProcesses: string
}

const int = (n: number) => Math.round(n).toLocaleString('en-US')
const ms = (n: number) => (n < 10 ? n.toFixed(1) : Math.round(n).toString())
const ratio = (n: number) => `${n.toFixed(2)}×`
const mark = (met: boolean) => (met ? 'met' : '**missed**')

/** Writes bench/RESULTS.md: the machine, the command, every row, and ssehub's ratios against the targets. */
export async function writeFanoutResults(results: ScenarioResult[], run: RunInfo): Promise<string> {
  const find = (server: ServerName, connections: number) =>
    results.find((r) => r.server === server && r.connections === connections)
  const sizes = [...new Set(results.map((r) => r.connections))]
  const lines = [
    '## Fan-out over real HTTP',
    '',
    `Written by \`${run.command}\` (in \`bench/\`: \`src/fanout/main.ts\`). Do not edit by hand.`,
    '',
    `- Date: ${run.startedAt.toISOString()}, ${((Date.now() - run.startedAt.getTime()) / 60_000).toFixed(1)} min`,
    `- Code: ${codeRevision(['../packages/server/src'])}`,
    `- Machine: ${cpus().length} cores (${cpus()[0]?.model.trim()}), ${process.platform} ${process.arch}, Node ${process.version}`,
    `- Load average (1/5/15 min) at the start: ${run.loadAverage.map((n) => n.toFixed(2)).join(' / ')}; at the end: ${loadavg()
      .map((n) => n.toFixed(2))
      .join(' / ')}`,
    '- Every library runs as it is published: ssehub from its build (`pnpm --filter @ssehub/server build`, run first by the script), the others from npm.',
    `- Each row is the best (by frames/s) of ${run.repeats} passes made round-robin over the servers, each of: a fresh server process, N raw-socket clients subscribed to \`orders\`, 5 warm-up events, then a burst of instant invalidations published one per macrotask; ~${run.framesPerRow.toLocaleString('en-US')} frames per row (at least 20 events).`,
    '',
    '| server | connections | frames/s | p50 ms | p99 ms | max ms | server CPU µs/frame | server CPU | load generator CPU | server RSS KB/connection | load average (1 min) |',
    '|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|',
    ...results.map(
      (r) =>
        `| ${r.server} | ${int(r.connections)} | ${int(r.framesPerSec)} | ${ms(r.p50Ms)} | ${ms(r.p99Ms)} | ${ms(r.maxMs)} | ${r.serverCpuUsPerFrame.toFixed(1)} | ${Math.round(r.serverCpuShare * 100)} % | ${Math.round(r.loadgenCpuShare * 100)} % | ${r.rssKbPerConnection.toFixed(1)} | ${r.loadAverage1m.toFixed(2)} |` +
        (r.frames < r.expectedFrames ? ` (${r.frames}/${r.expectedFrames} frames)` : ''),
    ),
    '',
    'CPU is a share of one core over the burst, from the first publish to the last frame read.',
    '',
    '### ssehub against the alternatives and the targets',
    '',
    '| connections | frames/s ÷ better-sse | ÷ streamSSE | ÷ node:http | ÷ raw net | p99 ÷ raw net | p99 ÷ better-sse | KB/conn ÷ better-sse | frames/s target | p99 ≤ 1.2× raw | ≤ 12 KB/conn | never behind better-sse |',
    '|--:|--:|--:|--:|--:|--:|--:|--:|:-:|:-:|:-:|:-:|',
  ]
  for (const connections of sizes) {
    const hub = find('ssehub', connections)
    const better = find('better-sse', connections)
    const naive = find('hono streamSSE (naive)', connections)
    const http = find('node:http (floor)', connections)
    const raw = find('raw net (ceiling)', connections)
    if (!hub || !better || !naive || !http || !raw) continue
    const fpsTarget = connections >= 10_000 ? 1.5 : 2
    const fps = hub.framesPerSec / better.framesPerSec
    const ahead =
      hub.framesPerSec >= better.framesPerSec &&
      hub.p99Ms <= better.p99Ms &&
      hub.rssKbPerConnection <= better.rssKbPerConnection
    lines.push(
      `| ${int(connections)} | ${ratio(fps)} | ${ratio(hub.framesPerSec / naive.framesPerSec)} | ${ratio(hub.framesPerSec / http.framesPerSec)} | ${ratio(hub.framesPerSec / raw.framesPerSec)} | ${ratio(hub.p99Ms / raw.p99Ms)} | ${ratio(hub.p99Ms / better.p99Ms)} | ${ratio(hub.rssKbPerConnection / better.rssKbPerConnection)} | ≥ ${fpsTarget}×: ${mark(fps >= fpsTarget)} | ${mark(hub.p99Ms <= 1.2 * raw.p99Ms)} | ${mark(hub.rssKbPerConnection <= 12)} | ${mark(ahead)} |`,
    )
  }
  lines.push('', ...otherProcessesMarkdown(run.otherProcesses), '')
  return writeSection('fanout', lines.join('\n'))
}
