import { Hono } from 'hono'
import * as prom from 'prom-client'
import { describe, expect, it } from 'vitest'
import { HubError } from '../HubError'
import { type MetricsRegistry, metricsHandler } from './metricsHandler'
import { parseExposition } from './parseExposition.testing'

function app(registry: MetricsRegistry | Promise<MetricsRegistry | undefined>) {
  return new Hono().get('/metrics', metricsHandler(registry))
}

describe('metricsHandler', () => {
  it('serves the registry with its content type', async () => {
    const registry = new prom.Registry()
    new prom.Gauge({ name: 'up_things', help: 'Things up.', registers: [registry] }).set(3)
    const res = await app(registry).request('/metrics')
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe(registry.contentType)
    expect(res.headers.get('cache-control')).toBe('no-store')
    expect(parseExposition(await res.text()).samples.get('up_things')).toBe(3)
  })

  it('accepts a promise of the registry', async () => {
    const res = await app(Promise.resolve(new prom.Registry())).request('/metrics')
    expect(res.status).toBe(200)
  })

  it('answers 501 JSON when prom-client is not installed', async () => {
    const res = await app(Promise.resolve(undefined)).request('/metrics')
    expect(res.status).toBe(501)
    expect(await res.json()).toEqual({
      error: {
        code: 'metrics_unavailable',
        message: 'Metrics need prom-client: install it next to @ssehub/server',
      },
    })
  })

  it('answers the configuration error when the metrics could not be set up', async () => {
    const failed = Promise.reject(new HubError('invalid_option', 'metrics: bad prefix', { status: 500 }))
    const res = await app(failed).request('/metrics')
    expect([res.status, await res.json()]).toEqual([
      500,
      { error: { code: 'invalid_option', message: 'metrics: bad prefix' } },
    ])
  })

  it('is a named function', () => {
    expect(metricsHandler(new prom.Registry()).name).toBe('metricsHandler')
  })
})
