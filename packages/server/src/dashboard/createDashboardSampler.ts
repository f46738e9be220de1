import type { HubStats } from '../HubStats'
import { type DashboardSample, toSample } from './DashboardSample'

/** What the sampler reads; see {@link createDashboardSampler}. */
export interface DashboardSources {
  stats(): HubStats
  /** Open streams per tenant. */
  tenants(): ReadonlyMap<string, number>
}

/** Options of the dashboard's sampling. */
export interface DashboardSamplingOptions {
  /**
   * How often a sample is taken while someone watches.
   * @default 1000
   */
  sampleIntervalMs?: number
  /**
   * How much history is kept (and plotted).
   * @default 300000 (5 minutes)
   */
  windowMs?: number
}

/** The dashboard's sampler; see {@link createDashboardSampler}. */
export interface DashboardSampler {
  /** A viewer asks: sampling (re)starts, and the samples newer than `since` come back. */
  view(since: number, withTenants: boolean): DashboardSample[]
  /** Whether the sampling timer runs. */
  readonly sampling: boolean
  /** Stops sampling and forgets the history. */
  close(): void
}

/** Tenants shown by name; the rest are summed as `(other)`. */
const MAX_TENANTS = 20

/**
 * Samples `stats()` once per `sampleIntervalMs` into a ring of `windowMs` of history, **only while
 * someone watches**: the first `view` starts the timer, and a tick that finds no view in the last three
 * intervals stops it. An idle hub, or one whose dashboard nobody has open, holds no timer. Per-tenant
 * counts are read only while a viewer asked for them within the same three intervals.
 */
export function createDashboardSampler(
  sources: DashboardSources,
  { sampleIntervalMs = 1000, windowMs = 5 * 60_000 }: DashboardSamplingOptions = {},
): DashboardSampler {
  const capacity = Math.max(2, Math.ceil(windowMs / sampleIntervalMs))
  const idleAfterMs = 3 * sampleIntervalMs
  let samples: DashboardSample[] = []
  let previous: { stats: HubStats; at: number } | undefined
  let timer: ReturnType<typeof setInterval> | undefined
  let lastViewAt = 0
  let tenantsWantedAt = Number.NEGATIVE_INFINITY

  const take = () => {
    const at = Date.now()
    const stats = sources.stats()
    const byTenant = at - tenantsWantedAt <= idleAfterMs ? topTenants(sources.tenants()) : undefined
    const seconds = previous ? (at - previous.at) / 1000 : 0
    samples.push(toSample(at, stats, previous?.stats, seconds, byTenant))
    if (samples.length > capacity * 1.25) samples = samples.slice(-capacity)
    previous = { stats, at }
  }

  const stop = () => {
    if (timer !== undefined) clearInterval(timer)
    timer = undefined
    // The next sample after a pause has no rates: averaging over time nobody watched would mislead.
    previous = undefined
  }

  const tick = () => {
    if (Date.now() - lastViewAt > idleAfterMs) return stop()
    take()
  }

  return {
    view(since, withTenants) {
      const now = Date.now()
      lastViewAt = now
      if (withTenants) tenantsWantedAt = now
      if (timer === undefined) {
        take()
        timer = setInterval(tick, sampleIntervalMs)
        // A viewer must not keep a process from exiting.
        timer.unref?.()
      }
      const cutoff = now - windowMs
      return samples.filter((sample) => sample.at > since && sample.at >= cutoff)
    },
    get sampling() {
      return timer !== undefined
    },
    close() {
      stop()
      samples = []
    },
  }
}

function topTenants(tenants: ReadonlyMap<string, number>): Record<string, number> {
  const sorted = [...tenants].sort((a, b) => b[1] - a[1])
  const shown: Record<string, number> = Object.fromEntries(sorted.slice(0, MAX_TENANTS))
  const other = sorted.slice(MAX_TENANTS).reduce((total, [, count]) => total + count, 0)
  if (other > 0) shown['(other)'] = other
  return shown
}
