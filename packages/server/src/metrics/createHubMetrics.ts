import { HubError } from '../HubError'
import { HUB_METRICS_METHODS, type HubMetrics, noopHubMetrics } from './HubMetrics'
import { loadPromClient } from './loadPromClient'
import type { MetricsRegistry } from './metricsHandler'
import type { PromClient } from './PromClient'
import { assertPromHubMetricsOptions, type PromHubMetricsOptions, promHubMetrics } from './promHubMetrics'

/** `createHub({ metrics })`: where metrics go, and optionally the prom-client module to use. */
export interface HubMetricsOptions extends PromHubMetricsOptions {
  /**
   * The prom-client module, for bundles where a dynamic import of an optional peer does not work.
   * @default undefined (imported lazily; when it is not installed, metrics are off and the endpoint says so)
   */
  promClient?: PromClient
}

/** A `HubMetrics` usable at once, and the registry to serve once prom-client has loaded. */
export interface HubMetricsHandle extends HubMetrics {
  /** The registry, or `undefined` when prom-client is not installed; rejects when the options are wrong. */
  readonly registry: Promise<MetricsRegistry | undefined>
}

/** Calls recorded before prom-client has loaded (it takes milliseconds) are kept up to this many. */
const MAX_EARLY_CALLS = 10_000

/**
 * The hub's metrics, on prom-client when it is installed: usable synchronously (so `createHub` stays
 * synchronous), while prom-client loads in the background. Calls made meanwhile are replayed onto it, so
 * no count is lost; without prom-client everything is a no-op and `registry` resolves to `undefined`.
 *
 * @example
 * const metrics = createHubMetrics({ registry: client.register })
 * app.get('/metrics', metricsHandler(metrics.registry))
 */
export function createHubMetrics(options: HubMetricsOptions = {}): HubMetricsHandle {
  const { promClient, ...promOptions } = options

  assertPromHubMetricsOptions(promOptions)
  let active: HubMetrics | undefined
  const early: [keyof HubMetrics, unknown[]][] = []
  const activate = (metrics: HubMetrics) => {
    for (const [name, args] of early) call(metrics, name, args)
    early.length = 0
    active = metrics
  }

  const registry = promClient ? Promise.resolve(activateProm(promClient)) : loadAndActivate()
  // A failure surfaces where metrics are served, not as an unhandled rejection at startup.
  registry.catch(() => {})

  function activateProm(prom: PromClient): MetricsRegistry {
    const metrics = promHubMetrics(prom, promOptions)
    activate(metrics)
    return metrics.registry
  }

  async function loadAndActivate(): Promise<MetricsRegistry | undefined> {
    try {
      const prom = await loadPromClient()
      if (prom) return activateProm(prom)
      activate(noopHubMetrics)
      return undefined
    } catch (error) {
      activate(noopHubMetrics)
      throw error instanceof HubError
        ? error
        : new HubError('metrics_unavailable', 'prom-client failed to load', { status: 500, cause: error })
    }
  }

  const handle = { registry } as HubMetricsHandle & Record<string, unknown>
  for (const name of HUB_METRICS_METHODS) {
    handle[name] = (...args: unknown[]) => {
      if (active) call(active, name, args)
      else if (early.length < MAX_EARLY_CALLS) early.push([name, args])
    }
  }
  return handle
}

function call(metrics: HubMetrics, name: keyof HubMetrics, args: unknown[]): void {
  ;(metrics[name] as (...args: unknown[]) => void)(...args)
}
