import { cpus, loadavg } from 'node:os'
import { parseArgs } from 'node:util'
import { busiestProcesses, codeRevision } from '../runContext'
import { type CellResult, MODES, runSlot } from './runSlot'
import { SEED } from './targets'
import { writePollingResults } from './writePollingResults'

/**
 * `pnpm bench:polling`: the matrix of issue 16. For each workload (100 users over 1, 10 or 50 tenants ×
 * 1, 6 or 60 writes per tenant per minute), polling, ssehub's defaults and ssehub tuned, with all six
 * pages on screen and with one: requests, freshness, server CPU and bytes; then the seed's setting at
 * 2,000 users (`--scale`), where the server's CPU is large enough to compare. About 29 min; `--quick`
 * runs the seed's setting and the storm (1 tenant of 100 at 60 writes a minute) in about 7, `--scale-only`
 * the CPU-at-scale run alone in about 3. Only a full run
 * rewrites bench/RESULTS.md (and the README's copy), unless given `--write`.
 */
const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    window: { type: 'string', default: '60' },
    warmup: { type: 'string', default: '15' },
    write: { type: 'boolean', default: false },
    /** Users of the CPU-at-scale run (two per tenant, one write per tenant per minute); 0 skips it. */
    scale: { type: 'string', default: '2000' },
    /** Only the CPU-at-scale run (about 3 min): the server-CPU comparison without the matrix. */
    'scale-only': { type: 'boolean', default: false },
  },
})
const SEED_WINDOWS = 3
const TENANCIES = [
  { tenants: 1, usersPerTenant: 100 },
  { tenants: 10, usersPerTenant: 10 },
  { tenants: 50, usersPerTenant: 2 },
]
const RATES = [1, 6, 60]
const slots = values['scale-only']
  ? []
  : values.quick
    ? [SEED, { tenants: 1, usersPerTenant: 100, perTenantPerMinute: 60 }]
    : TENANCIES.flatMap((tenancy) => RATES.map((perTenantPerMinute) => ({ ...tenancy, perTenantPerMinute })))
const timing = { warmupMs: Number(values.warmup) * 1000, windowMs: Number(values.window) * 1000 }
const scaleUsers = values.quick ? 0 : Number(values.scale)
const isFullRun =
  !values.quick &&
  !values['scale-only'] &&
  values.window === '60' &&
  values.warmup === '15' &&
  values.scale === '2000'

const startedAt = new Date()
const loadAverage = loadavg()
const otherProcesses = busiestProcesses()
const results: CellResult[] = []
const loadgenCpuShares: number[] = []
for (const slot of slots) {
  // The seed's setting writes once per tenant per minute: three windows' worth, for enough page × write pairs.
  const isSeed = slot.tenants === SEED.tenants && slot.perTenantPerMinute === SEED.perTenantPerMinute
  const run = await runSlot(slot.tenants, slot.usersPerTenant, slot.perTenantPerMinute, {
    ...timing,
    windowMs: isSeed ? timing.windowMs * SEED_WINDOWS : timing.windowMs,
  })
  loadgenCpuShares.push(run.loadgenCpuShare)
  for (const result of run.results) {
    results.push(result)
    console.log(JSON.stringify(result))
  }
}
// The seed's setting with enough users for the server's CPU to rise above its noise: each mode alone on
// the machine, all six pages on screen, a 30 s window (thousands of requests or events in it).
const scale: CellResult[] = []
for (const mode of scaleUsers > 0 ? MODES : []) {
  const run = await runSlot(
    scaleUsers / SEED.usersPerTenant,
    SEED.usersPerTenant,
    SEED.perTenantPerMinute,
    { ...timing, windowMs: 30_000 },
    [{ pageSet: 'all-six', mode }],
  )
  scale.push(...run.results)
  console.log(JSON.stringify({ scale: true, ...run.results[0], loadgenCpuShare: run.loadgenCpuShare }))
}
const args = process.argv.slice(2).join(' ')
const info = {
  command: `pnpm bench:polling${args ? ` ${args}` : ''}`,
  startedAt,
  durationMin: (Date.now() - startedAt.getTime()) / 60_000,
  cores: cpus().length,
  node: process.version,
  loadAverage,
  ...timing,
  loadgenCpuShares,
  scale,
  code: codeRevision(['../packages/server/src', '../packages/client/src']),
  otherProcesses,
}
if (values['scale-only'])
  console.log(
    `scale-only run on ${info.code}, load average ${loadAverage.map((l) => l.toFixed(1)).join(' ')}`,
  )
else if (isFullRun || values.write) console.log(`wrote ${await writePollingResults(results, info)}`)
else console.log((await import('./writePollingResults')).pollingMarkdown(results, info))
