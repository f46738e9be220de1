import { LANES } from '../events'
import { HubError } from '../HubError'
import type { HubMetrics } from './HubMetrics'
import type { PromClient, PromCounter, PromGauge, PromHistogram, PromRegistry } from './PromClient'

/** Where hub metrics go. */
export interface PromHubMetricsOptions {
  /** The prom-client registry to register on. @default a private `new Registry()` */
  registry?: PromRegistry
  /** Prefix of every metric name. @default 'ssehub_' */
  prefix?: string
  /** The hub's base flush interval; the flush histogram's buckets follow its bands. @default 2000 */
  flushIntervalMs?: number
}

/** A `HubMetrics` that writes to prom-client metrics, and the registry that serves them. */
export interface PromHubMetrics extends HubMetrics {
  readonly registry: PromRegistry
}

const METRIC_PREFIX = /^([a-zA-Z_:][a-zA-Z0-9_:]*)?$/
/** Flush bands are base/4, base, 2×base, 4×base; the in-between bounds keep a late timer in its own band. */
const FLUSH_BUCKETS_PER_BASE = [0.25, 0.5, 1, 1.5, 2, 3, 4, 6]
const UTILIZATION_BUCKETS = [0.1, 0.25, 0.5, 0.8, 0.9, 1]
const PUBLISH_BUCKETS = [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1]

/** Every metric the hub registers, by name without the prefix. */
const METRIC_NAMES = [
  'connections',
  'events_published_total',
  'events_delivered_total',
  'events_coalesced_total',
  'events_dropped_total',
  'resyncs_total',
  'events_replayed_total',
  'auth_failures_total',
  'flush_interval_seconds',
  'buffer_utilization_ratio',
  'publish_duration_seconds',
] as const

/**
 * Throws a 500 `HubError` (`invalid_option`) for options `promHubMetrics` cannot use — a bad prefix, a
 * non-positive flush interval, a registry that already has these metrics. Needs no prom-client, so a hub
 * can refuse bad options at construction even while prom-client is still loading.
 */
export function assertPromHubMetricsOptions(options: PromHubMetricsOptions): void {
  const { prefix = 'ssehub_', flushIntervalMs = 2000, registry } = options
  if (typeof prefix !== 'string' || !METRIC_PREFIX.test(prefix)) {
    throw misuse(`prefix "${prefix}" is not a valid Prometheus metric name prefix`)
  }
  if (!Number.isFinite(flushIntervalMs) || flushIntervalMs <= 0)
    throw misuse('flushIntervalMs must be positive')
  const taken = METRIC_NAMES.find((name) => registry?.getSingleMetric(prefix + name))
  if (taken)
    throw misuse(`the registry already has "${prefix + taken}": give each hub its own registry or prefix`)
}

/** Builds the hub's metrics with a loaded `prom-client` (see `createHubMetrics` for the lazy path). */
export function promHubMetrics(prom: PromClient, options: PromHubMetricsOptions = {}): PromHubMetrics {
  assertPromHubMetricsOptions(options)
  const { prefix = 'ssehub_', flushIntervalMs = 2000 } = options
  const registry = options.registry ?? new prom.Registry()
  const name = (suffix: (typeof METRIC_NAMES)[number]) => prefix + suffix
  const registered = <M extends PromCounter<string> | PromGauge | PromHistogram>(metric: M): M => {
    registry.registerMetric(metric)
    return metric
  }
  const counter = <L extends string>(
    suffix: (typeof METRIC_NAMES)[number],
    help: string,
    labelNames: L[] = [],
  ) => registered(new prom.Counter<L>({ name: name(suffix), help, labelNames, registers: [] }))
  const histogram = (suffix: (typeof METRIC_NAMES)[number], help: string, buckets: number[]) =>
    registered(new prom.Histogram({ name: name(suffix), help, buckets, registers: [] }))

  const connections = registered(
    new prom.Gauge({ name: name('connections'), help: 'Open event streams.', registers: [] }),
  )
  const published = counter('events_published_total', 'Events published, by lane.', ['lane'])
  const delivered = counter('events_delivered_total', 'Frames written to connections, by lane.', ['lane'])
  const coalesced = counter('events_coalesced_total', 'Pending values replaced by newer ones, by lane.', [
    'lane',
  ])
  const dropped = counter('events_dropped_total', 'Frames not written, by lane and reason.', [
    'lane',
    'reason',
  ])
  const resyncs = counter('resyncs_total', 'resync frames sent, by reason.', ['reason'])
  const replayed = counter('events_replayed_total', 'Events replayed to reconnecting clients.')
  const authFailures = counter('auth_failures_total', 'Requests refused by auth, by error code.', ['reason'])
  const flushBuckets = FLUSH_BUCKETS_PER_BASE.map((factor) => (factor * flushIntervalMs) / 1000)
  const flushInterval = histogram(
    'flush_interval_seconds',
    'Time between flushes of a connection.',
    flushBuckets,
  )
  const utilization = histogram(
    'buffer_utilization_ratio',
    'Outbound buffer utilization at flush.',
    UTILIZATION_BUCKETS,
  )
  const publishDuration = histogram(
    'publish_duration_seconds',
    'Time from publish() to routed.',
    PUBLISH_BUCKETS,
  )

  // Series that exist from the start read as 0 rather than "no data" in dashboards and alerts.
  for (const lane of LANES) {
    for (const metric of [published, delivered, coalesced]) metric.inc({ lane }, 0)
    dropped.inc({ lane, reason: 'overflow' }, 0)
  }
  for (const reason of ['replay-gap', 'epoch', 'overflow']) resyncs.inc({ reason }, 0)
  replayed.inc(0)

  return {
    registry,
    connectionOpened: () => connections.inc(),
    connectionClosed: () => connections.dec(),
    published: (lane) => published.inc({ lane }),
    // Counts that are not positive (or NaN) are skipped: a counter cannot go down, and this must not throw.
    delivered: (lane, count = 1) => count > 0 && delivered.inc({ lane }, count),
    coalesced: (lane, count = 1) => count > 0 && coalesced.inc({ lane }, count),
    dropped: (lane, reason, count = 1) => count > 0 && dropped.inc({ lane, reason }, count),
    resync: (reason) => resyncs.inc({ reason }),
    replayed: (count) => count > 0 && replayed.inc(count),
    authFailure: (code) => authFailures.inc({ reason: code }),
    observeFlush(intervalMs, ratio) {
      // A NaN would poison the histogram's sum for good; skip it rather than throw on the flush path.
      if (Number.isFinite(intervalMs) && intervalMs >= 0) flushInterval.observe(intervalMs / 1000)
      if (Number.isFinite(ratio) && ratio >= 0) utilization.observe(ratio)
    },
    observePublish(seconds) {
      if (Number.isFinite(seconds) && seconds >= 0) publishDuration.observe(seconds)
    },
  }
}

function misuse(message: string): HubError {
  return new HubError('invalid_option', `metrics: ${message}`, { status: 500 })
}
