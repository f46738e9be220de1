import { Hono } from 'hono'
import * as prom from 'prom-client'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { HubError } from '../HubError'
import { createHubMetrics } from './createHubMetrics'
import { metricsHandler } from './metricsHandler'
import { parseExposition } from './parseExposition.testing'

afterEach(() => {
  vi.doUnmock('./loadPromClient')
  vi.resetModules()
})

async function scrape(registry: Promise<unknown>) {
  const resolved = (await registry) as prom.Registry
  return parseExposition(await resolved.metrics()).samples
}

describe('createHubMetrics', () => {
  it('records at once, before prom-client has loaded, and loses nothing', async () => {
    const metrics = createHubMetrics()
    metrics.connectionOpened()
    metrics.published('instant')
    metrics.delivered('instant', 10)
    const samples = await scrape(metrics.registry)
    expect(samples.get('ssehub_connections')).toBe(1)
    expect(samples.get('ssehub_events_published_total{lane="instant"}')).toBe(1)
    expect(samples.get('ssehub_events_delivered_total{lane="instant"}')).toBe(10)
    metrics.delivered('instant', 5)
    expect((await scrape(metrics.registry)).get('ssehub_events_delivered_total{lane="instant"}')).toBe(15)
  })

  it('uses a private registry by default, never the global one', async () => {
    const metrics = createHubMetrics()
    expect(await metrics.registry).not.toBe(prom.register)
    expect(prom.register.getSingleMetric('ssehub_connections')).toBeUndefined()
  })

  it('uses the given registry, prefix and module', async () => {
    const registry = new prom.Registry()
    const metrics = createHubMetrics({ registry, prefix: 'rt_', promClient: prom })
    metrics.resync('epoch')
    expect(await metrics.registry).toBe(registry)
    expect((await scrape(metrics.registry)).get('rt_resyncs_total{reason="epoch"}')).toBe(1)
  })

  it('refuses bad options at construction', () => {
    expect(() => createHubMetrics({ prefix: 'no-dash' })).toThrow(
      new HubError(
        'invalid_option',
        'metrics: prefix "no-dash" is not a valid Prometheus metric name prefix',
        {
          status: 500,
        },
      ),
    )
    const registry = new prom.Registry()
    createHubMetrics({ registry, promClient: prom })
    expect(() => createHubMetrics({ registry })).toThrow('the registry already has "ssehub_connections"')
  })

  it('reports a registry conflict found only after loading at the endpoint, not as an unhandled rejection', async () => {
    const registry = new prom.Registry()
    const first = createHubMetrics({ registry })
    const second = createHubMetrics({ registry })
    await first.registry
    const res = await new Hono().get('/metrics', metricsHandler(second.registry)).request('/metrics')
    expect(res.status).toBe(500)
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('invalid_option')
    expect(() => second.published('instant')).not.toThrow()
  })

  it('works without prom-client: a no-op recorder and a 501 endpoint', async () => {
    vi.doMock('./loadPromClient', () => ({ loadPromClient: async () => undefined }))
    const { createHubMetrics: createWithout } = await import('./createHubMetrics')
    const metrics = createWithout()
    metrics.connectionOpened()
    metrics.observeFlush(500, 0.1)
    expect(await metrics.registry).toBeUndefined()
    const res = await new Hono().get('/metrics', metricsHandler(metrics.registry)).request('/metrics')
    expect(res.status).toBe(501)
  })

  it('answers 500 metrics_unavailable when prom-client is broken', async () => {
    vi.doMock('./loadPromClient', () => ({
      loadPromClient: () => Promise.reject(new Error("Cannot find package 'tdigest'")),
    }))
    const { createHubMetrics: createBroken } = await import('./createHubMetrics')
    const res = await new Hono().get('/metrics', metricsHandler(createBroken().registry)).request('/metrics')
    expect([res.status, await res.json()]).toEqual([
      500,
      { error: { code: 'metrics_unavailable', message: 'prom-client failed to load' } },
    ])
  })
})
