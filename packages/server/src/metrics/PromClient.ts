// The parts of prom-client the hub uses, written out here rather than imported: prom-client is an optional
// peer, and a published `import('prom-client')` type would fail to compile (TS2307) in an app without it
// (with `skipLibCheck: false`), or silently become `any` with it skipped. `PromClient.test-d.ts` checks
// that prom-client's own module and registry fit these shapes, so they cannot drift apart.

import type { MetricsRegistry } from './metricsHandler'

/** A prom-client `Registry`, as the hub uses it: where its metrics register, and what `/metrics` serves. */
export interface PromRegistry extends MetricsRegistry {
  /** The metric of that name, if one is registered. */
  getSingleMetric(name: string): unknown
  /** Adds a metric; throws when one of that name is registered. */
  registerMetric(metric: PromCounter<string> | PromGauge | PromHistogram): void
}

/** Label values of one series, by label name. */
export type PromLabels<L extends string> = Partial<Record<L, string | number>>

/**
 * What a prom-client metric constructor takes, as far as the hub uses it. `registers` is always empty (the
 * hub registers each metric itself with `registerMetric`): prom-client would otherwise add it to its global
 * registry.
 */
export interface PromMetricConfig<L extends string> {
  name: string
  help: string
  labelNames?: readonly L[]
  registers: []
}

/** A prom-client `Counter`. */
export interface PromCounter<L extends string> {
  inc(labels: PromLabels<L>, value?: number): void
  inc(value?: number): void
}

/** A prom-client `Gauge`. */
export interface PromGauge {
  inc(value?: number): void
  dec(value?: number): void
}

/** A prom-client `Histogram`. */
export interface PromHistogram {
  observe(value: number): void
}

/** The `prom-client` module (`import * as prom from 'prom-client'`), as far as the hub uses it. */
export interface PromClient {
  Registry: new () => PromRegistry
  Counter: new <L extends string>(config: PromMetricConfig<L>) => PromCounter<L>
  Gauge: new (config: PromMetricConfig<never>) => PromGauge
  Histogram: new (config: PromMetricConfig<never> & { buckets?: number[] }) => PromHistogram
}
