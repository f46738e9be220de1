import type { Context } from 'hono'
import { HubError } from '../HubError'

/** What `metricsHandler` serves: a prom-client `Registry` fits. */
export interface MetricsRegistry {
  metrics(): Promise<string>
  readonly contentType: string
}

/**
 * The handler of `GET /metrics`: the registry in Prometheus text format, with the registry's content type.
 * Given the promise from `createHubMetrics(...).registry`, it answers 501 `metrics_unavailable` JSON while
 * prom-client is not installed, and the configuration error (500) when the metrics could not be set up.
 *
 * @example
 * app.get('/metrics', metricsHandler(register))
 */
export function metricsHandler(registry: MetricsRegistry | Promise<MetricsRegistry | undefined>) {
  return async function metricsHandler(c: Context): Promise<Response> {
    let resolved: MetricsRegistry | undefined
    try {
      resolved = await registry
    } catch (error) {
      if (error instanceof HubError) return error.getResponse()
      throw error
    }
    if (!resolved) {
      return new HubError(
        'metrics_unavailable',
        'Metrics need prom-client: install it next to @ssehub/server',
        {
          status: 501,
        },
      ).getResponse()
    }
    return c.body(await resolved.metrics(), 200, {
      'content-type': resolved.contentType,
      'cache-control': 'no-store',
    })
  }
}
