import { STORM_GUARD_DEFAULTS } from '@ssehub/client/query'
import { RESOURCES } from './dashboardData'
import type { CellResult } from './runSlot'

/** The issue's targets, checked on one run's results. */
export interface Verdict {
  cell: string
  target: string
  met: boolean
  /** The figures behind it, and where missed, why. */
  detail: string
}

export const SEED = { tenants: 50, usersPerTenant: 2, perTenantPerMinute: 1 } as const
const SEED_REQUESTS_PER_USER_PER_MIN = 0.5
const SEED_P99_MS = 200
const SEED_CPU_RATIO = 0.25
const DEFAULT_P99_MS = 2000

export function cellName(
  r: Pick<CellResult, 'tenants' | 'usersPerTenant' | 'perTenantPerMinute' | 'pageSet'>,
): string {
  return `${r.tenants} × ${r.usersPerTenant}, ${r.perTenantPerMinute}/min, ${r.pageSet}`
}

const { maxIntervalMs, burst } = STORM_GUARD_DEFAULTS
const pct = (share: number) => `${(share * 100).toFixed(2)} %`

/** What the dashboard's users cost the server: its CPU over the window less its idle cost. */
export function cpuAboveIdle(r: Pick<CellResult, 'serverCpuShare' | 'idleCpuShare'>): number {
  return Math.max(0, r.serverCpuShare - r.idleCpuShare)
}

const fixed = (n: number, digits = 2) => (Number.isFinite(n) ? n.toFixed(digits) : '—')
const ms = (n: number) => (Number.isFinite(n) ? `${Math.round(n).toLocaleString('en-US')} ms` : '—')

/**
 * The seed's promise in its setting (50 tenants × 2 users, one write per tenant per minute): ≤ 0.5
 * requests per user per minute, p99 < 200 ms, ≤ 1/4 of polling's server CPU, for ssehub's defaults and
 * tuned set-up alike; and in every cell, ssehub's defaults make no more requests than polling with a p99
 * of at most 2 s.
 */
export function checkTargets(results: readonly CellResult[], scale: readonly CellResult[] = []): Verdict[] {
  const verdicts: Verdict[] = []
  const scalePolling = scale.find((r) => r.mode === 'polling')
  for (const r of scale) {
    if (!scalePolling || r.mode === 'polling') continue
    const ratio = cpuAboveIdle(r) / cpuAboveIdle(scalePolling)
    verdicts.push({
      cell: `${cellName(r)} (CPU at scale)`,
      target: `${r.mode}: ≤ 1/4 of polling's server CPU above idle`,
      met: ratio <= SEED_CPU_RATIO,
      detail: `${fixed(ratio)}× (${pct(cpuAboveIdle(r))} vs ${pct(cpuAboveIdle(scalePolling))} of a core)`,
    })
  }
  const cells = new Map<string, Partial<Record<CellResult['mode'], CellResult>>>()
  for (const result of results)
    cells.set(cellName(result), { ...cells.get(cellName(result)), [result.mode]: result })
  for (const [cell, modes] of cells) {
    const { polling, 'ssehub-default': defaults } = modes
    if (!polling || !defaults) continue
    const isSeed =
      defaults.tenants === SEED.tenants &&
      defaults.usersPerTenant === SEED.usersPerTenant &&
      defaults.perTenantPerMinute === SEED.perTenantPerMinute
    if (isSeed) {
      for (const mode of ['ssehub-default', 'ssehub-tuned'] as const) {
        const r = modes[mode]
        if (!r) continue
        const cpuRatio = cpuAboveIdle(r) / cpuAboveIdle(polling)
        verdicts.push({
          cell,
          target: `seed setting, ${mode}: ≤ ${SEED_REQUESTS_PER_USER_PER_MIN} req/user/min, p99 < ${SEED_P99_MS} ms, ≤ 1/4 of polling's server CPU above idle`,
          met:
            r.requestsPerUserPerMin <= SEED_REQUESTS_PER_USER_PER_MIN &&
            r.p99Ms < SEED_P99_MS &&
            cpuRatio <= SEED_CPU_RATIO &&
            r.neverFresh === 0,
          detail: `${fixed(r.requestsPerUserPerMin)} req/user/min, p99 ${ms(r.p99Ms)}, CPU above idle ${fixed(cpuRatio)}× polling's (${pct(cpuAboveIdle(r))} vs ${pct(cpuAboveIdle(polling))} of a core)${r.neverFresh ? `, ${r.neverFresh} never fresh` : ''}`,
        })
      }
    }
    const listEventsPerMin = defaults.perTenantPerMinute / RESOURCES.length
    const requestsMet = defaults.requestsPerUserPerMin <= polling.requestsPerUserPerMin
    verdicts.push({
      cell,
      target: 'defaults make no more requests than polling',
      met: requestsMet,
      detail:
        `${fixed(defaults.requestsPerUserPerMin)} vs ${fixed(polling.requestsPerUserPerMin)} req/user/min` +
        (requestsMet
          ? ''
          : `: each list on screen hears of ${fixed(listEventsPerMin, 1)} changes a minute; the storm guard lets it refetch ${burst} times at once, then once per ${maxIntervalMs / 1000} s at most (${fixed(60_000 / maxIntervalMs, 0)} a minute), while polling costs 2 per page per minute, changed or not`),
    })
    const freshMet = defaults.p99Ms <= DEFAULT_P99_MS && defaults.neverFresh === 0
    verdicts.push({
      cell,
      target: `defaults' p99 freshness ≤ ${DEFAULT_P99_MS / 1000} s`,
      met: freshMet,
      detail:
        `p99 ${ms(defaults.p99Ms)}` +
        (freshMet
          ? ''
          : `: lists changed every ${fixed(60 / listEventsPerMin, 0)} s or so spend their storm guard's burst and are then refetched once per ${maxIntervalMs / 1000} s (maxIntervalMs), so a change waits up to that long; only patches (tuned) make them fresh without a request`),
    })
  }
  return verdicts
}
