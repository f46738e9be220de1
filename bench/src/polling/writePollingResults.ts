import { STORM_GUARD_DEFAULTS } from '@ssehub/client/query'
import { otherProcessesMarkdown } from '../runContext'
import { writeSection } from '../writeSection'
import { type CellResult, TUNED_HUB } from './runSlot'
import { checkTargets, cpuAboveIdle } from './targets'

/** How the run went, for the header of the section. */
export interface PollingRunInfo {
  command: string
  startedAt: Date
  durationMin: number
  cores: number
  node: string
  loadAverage: number[]
  warmupMs: number
  windowMs: number
  /** The load generator's CPU over each slot's window, as a share of one core. */
  loadgenCpuShares: number[]
  /** The seed's setting at scale, each mode alone: the CPU comparison. */
  scale: readonly CellResult[]
  /** `codeRevision` of the hub and the client, and the busiest processes at the start (`ps`). */
  code: string
  otherProcesses: string
}

const LABELS: Record<CellResult['mode'], string> = {
  polling: 'polling every 30 s',
  'ssehub-default': 'ssehub defaults',
  'ssehub-tuned': 'ssehub tuned (patches, 30 s heartbeat)',
}

const ms = (n: number) =>
  Number.isFinite(n) ? (n < 100 ? n.toFixed(1) : Math.round(n).toLocaleString('en-US')) : '—'
const kb = (bytes: number) => (bytes / 1024).toFixed(1)
const pct = (share: number) => `${(share * 100).toFixed(2)} %`

/** Polling's server CPU per API request at scale: what each request the dashboard no longer makes is worth here. */
function scalePollingCost(scale: readonly CellResult[]): string[] {
  const polling = scale.find((r) => r.mode === 'polling')
  if (!polling) return []
  const requestsPerSecond = (polling.requestsPerUserPerMin * polling.tenants * polling.usersPerTenant) / 60
  const usPerRequest = (cpuAboveIdle(polling) * 1e6) / requestsPerSecond
  return [
    '',
    `Polling's server CPU per API request here: ${Math.round(usPerRequest)} µs (${Math.round(requestsPerSecond)} requests a second).`,
  ]
}

const HEADER = [
  '| tenants × users | writes / tenant / min | pages on screen | mode | API requests / user / min | fresh p50 | p99 | max | pairs (never fresh) | server CPU | above idle | API KB / user / min | stream KB / user / min | binder decisions |',
  '|---|--:|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|---|',
]

function row(r: CellResult): string {
  const decisions =
    Object.entries(r.decisions)
      .map(([outcome, count]) => `${outcome} ${count.toLocaleString('en-US')}`)
      .join(', ') || '—'
  return `| ${r.tenants} × ${r.usersPerTenant} | ${r.perTenantPerMinute} | ${r.pageSet === 'all-six' ? 'all six' : 'one of six'} | ${LABELS[r.mode]} | ${r.requestsPerUserPerMin.toFixed(2)} | ${ms(r.p50Ms)} ms | ${ms(r.p99Ms)} ms | ${ms(r.maxMs)} ms | ${r.samples.toLocaleString('en-US')} (${r.neverFresh}) | ${pct(r.serverCpuShare)} | ${pct(cpuAboveIdle(r))} | ${kb(r.apiBytesPerUserPerMin)} | ${kb(r.streamBytesPerUserPerMin)} | ${decisions} |`
}

/** The polling section of bench/RESULTS.md (and the README's copy): every cell, the CPU at scale, then the targets. */
export function pollingMarkdown(results: readonly CellResult[], info: PollingRunInfo): string {
  const verdicts = checkTargets(results, info.scale)
  const loadgen = info.loadgenCpuShares
  const scaleUsers = info.scale[0] ? info.scale[0].tenants * info.scale[0].usersPerTenant : 0
  return [
    '## Polling against invalidations: the matrix',
    '',
    `Written by \`${info.command}\` on ${info.startedAt.toISOString()} (${info.durationMin.toFixed(1)} min): ${info.cores} cores, Node ${info.node}, load average ${info.loadAverage.map((n) => n.toFixed(2)).join(' / ')} at the start; ${info.code}.`,
    '',
    `100 users per cell, spread over 1, 10 or 50 tenants. Each user has six dashboard pages (two lists of a resource's 100 records, four records; six resources per tenant), each a TanStack Query query: all six on screen (observed), or the realistic one on screen and five visited before (cached, unobserved). Each tenant writes a random record 1, 6 or 60 times a minute; the API server then calls \`hub.invalidate\` with \`tenant\` and the new record as hint. **polling**: every page on screen refetches every 30 s (users from random phases); **ssehub defaults**: one \`@ssehub/client\` stream per user, \`bindQueryClient\` with no options (id-aware, on-screen queries only, storm guard ${STORM_GUARD_DEFAULTS.minIntervalMs / 1000} s → ${STORM_GUARD_DEFAULTS.maxIntervalMs / 1000} s, burst ${STORM_GUARD_DEFAULTS.burst}); **ssehub tuned**: the same with \`patches\` (\`record: true\`, \`listPatch()\`) for every resource, and on the server a heartbeat every ${TUNED_HUB.heartbeatMs / 1000} s instead of the default 25 s (\`heartbeatMs\`; every heartbeat costs CPU per open stream). The three modes of a workload and both page sets run side by side, each against its own API server process, for ${info.warmupMs / 1000} s of writes before a ${info.windowMs / 1000} s window (three times that in the seed's setting, 50 × 2 at 1 write a minute, for enough samples) in which requests, bytes and CPU are counted; every write of the window is then followed 32 s more.`,
    '',
    "Time to fresh data: from a write's commit to a page on screen that shows the record rendering that version (or newer), over every such page × write pair. Server CPU: the API server process's own `process.cpuUsage()` (user + system) over the window, as a share of one core, and the same less the process's idle cost (read for 5 s before any user came). Bytes: what the server wrote to sockets (HTTP headers included), per user per minute, API answers and event streams apart.",
    '',
    ...HEADER,
    ...results.map(row),
    '',
    `The load generator (every user, in the bench process) used ${pct(Math.min(...loadgen))}–${pct(Math.max(...loadgen))} of a core over the windows. At 100 users the API server used ${pct(Math.min(...results.map(cpuAboveIdle)))}–${pct(Math.max(...results.map(cpuAboveIdle)))} of a core above idle, whatever the mode: too little to compare modes by; the run at scale below is the one for CPU.`,
    ...(scaleUsers > 0
      ? [
          '',
          `### Server CPU at scale: the seed's setting with ${scaleUsers.toLocaleString('en-US')} users`,
          '',
          `${(scaleUsers / 2).toLocaleString('en-US')} tenants × 2 users, one write per tenant per minute, all six pages on screen; each mode alone on the machine, a 30 s window.`,
          '',
          ...HEADER,
          ...info.scale.map(row),
          ...scalePollingCost(info.scale),
        ]
      : []),
    '',
    '### Targets',
    '',
    '| cell | target | | figures |',
    '|---|---|:-:|---|',
    ...verdicts.map((v) => `| ${v.cell} | ${v.target} | ${v.met ? 'met' : '**missed**'} | ${v.detail} |`),
    '',
    ...otherProcessesMarkdown(info.otherProcesses),
  ].join('\n')
}

export async function writePollingResults(
  results: readonly CellResult[],
  info: PollingRunInfo,
): Promise<string> {
  return writeSection('polling', pollingMarkdown(results, info))
}
