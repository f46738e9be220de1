import type { Lane } from '../events'
import type { HubStats, LaneCounts } from '../HubStats'

/** One point of the dashboard's plots: the state at `at` and the rates since the sample before. */
export interface DashboardSample {
  /** `Date.now()` when it was taken. */
  at: number
  /** Streams registered (open, retiring, reading their replay). */
  connections: number
  streams: HubStats['streams']
  /** Open streams per tenant (the `tenantKey` metadata), the 20 largest and `(other)`, when a viewer asked. */
  byTenant?: Record<string, number>
  /**
   * Per second since the previous sample; absent on the first sample after a pause (no viewer was
   * looking, so nothing was sampled: the plots break the line there).
   */
  rates?: {
    published: LaneCounts
    /** Frames written to sockets, per lane. */
    delivered: LaneCounts
    /** Pending coalesced values replaced by a newer one before their flush. */
    coalesced: number
    dropped: number
    resyncs: number
    /** Lane flushes per flush interval (ms): which band of the adaptive throttle connections are in. */
    flushesByIntervalMs: Record<string, number>
  }
  /**
   * Publish latency since the previous sample, in ms: the mean, and the histogram bound under which 99 %
   * fell (`null`: above the last bound, 1 s).
   */
  publishLatencyMs?: { mean: number; p99: number | null; count: number }
  engine?: HubStats['engine']
}

const lanes: Lane[] = ['instant', 'batched', 'coalesced']
const sum = (record: Record<string, number>) =>
  Object.values(record).reduce((total, value) => total + value, 0)

/** A sample from two stats snapshots `seconds` apart (or from one, after a pause). */
export function toSample(
  at: number,
  stats: HubStats,
  previous: HubStats | undefined,
  seconds: number,
  byTenant: Record<string, number> | undefined,
): DashboardSample {
  const sample: DashboardSample = { at, connections: stats.connections, streams: stats.streams }
  if (byTenant) sample.byTenant = byTenant
  if (stats.engine) sample.engine = stats.engine
  if (!previous || seconds <= 0) return sample
  const rate = (now: number, before: number) => Math.max(0, now - before) / seconds
  const perLane = (now: LaneCounts, before: LaneCounts) =>
    Object.fromEntries(lanes.map((lane) => [lane, rate(now[lane], before[lane])])) as LaneCounts
  const flushes: Record<string, number> = {}
  for (const [band, count] of Object.entries(stats.flushesByIntervalMs)) {
    const perSecond = rate(count, previous.flushesByIntervalMs[band] ?? 0)
    if (perSecond > 0) flushes[band] = perSecond
  }
  sample.rates = {
    published: perLane(stats.published, previous.published),
    delivered: perLane(stats.delivered, previous.delivered),
    coalesced: rate(stats.coalesced, previous.coalesced),
    dropped: rate(sum(stats.dropped), sum(previous.dropped)),
    resyncs: rate(sum(stats.resyncs), sum(previous.resyncs)),
    flushesByIntervalMs: flushes,
  }
  const latency = latencyBetween(stats.publishLatencyMs, previous.publishLatencyMs)
  if (latency) sample.publishLatencyMs = latency
  return sample
}

/** The mean, and the bucket bound under which 99 % of the publishes in between fell. */
function latencyBetween(
  now: HubStats['publishLatencyMs'],
  before: HubStats['publishLatencyMs'],
): DashboardSample['publishLatencyMs'] {
  const count = now.count - before.count
  if (count <= 0) return undefined
  const target = count * 0.99
  let p99 = Number.POSITIVE_INFINITY
  for (const [le, cumulative] of Object.entries(now.buckets)) {
    if (le === '+Inf') continue
    if (cumulative - (before.buckets[le] ?? 0) >= target) {
      p99 = Math.min(p99, Number(le))
    }
  }
  return { mean: (now.sumMs - before.sumMs) / count, p99: Number.isFinite(p99) ? p99 : null, count }
}
